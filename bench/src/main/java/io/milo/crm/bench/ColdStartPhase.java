package io.milo.crm.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ColdStartPhase times the server's start on an existing database: a second server process on the
 * database the server under test uses (--server-db-url), from launching its JVM to its first
 * /readyz 200, as a restarted pod would see it. A first launch, not counted, creates the data
 * directory's certificates, so the measured ones start like a pod with its Secret mounted.
 */
final class ColdStartPhase {
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private static final String TARGET = "<= 3 s (median)";

  private ColdStartPhase() {}

  static void run(Run run) throws Exception {
    String dbUrl = run.options().serverDbUrl();
    Path classes = Path.of("api-server", "target", "classes");
    Path classpath = Path.of("api-server", "target", "classpath.txt");
    String skipped = dbUrl == null ? "needs --server-db-url, the database the server under test uses"
        : !Files.isDirectory(classes) || !Files.isRegularFile(classpath)
        ? "the server is not built here (hack/run-local.sh builds it)" : null;
    if (skipped != null) {
      System.out.println("  cold-start skipped: " + skipped);
      run.report().add(new Row("cold-start", "launch to /readyz 200, existing database", 0, null, null, null, 0,
          "skipped: " + skipped, TARGET, "not measured"));
      return;
    }
    Path dataDir = Files.createTempDirectory("milo-crm-cold-start");
    List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
        classes + java.io.File.pathSeparator + Files.readString(classpath).trim(), "io.milo.crm.apiserver.Main",
        "--port", "0", "--data-dir", dataDir.toString(), "--db-url", dbUrl);
    Outcome starts = new Outcome();
    long began = System.nanoTime();
    List<String> details = new ArrayList<>();
    for (int i = 0; i <= run.options().coldStartRuns(); i++) {
      int port = freePort();
      List<String> launch = new ArrayList<>(command);
      launch.set(launch.indexOf("--port") + 1, Integer.toString(port));
      long started = System.nanoTime();
      Process server = new ProcessBuilder(launch).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try {
        boolean ready = awaitReady(run, dataDir.resolve("kubeconfig"), port, server);
        long nanos = System.nanoTime() - started;
        if (i == 0) {
          continue; // the first launch writes the certificates
        }
        if (ready) {
          starts.success(nanos);
          details.add(String.format("%.0f ms", nanos / 1e6));
        } else {
          starts.failure(nanos, server.isAlive() ? "not ready within " + READY_WITHIN.toSeconds() + " s"
              : "exited with " + server.exitValue());
        }
      } finally {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
          server.destroyForcibly().waitFor();
        }
      }
    }
    starts.elapsedNanos = System.nanoTime() - began;
    Row row = Row.of("cold-start", "launch to /readyz 200, existing database", starts)
        .detail("runs: " + String.join(", ", details));
    Double median = starts.latencies.percentileMillis(50);
    run.report().add(row.judged(TARGET, starts.errors.get() == 0 && median != null && median <= 3_000));
  }

  /**
   * Polls /readyz with the kubeconfig the launched server writes (its CA and token), once that names
   * this launch's port: the same verified TLS as every other phase.
   */
  private static boolean awaitReady(Run run, Path kubeconfigFile, int port, Process server) throws InterruptedException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    ApiClient client = null;
    try {
      while (System.nanoTime() < deadline && server.isAlive()) {
        if (client == null && Files.exists(kubeconfigFile)) {
          Kubeconfig written = readIfComplete(kubeconfigFile);
          if (written != null && written.server().getPort() == port) {
            client = ApiClient.create(run.vertx(), written);
          }
        }
        if (client != null) {
          try {
            if (client.get("/readyz").toCompletionStage().toCompletableFuture().get().status() == 200) {
              return true;
            }
          } catch (java.util.concurrent.ExecutionException notYet) {
            // not listening yet
          }
        }
        Thread.sleep(10);
      }
      return false;
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  /** The kubeconfig, or null while the server is still writing it. */
  private static Kubeconfig readIfComplete(Path file) {
    try {
      return Kubeconfig.read(file);
    } catch (RuntimeException partlyWritten) {
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
