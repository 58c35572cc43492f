package io.milo.crm.bench;

import java.util.Arrays;

/**
 * Latencies keeps every recorded duration of one measurement and answers exact percentiles
 * (nearest rank over the sorted values, no buckets). Thread-safe: the HTTP client completes
 * requests on more than one event loop.
 */
final class Latencies {
  private long[] nanos = new long[1024];
  private int size;
  private boolean sorted = true;

  synchronized void record(long elapsedNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = Math.max(0, elapsedNanos);
    sorted = false;
  }

  synchronized int count() {
    return size;
  }

  /** The p-th percentile (0 < p ≤ 100) in milliseconds; NaN when nothing was recorded. */
  synchronized double percentileMillis(double p) {
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
