package io.milo.crm.bench;

import io.vertx.core.Vertx;

/** Run is what every phase works with: the flags, the clients, the dataset, the server process and the report. */
record Run(BenchOptions options, Vertx vertx, Kubeconfig kubeconfig, ApiClient client, Dataset dataset,
    ServerProcess server, Report report) {

  /** Adds the server's RSS now as a row (skipped when the process is unknown). */
  void recordRss(String phase, String when) {
    if (server == null) {
      return;
    }
    double rss = server.rssMiB();
    report.add(new Row(phase, "server RSS " + when + " (MiB)", 1, null, null, null, 0,
        String.format("VmRSS %.0f MiB, VmHWM %.0f MiB, pid %d", rss, server.peakRssMiB(), server.pid()), "", ""));
  }
}
