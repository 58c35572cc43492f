package io.milo.crm.storage.bench;

import java.util.Arrays;

/**
 * Latencies records how long each operation of a phase took and answers percentiles over all of
 * them (nearest rank, exact: the recorded values are kept and sorted, not bucketed). Not
 * thread-safe: one phase records on one Vert.x context.
 */
final class Latencies {
  private long[] nanos = new long[1024];
  private int size;
  private boolean sorted = true;

  void record(long elapsedNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = elapsedNanos;
    sorted = false;
  }

  int count() {
    return size;
  }

  /** The p-th percentile (0 < p ≤ 100) in milliseconds; NaN when nothing was recorded. */
  double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    if (!sorted) {
      Arrays.sort(nanos, 0, size);
      sorted = true;
    }
    int rank = (int) Math.ceil(p / 100.0 * size);
    return nanos[Math.max(0, rank - 1)] / 1e6;
  }
}
