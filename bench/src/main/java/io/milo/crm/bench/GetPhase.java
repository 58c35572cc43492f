package io.milo.crm.bench;

import java.util.concurrent.ThreadLocalRandom;

/** GetPhase measures random single-Person GETs, first with many in flight, then with one client alone. */
final class GetPhase {
  private GetPhase() {}

  static void run(Run run) {
    int people = run.dataset().people();
    ApiClient client = run.client();
    int k = run.options().inFlight();
    double seconds = run.options().getSeconds();
    // A short warm-up so that the JIT and the connection are not what is measured.
    ClosedLoop.duration(k, 3, i -> client.get(path(people)), status -> status == 200);

    Outcome many = ClosedLoop.duration(k, seconds, i -> client.get(path(people)), status -> status == 200);
    Row row = Row.of("get", "GET person (" + k + " in flight)", many);
    Double pgSelect = run.options().pgSelectTps();
    if (pgSelect != null) {
      row = row.detail(String.format("%.2fx pgbench PK select (%.0f/s)", many.rate() / pgSelect, pgSelect));
    }
    run.report().add(row.judged(">= 10000/s, p99 <= 20 ms", many.rate() >= 10_000
        && many.latencies.percentileMillis(99) <= 20 && many.errors.get() == 0));

    Outcome one = ClosedLoop.duration(1, Math.min(seconds, 10), i -> client.get(path(people)), status -> status == 200);
    run.report().add(Row.of("get", "GET person (1 client)", one)
        .judged("p99 <= 2 ms", one.latencies.percentileMillis(99) <= 2 && one.errors.get() == 0));
  }

  private static String path(int people) {
    return Dataset.PEOPLE + "/" + Dataset.personName(ThreadLocalRandom.current().nextInt(people));
  }
}
