package io.milo.crm.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Bench is the load generator of docs/performance.md: it runs the selected phases of the
 * workload against a running server found through a kubeconfig, prints one table and writes the
 * same rows as JSON. hack/bench builds and starts it (and measures PostgreSQL with --baseline).
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Kubeconfig kubeconfig = Kubeconfig.read(options.kubeconfig());
    ServerProcess server = options.pid() != null ? ServerProcess.of(options.pid())
        : ServerProcess.listeningOn(kubeconfig.server().getPort());
    Report report = new Report();
    String timestamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    report.put("date", Instant.now().toString());
    report.put("machine", InetAddress.getLocalHost().getHostName() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
    report.put("server", kubeconfig.server() + (server == null ? " (process not found: no RSS)" : " pid " + server.pid()));
    report.put("n", options.n());
    report.put("phases", String.join(",", options.phases()) + (options.reuse() ? " (--reuse)" : ""));
    if (options.pgInsertTps() != null) {
      report.put("pgbench insert/s", options.pgInsertTps());
    }
    if (options.pgSelectTps() != null) {
      report.put("pgbench PK select/s", options.pgSelectTps());
    }
    if (options.pgStoreInsertTps() != null) {
      report.put("pgbench store create statement/s", options.pgStoreInsertTps());
    }
    if (options.pgSelective500Ms() != null) {
      report.put("pgbench 500-row label select ms", options.pgSelective500Ms());
    }

    // Two event loops: the client's work (TLS, HTTP/2 framing, watch parsing) shares the cores with the server.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    ApiClient client = ApiClient.create(vertx, kubeconfig);
    Run run = new Run(options, vertx, kubeconfig, client, new Dataset(options.n()), server, report);
    try {
      run.recordRss("start", "at start");
      for (String phase : BenchOptions.PHASES) {
        if (!options.phases().contains(phase) || phase.equals("create") && options.reuse()) {
          continue;
        }
        System.out.println("== " + phase);
        switch (phase) {
          case "create" -> CreatePhase.run(run);
          case "get" -> GetPhase.run(run);
          case "list-selective" -> ListSelectivePhase.run(run);
          case "list-all" -> ListAllPhase.run(run);
          case "watch" -> WatchPhase.run(run);
          case "mixed" -> MixedPhase.run(run);
          case "cold-start" -> ColdStartPhase.run(run);
          default -> throw new IllegalStateException(phase);
        }
      }
      run.recordRss("end", "at end");
    } finally {
      report.print(System.out);
      Path out = options.out() != null ? options.out() : Path.of("target", "bench", "result-" + timestamp + ".json");
      report.write(out);
      System.out.println("\nwrote " + out.toAbsolutePath());
      client.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
