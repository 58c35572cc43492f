package io.milo.crm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WatchPhase opens --watchers watches on people at the current resourceVersion, then creates
 * --watch-writes people one after another (20 a second) and measures, for every write and every
 * watcher, the time from the write's 201 to its ADDED event at that watcher (an event that comes
 * before the 201 counts as 0). An event that has not come 10 s after the last write is missing.
 * The server's RSS is read while the watches are open; the people written are deleted afterwards.
 */
final class WatchPhase {
  private static final int STREAMS_PER_CONNECTION = 250;
  private static final long WRITE_INTERVAL_MILLIS = 50;

  private WatchPhase() {}

  static void run(Run run) throws InterruptedException {
    int watchers = run.options().watchers();
    int writes = run.options().watchWrites();
    String prefix = "watch-" + System.currentTimeMillis() + "-";
    long[][] arrivals = new long[writes][watchers];
    long[] created = new long[writes];
    AtomicLong received = new AtomicLong();
    AtomicInteger broken = new AtomicInteger();

    String rv = resourceVersion(run.client());
    ApiClient watchClient = ApiClient.watchClient(run.vertx(), run.kubeconfig(),
        (watchers + STREAMS_PER_CONNECTION - 1) / STREAMS_PER_CONNECTION, STREAMS_PER_CONNECTION);
    String path = Dataset.PEOPLE + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=1800&resourceVersion=" + rv;
    CountDownLatch open = new CountDownLatch(watchers);
    List<HttpClientResponse> streams = new ArrayList<>();
    long openStart = System.nanoTime();
    for (int w = 0; w < watchers; w++) {
      int watcher = w;
      watchClient.stream(path).onComplete(ar -> {
        if (ar.failed() || ar.result().statusCode() != 200) {
          broken.incrementAndGet();
          open.countDown();
          return;
        }
        HttpClientResponse response = ar.result();
        synchronized (streams) {
          streams.add(response);
        }
        RecordParser lines = RecordParser.newDelimited("\n", response);
        lines.handler(line -> {
          long now = System.nanoTime();
          int k = writeIndex(line.toString(StandardCharsets.UTF_8), prefix);
          if (k >= 0 && k < writes && arrivals[k][watcher] == 0) {
            arrivals[k][watcher] = now;
            received.incrementAndGet();
          }
        });
        response.exceptionHandler(e -> broken.incrementAndGet());
        open.countDown();
      });
    }
    boolean allOpen = open.await(120, TimeUnit.SECONDS);
    double openSeconds = (System.nanoTime() - openStart) / 1e9;
    run.recordRss("watch", "with " + watchers + " watches open, before writes");

    Outcome writesOutcome = new Outcome();
    long writeStart = System.nanoTime();
    List<Future<ApiClient.Response>> pending = new ArrayList<>();
    for (int k = 0; k < writes; k++) {
      int index = k;
      Future<ApiClient.Response> write = run.client().post(Dataset.PEOPLE, run.dataset().person(prefix + k, k))
          .onSuccess(r -> {
            if (r.status() == 201) {
              created[index] = System.nanoTime();
              writesOutcome.success(r.nanos());
            } else {
              writesOutcome.failure(r.nanos(), r.status() + " " + ClosedLoop.abbreviate(r.body().toString()));
            }
          })
          .onFailure(e -> writesOutcome.failure(0, e.toString()));
      pending.add(write);
      Thread.sleep(WRITE_INTERVAL_MILLIS);
    }
    Future.join(pending).toCompletionStage().toCompletableFuture().handle((v, e) -> v).join();
    writesOutcome.elapsedNanos = System.nanoTime() - writeStart;
    long expected = (long) writesOutcome.ok.get() * (watchers - broken.get());
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.get() < expected && System.nanoTime() < waitUntil) {
      Thread.sleep(20);
    }
    run.recordRss("watch", "with " + watchers + " watches open, after writes");

    Outcome delivery = new Outcome();
    long missing = 0;
    for (int k = 0; k < writes; k++) {
      if (created[k] == 0) {
        continue;
      }
      for (int w = 0; w < watchers; w++) {
        if (arrivals[k][w] != 0) {
          delivery.success(arrivals[k][w] - created[k]);
        } else {
          missing++;
        }
      }
    }
    delivery.elapsedNanos = writesOutcome.elapsedNanos;
    run.report().add(Row.of("watch", "POST people while watched (20/s)", writesOutcome));
    Row row = new Row("watch", "201 -> event at each of " + watchers + " watchers", delivery.ok.get(), null,
        delivery.latencies.percentileMillis(50), delivery.latencies.percentileMillis(99), missing,
        String.format("%d missing of %d; %d watches failed or broke; all open: %s in %.1f s; max %.1f ms",
            missing, writesOutcome.ok.get() * watchers, broken.get(), allOpen, openSeconds,
            delivery.latencies.percentileMillis(100)), "", "");
    run.report().add(row.judged("p99 <= 100 ms, 0 missing",
        delivery.latencies.percentileMillis(99) <= 100 && missing == 0 && broken.get() == 0 && allOpen));

    watchClient.close().toCompletionStage().toCompletableFuture().handle((v, e) -> v).join();
    ClosedLoop.count(run.options().inFlight(), writes,
        k -> run.client().delete(Dataset.PEOPLE + "/" + prefix + k), status -> status == 200 || status == 404);
  }

  /** The index k of an ADDED event for person prefix + k, or -1 for any other line. */
  static int writeIndex(String line, String prefix) {
    if (!line.contains("\"ADDED\"")) {
      return -1;
    }
    int at = line.indexOf("\"name\":\"" + prefix);
    if (at < 0) {
      return -1;
    }
    int start = at + 8 + prefix.length();
    int end = start;
    while (end < line.length() && Character.isDigit(line.charAt(end))) {
      end++;
    }
    return end == start ? -1 : Integer.parseInt(line.substring(start, end));
  }

  private static String resourceVersion(ApiClient client) {
    ApiClient.Response response = client.get(Dataset.PEOPLE + "?limit=1").toCompletionStage().toCompletableFuture().join();
    try {
      JsonNode list = Dataset.MAPPER.readTree(response.body().getBytes());
      return list.path("metadata").path("resourceVersion").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
