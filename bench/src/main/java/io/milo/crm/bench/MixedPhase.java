package io.milo.crm.bench;

import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MixedPhase sends a fixed rate of requests for a fixed time whatever the answers' speed (an open
 * loop): 90% GETs of a random person, 10% merge patches of a random person's job title. Each
 * request's latency counts from when it was due, not when it left, so that a stalled server
 * shows up in the percentiles rather than slowing the load down.
 */
final class MixedPhase {
  private static final long TICK_MILLIS = 5;

  private MixedPhase() {}

  static void run(Run run) {
    double rate = run.options().mixedRate();
    double seconds = run.options().mixedSeconds();
    int people = run.dataset().people();
    long total = (long) (rate * seconds);
    Outcome reads = new Outcome();
    Outcome writes = new Outcome();
    Outcome all = new Outcome();
    AtomicLong issued = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    CompletableFuture<Void> done = new CompletableFuture<>();
    long start = System.nanoTime();
    long timer = run.vertx().setPeriodic(TICK_MILLIS, id -> {
      long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate));
      for (long index = issued.get(); index < due; index = issued.incrementAndGet()) {
        long dueAt = start + (long) (index / rate * 1e9);
        boolean write = index % 10 == 9;
        String path = Dataset.PEOPLE + "/" + Dataset.personName(ThreadLocalRandom.current().nextInt(people));
        Future<ApiClient.Response> response = write ? run.client().mergePatch(path, Dataset.jobTitlePatch(index))
            : run.client().get(path);
        response.onComplete(ar -> {
          long latency = System.nanoTime() - dueAt;
          Outcome kind = write ? writes : reads;
          if (ar.succeeded() && ar.result().ok()) {
            kind.success(latency);
            all.success(latency);
          } else {
            String what = ar.succeeded() ? ar.result().status() + " " + ClosedLoop.abbreviate(ar.result().body().toString())
                : String.valueOf(ar.cause());
            kind.failure(latency, what);
            all.failure(latency, what);
          }
          if (completed.incrementAndGet() == total) {
            done.complete(null);
          }
        });
      }
    });
    try {
      done.get((long) seconds + 60, TimeUnit.SECONDS);
    } catch (Exception e) {
      all.errors.addAndGet(total - completed.get());
      all.firstError.compareAndSet(null, (total - completed.get()) + " requests unanswered 60 s after the end");
    } finally {
      run.vertx().cancelTimer(timer);
    }
    long elapsed = System.nanoTime() - start;
    reads.elapsedNanos = elapsed;
    writes.elapsedNanos = elapsed;
    all.elapsedNanos = elapsed;
    String label = String.format("%.0f/s for %.0f s", rate, seconds);
    run.report().add(Row.of("mixed", "all requests, " + label, all)
        .judged("p99 <= 25 ms, zero errors", all.latencies.percentileMillis(99) <= 25 && all.errors.get() == 0));
    run.report().add(Row.of("mixed", "90% GET person", reads));
    run.report().add(Row.of("mixed", "10% PATCH person (merge patch)", writes));
    run.recordRss("mixed", "after mixed");
  }
}
