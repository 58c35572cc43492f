package io.milo.crm.storage.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Result is one line of the report: a rate with its latencies, or latencies alone, or the time of
 * a complete list; what the lists returned; the pgbench rate it compares with; and the errors.
 * Figures that do not apply are null, and left out of the JSON.
 *
 * @param id a stable name for comparing runs, e.g. "get-one-client"
 * @param measure what was measured, as the table shows it
 * @param perSecond successful operations per second
 * @param unit what perSecond counts, e.g. "objects/s"
 * @param p50Ms median latency of one operation (for lists: one complete list)
 * @param p99Ms 99th percentile latency
 * @param seconds median time of one complete list
 * @param items items one complete list returned
 * @param pages pages one complete list took
 * @param baselineTps the pgbench rate of the same kind of statement on the same machine
 * @param ratio perSecond ÷ baselineTps
 * @param operations operations measured (for lists: complete lists; batched: transactions)
 * @param errors operations that failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Result(String id, String measure, Double perSecond, String unit, Double p50Ms, Double p99Ms, Double seconds,
    Integer items, Integer pages, Double baselineTps, Double ratio, int operations, int errors) {

  /** A throughput with its latencies, compared with a pgbench rate when there is one. */
  static Result rate(String id, String measure, String unit, Load.Outcome outcome, Double baselineTps) {
    double perSecond = outcome.perSecond();
    Double ratio = baselineTps == null ? null : perSecond / baselineTps;
    return new Result(id, measure, perSecond, unit, p(outcome, 50), p(outcome, 99), null, null, null, baselineTps,
        ratio, outcome.operations(), outcome.errors());
  }

  /**
   * The rate of objects written by transactions of several objects each, with the latencies of
   * the transactions.
   */
  static Result batched(String id, String measure, int objects, Load.Outcome outcome) {
    double perSecond = objects * 1e9 / outcome.elapsedNanos();
    return new Result(id, measure, perSecond, "objects/s", p(outcome, 50), p(outcome, 99), null, null, null, null,
        null, outcome.operations(), outcome.errors());
  }

  /** Latencies of complete lists (or of single operations when listing is null). */
  static Result latency(String id, String measure, Load.Outcome outcome, Phases.Listing listing) {
    return new Result(id, measure, null, null, p(outcome, 50), p(outcome, 99), null, items(listing), pages(listing),
        null, null, outcome.operations(), outcome.errors());
  }

  /** The median time of a complete list, in seconds. */
  static Result duration(String id, String measure, Load.Outcome outcome, Phases.Listing listing) {
    return new Result(id, measure, null, null, null, null, p(outcome, 50) / 1000, items(listing), pages(listing),
        null, null, outcome.operations(), outcome.errors());
  }

  /** The figures as the table's "ours" column shows them. */
  String ours() {
    StringBuilder text = new StringBuilder();
    if (perSecond != null) {
      text.append(String.format("%,.0f %s, ", perSecond, unit));
    }
    if (p50Ms != null) {
      text.append(String.format("p50 %s ms, p99 %s ms", millis(p50Ms), millis(p99Ms)));
    }
    if (seconds != null) {
      text.append(String.format("%.2f s median", seconds));
    }
    text.append(String.format(", n=%,d", operations));
    if (items != null) {
      text.append(String.format(" (%,d items, %,d pages)", items, pages));
    }
    return text.toString();
  }

  private static String millis(double ms) {
    return ms < 10 ? String.format("%.2f", ms) : String.format("%.1f", ms);
  }

  private static Double p(Load.Outcome outcome, double percentile) {
    return outcome.latencies().percentileMillis(percentile);
  }

  private static Integer items(Phases.Listing listing) {
    return listing == null ? null : listing.items();
  }

  private static Integer pages(Phases.Listing listing) {
    return listing == null ? null : listing.pages();
  }
}
