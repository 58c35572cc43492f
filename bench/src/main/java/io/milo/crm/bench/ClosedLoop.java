package io.milo.crm.bench;

import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * ClosedLoop keeps a fixed number of requests in flight, as a client with that many workers
 * does: each completion starts the next request, until a count of requests has been started or
 * a deadline has passed. A status accepted by {@code accepted} counts as success.
 */
final class ClosedLoop {
  private final int inFlight;
  private final long total;
  private final long deadlineNanos;
  private final LongFunction<Future<ApiClient.Response>> request;
  private final IntPredicate accepted;

  private final AtomicLong started = new AtomicLong();
  private final AtomicInteger running = new AtomicInteger();
  private final Outcome outcome = new Outcome();
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  private long startNanos;

  private ClosedLoop(int inFlight, long total, long durationNanos, LongFunction<Future<ApiClient.Response>> request,
      IntPredicate accepted) {
    this.inFlight = inFlight;
    this.total = total;
    this.deadlineNanos = durationNanos;
    this.request = request;
    this.accepted = accepted;
  }

  /** Sends request(0) .. request(total - 1), inFlight at a time; waits for all of them. */
  static Outcome count(int inFlight, long total, LongFunction<Future<ApiClient.Response>> request, IntPredicate accepted) {
    return new ClosedLoop(inFlight, total, Long.MAX_VALUE, request, accepted).run();
  }

  /** Sends requests, inFlight at a time, for seconds; waits for the last ones. */
  static Outcome duration(int inFlight, double seconds, LongFunction<Future<ApiClient.Response>> request,
      IntPredicate accepted) {
    return new ClosedLoop(inFlight, Long.MAX_VALUE, (long) (seconds * 1e9), request, accepted).run();
  }

  private Outcome run() {
    startNanos = System.nanoTime();
    int workers = (int) Math.min(inFlight, total);
    running.set(workers);
    if (workers == 0) {
      return outcome;
    }
    for (int w = 0; w < workers; w++) {
      next();
    }
    Outcome result = done.join();
    result.elapsedNanos = System.nanoTime() - startNanos;
    return result;
  }

  private void next() {
    long index = started.getAndIncrement();
    if (index >= total || System.nanoTime() - startNanos >= deadlineNanos) {
      if (running.decrementAndGet() == 0) {
        done.complete(outcome);
      }
      return;
    }
    long sent = System.nanoTime();
    Future<ApiClient.Response> response;
    try {
      response = request.apply(index);
    } catch (RuntimeException e) {
      response = Future.failedFuture(e);
    }
    response.onComplete(ar -> {
      if (ar.succeeded() && accepted.test(ar.result().status())) {
        outcome.success(ar.result().nanos());
      } else if (ar.succeeded()) {
        outcome.failure(ar.result().nanos(), ar.result().status() + " " + abbreviate(ar.result().body().toString()));
      } else {
        outcome.failure(System.nanoTime() - sent, String.valueOf(ar.cause()));
      }
      next();
    });
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
