package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.milo.crm.testing.TestDatabase;
import io.vertx.pgclient.PgConnectOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as the README starts it: Main in its own JVM on a database URL becomes ready, serves
 * the API to the admin token it wrote, and stops cleanly on SIGTERM, as a pod is stopped.
 */
class MainProcessIT {
  @TempDir
  Path dataDir;

  @Test
  void startsServesAndStopsOnSigterm() throws Exception {
    PgConnectOptions db = TestDatabase.newDatabase();
    String dbUrl = "postgresql://" + db.getUser() + "@" + db.getHost() + ":" + db.getPort() + "/" + db.getDatabase();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process server = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        "io.milo.crm.apiserver.Main", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
        "--db-url", dbUrl)).redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().sslContext(trustingLoopback()).build();
      URI base = URI.create("https://127.0.0.1:" + port);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int ready = 0;
      while (ready != 200 && System.nanoTime() < deadline && server.isAlive()) {
        try {
          ready = http.send(HttpRequest.newBuilder(base.resolve("/readyz")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException notYet) {
          Thread.sleep(50);
        }
      }
      assertThat(ready).as("readyz; log:\n%s", log()).isEqualTo(200);
      String token = Files.readString(dataDir.resolve("admin-token")).trim();
      assertThat(Files.readString(dataDir.resolve("kubeconfig"))).contains("https://127.0.0.1:" + port).contains(token);
      HttpResponse<String> people = http.send(HttpRequest.newBuilder(base.resolve("/apis/crm.milo.io/v1alpha1/people"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(people.statusCode()).isEqualTo(200);
      assertThat(people.body()).contains("\"kind\":\"PersonList\"");
      HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(base.resolve("/apis/crm.milo.io/v1alpha1/people"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);

      server.destroy(); // SIGTERM
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM; log:\n%s", log()).isTrue();
    } finally {
      server.destroyForcibly();
    }
  }

  private String log() throws java.io.IOException {
    return Files.readString(dataDir.resolve("server.log"));
  }

  /** Trusts any certificate: only for the server this test started, on loopback. */
  private static SSLContext trustingLoopback() throws Exception {
    TrustManager any = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {any}, new SecureRandom());
    return context;
  }
}
