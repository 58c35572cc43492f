package io.milo.crm.storage.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Result is one line of the report: a rate with its latencies, or latencies alone, or the time of
 * a complete list; what the lists returned; the pgbench rate it compares with; and the errors.
 * Figures that do not apply are null, and left out of the JSON.
 *
 * @param id a stable name for comparing runs, e.g. "get-one-client"
 * @param measure what was measured, as the table shows it
 * @param perSecond successful operations (or objects, when batched) per second
 * @param unit what perSecond counts, e.g. "objects/s"
 * @param p50Ms median latency of one operation (for lists: one complete list)
 * @param p99Ms 99th percentile latency
 * @param seconds median time of one complete list
 * @param items items the last complete list returned
 * @param pages pages it took
 * @param baselineTps the pgbench rate of the same kind of statement on the same machine
 * @param ratio perSecond ÷ baselineTps
 * @param operations operations measured (lists: complete lists; batched: transactions)
 * @param errors operations that failed
 * @param note what else the figures need to be read right, e.g. a list cut off at its time limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Result(String id, String measure, Double perSecond, String unit, Double p50Ms, Double p99Ms, Double seconds,
    Integer items, Integer pages, Double baselineTps, Double ratio, int operations, int errors, String note) {

  /** A throughput with its latencies, compared with a pgbench rate when there is one. */
  static Result rate(String id, String measure, String unit, Load.Outcome outcome, Double baselineTps) {
    double perSecond = outcome.perSecond();
    Double ratio = baselineTps == null ? null : perSecond / baselineTps;
    Latencies latencies = outcome.latencies();
    return new Result(id, measure, perSecond, unit, p(latencies, 50), p(latencies, 99), null, null, null,
        baselineTps, ratio, outcome.operations(), outcome.errors(), null);
  }

  /**
   * The rate of objects written by transactions of several objects each, with the latencies of
   * the transactions.
   */
  static Result batched(String id, String measure, int objects, Load.Outcome outcome) {
    double perSecond = objects * 1e9 / outcome.elapsedNanos();
    Latencies latencies = outcome.latencies();
    return new Result(id, measure, perSecond, "objects/s", p(latencies, 50), p(latencies, 99), null, null, null,
        null, null, outcome.operations(), outcome.errors(), null);
  }

  /** Latencies of single operations. */
  static Result latency(String id, String measure, Load.Outcome outcome) {
    Latencies latencies = outcome.latencies();
    return new Result(id, measure, null, null, p(latencies, 50), p(latencies, 99), null, null, null, null, null,
        outcome.operations(), outcome.errors(), null);
  }

  /** Latencies of complete lists, and what the last list returned. */
  static Result lists(String id, String measure, Phases.ListRun run) {
    Latencies complete = run.complete();
    return new Result(id, measure, null, null, p(complete, 50), p(complete, 99), null, items(run), pages(run), null,
        null, complete.count(), run.outcome().errors(), unfinished(run, 0));
  }

  /**
   * The median time of complete lists of all total items, in seconds, and how far a list the time
   * limit cut off got.
   */
  static Result fullLists(String id, String measure, Phases.ListRun run, int total) {
    Latencies complete = run.complete();
    Double seconds = complete.count() == 0 ? null : complete.percentileMillis(50) / 1000;
    return new Result(id, measure, null, null, null, null, seconds, items(run), pages(run), null, null,
        complete.count(), run.outcome().errors(), unfinished(run, total));
  }

  /** The figures as the table's "ours" column shows them. */
  String ours() {
    List<String> parts = new ArrayList<>();
    if (perSecond != null) {
      parts.add(String.format("%,.0f %s", perSecond, unit));
    }
    if (p50Ms != null) {
      parts.add(String.format("p50 %s ms, p99 %s ms", millis(p50Ms), millis(p99Ms)));
    }
    if (seconds != null) {
      parts.add(String.format("%.2f s median", seconds));
    }
    parts.add(String.format("n=%,d", operations));
    if (items != null) {
      parts.add(String.format("%,d items in %,d pages", items, pages));
    }
    if (note != null) {
      parts.add(note);
    }
    return String.join(", ", parts);
  }

  /** How far the list the time limit cut off got (total: the items a complete list has, or 0). */
  private static String unfinished(Phases.ListRun run, int total) {
    Phases.Listing cut = run.cutOff();
    if (cut == null) {
      return null;
    }
    String items = total > 0 ? String.format("%,d of %,d", cut.items(), total) : String.format("%,d", cut.items());
    return String.format("cut off at %.1f s: %s items in %,d pages", cut.seconds(), items, cut.pages());
  }

  private static String millis(double ms) {
    return ms < 10 ? String.format("%.2f", ms) : String.format("%.1f", ms);
  }

  private static Double p(Latencies latencies, double percentile) {
    return latencies.count() == 0 ? null : latencies.percentileMillis(percentile);
  }

  private static Integer items(Phases.ListRun run) {
    return run.lastComplete() == null ? null : run.lastComplete().items();
  }

  private static Integer pages(Phases.ListRun run) {
    return run.lastComplete() == null ? null : run.lastComplete().pages();
  }
}
