package io.milo.crm.bench;

/**
 * Row is one line of the result table: a measure of a phase, its rate and latency percentiles
 * (null where they do not apply), errors, a free-form detail, and the target with its verdict.
 */
record Row(String phase, String measure, long count, Double perSecond, Double p50Ms, Double p99Ms, long errors,
    String detail, String target, String verdict) {

  static Row of(String phase, String measure, Outcome outcome) {
    return new Row(phase, measure, outcome.ok.get() + outcome.errors.get(), outcome.rate(),
        outcome.latencies.percentileMillis(50), outcome.latencies.percentileMillis(99), outcome.errors.get(),
        outcome.firstError.get() == null ? "" : "first error: " + outcome.firstError.get(), "", "");
  }

  Row detail(String text) {
    return new Row(phase, measure, count, perSecond, p50Ms, p99Ms, errors,
        detail.isEmpty() ? text : text + "; " + detail, target, verdict);
  }

  /** This row judged against target: met is whether the measurement satisfies it. */
  Row judged(String target, boolean met) {
    return new Row(phase, measure, count, perSecond, p50Ms, p99Ms, errors, detail, target, met ? "met" : "NOT met");
  }

  /** This row with a target that is only indicative at this N (the target is stated for another N). */
  Row indicative(String target, boolean met) {
    return new Row(phase, measure, count, perSecond, p50Ms, p99Ms, errors, detail, target,
        (met ? "met" : "NOT met") + " (indicative)");
  }
}
