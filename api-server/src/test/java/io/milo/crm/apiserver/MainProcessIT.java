package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.milo.crm.testing.TestDatabase;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    Vertx vertx = Vertx.vertx();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int ready = 0;
      HttpClient http = null;
      while (ready != 200 && System.nanoTime() < deadline && server.isAlive()) {
        if (http == null && Files.exists(dataDir.resolve("kubeconfig"))) {
          // The kubeconfig is written once serving: from then on, trust only the server's own certificate.
          http = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
              .setTrustOptions(new PemTrustOptions().addCertPath(dataDir.resolve("serving.crt").toString())));
        }
        if (http != null) {
          ready = get(vertx, http, port, "/readyz", null).statusCode();
        } else {
          Thread.sleep(50);
        }
      }
      assertThat(ready).as("readyz; log:\n%s", log()).isEqualTo(200);
      String token = Files.readString(dataDir.resolve("admin-token")).trim();
      assertThat(Files.readString(dataDir.resolve("kubeconfig"))).contains("https://127.0.0.1:" + port).contains(token);
      Answer people = get(vertx, http, port, "/apis/crm.milo.io/v1alpha1/people", token);
      assertThat(people.statusCode()).isEqualTo(200);
      assertThat(people.body()).contains("\"kind\":\"PersonList\"");
      assertThat(get(vertx, http, port, "/apis/crm.milo.io/v1alpha1/people", null).statusCode()).isEqualTo(401);

      server.destroy(); // SIGTERM
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM; log:\n%s", log()).isTrue();
    } finally {
      server.destroyForcibly();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  record Answer(int statusCode, String body) {}

  /** A GET started on a Vert.x context (so the body handler is attached as the response arrives). */
  private static Answer get(Vertx vertx, HttpClient http, int port, String path, String token) throws Exception {
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(path);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    Promise<Answer> answered = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> http.request(options)
        .compose(req -> req.send().compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString()))))
        .onComplete(answered));
    try {
      return answered.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException notListening) {
      return new Answer(0, String.valueOf(notListening.getCause()));
    }
  }

  private String log() throws java.io.IOException {
    return Files.readString(dataDir.resolve("server.log"));
  }
}
