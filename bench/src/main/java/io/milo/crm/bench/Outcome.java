package io.milo.crm.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Outcome is what a run of requests measured: each request's latency, how many succeeded and
 * failed (with the first failure, for the report), and the wall time of the whole run.
 */
final class Outcome {
  final Latencies latencies = new Latencies();
  final AtomicLong ok = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicReference<String> firstError = new AtomicReference<>();
  volatile long elapsedNanos;

  void success(long nanos) {
    latencies.record(nanos);
    ok.incrementAndGet();
  }

  void failure(long nanos, String what) {
    latencies.record(nanos);
    errors.incrementAndGet();
    firstError.compareAndSet(null, what);
  }

  /** Successful requests per second of wall time. */
  double rate() {
    return elapsedNanos == 0 ? 0 : ok.get() / (elapsedNanos / 1e9);
  }
}
