package io.milo.crm.storage.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Load starts asynchronous operations one after another on a single Vert.x context, keeping a
 * fixed number in flight, until a given number have started or a time limit has passed, then
 * completes once the last one has finished. It records every operation's latency and counts the
 * failures. Its counters are only touched on that context's thread, so nothing blocks and nothing
 * is shared.
 */
final class Load {
  /**
   * What a run of operations did.
   *
   * @param operations how many finished, failed or not
   * @param errors how many of those failed
   * @param elapsedNanos from the first start to the last completion
   * @param latencies every operation's latency, failures included
   * @param firstError the first failure, or null
   */
  record Outcome(int operations, int errors, long elapsedNanos, Latencies latencies, Throwable firstError) {
    /** Successful operations per second. */
    double perSecond() {
      return (operations - errors) * 1e9 / elapsedNanos;
    }
  }

  private final Context context;
  private final int inFlightLimit;
  private final int maxOperations;
  private final long maxNanos;
  private final IntFunction<Future<?>> operation;
  private final Latencies latencies = new Latencies();
  private final Promise<Outcome> done = Promise.promise();
  private long startedAt;
  private int started;
  private int inFlight;
  private int finished;
  private int errors;
  private Throwable firstError;
  private boolean filling;

  private Load(Context context, int inFlightLimit, int maxOperations, long maxNanos,
      IntFunction<Future<?>> operation) {
    this.context = context;
    this.inFlightLimit = inFlightLimit;
    this.maxOperations = maxOperations;
    this.maxNanos = maxNanos;
    this.operation = operation;
  }

  /** Runs operation(0), operation(1), ... maxOperations times, inFlight at a time. */
  static Future<Outcome> count(Context context, int inFlight, int maxOperations, IntFunction<Future<?>> operation) {
    return start(new Load(context, inFlight, maxOperations, Long.MAX_VALUE, operation));
  }

  /** Runs operation(0), operation(1), ... for about the given time, inFlight at a time. */
  static Future<Outcome> timed(Context context, int inFlight, Duration duration, IntFunction<Future<?>> operation) {
    return run(context, inFlight, Integer.MAX_VALUE, duration, operation);
  }

  /**
   * Runs operation(0), operation(1), ... inFlight at a time, starting no more than maxOperations
   * and none after maxDuration (those in flight then still finish).
   */
  static Future<Outcome> run(Context context, int inFlight, int maxOperations, Duration maxDuration,
      IntFunction<Future<?>> operation) {
    return start(new Load(context, inFlight, maxOperations, maxDuration.toNanos(), operation));
  }

  private static Future<Outcome> start(Load load) {
    load.context.runOnContext(v -> {
      load.startedAt = System.nanoTime();
      load.fill();
    });
    return load.done.future();
  }

  /** Starts operations until the limit is reached; re-entered by operations that complete at once. */
  private void fill() {
    if (filling) {
      return;
    }
    filling = true;
    while (inFlight < inFlightLimit && mayStart()) {
      launch(started++);
    }
    filling = false;
    if (inFlight == 0 && !mayStart()) {
      done.tryComplete(new Outcome(finished, errors, System.nanoTime() - startedAt, latencies, firstError));
    }
  }

  private boolean mayStart() {
    return started < maxOperations && System.nanoTime() - startedAt < maxNanos;
  }

  private void launch(int index) {
    inFlight++;
    long begin = System.nanoTime();
    Future<?> result;
    try {
      result = operation.apply(index);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      long elapsed = System.nanoTime() - begin;
      if (Vertx.currentContext() == context) {
        finish(elapsed, ar.cause());
      } else {
        context.runOnContext(v -> finish(elapsed, ar.cause()));
      }
    });
  }

  /** Counts one finished operation (error: its failure, or null) on the load's context. */
  private void finish(long elapsedNanos, Throwable error) {
    latencies.record(elapsedNanos);
    inFlight--;
    finished++;
    if (error != null) {
      errors++;
      if (firstError == null) {
        firstError = error;
      }
    }
    fill();
  }
}
