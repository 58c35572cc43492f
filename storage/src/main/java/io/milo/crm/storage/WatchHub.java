package io.milo.crm.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WatchHub is the one reader of the event log in a process, and the fan-out to every watch in it
 * (the "cacher"). It keeps a cursor (every event up to it has been read and offered to the live
 * watchers) and a bounded cache of recent events, from which a watch that resumes at a recent
 * resourceVersion is served without touching the database.
 *
 * <p>It reads when woken: by a commit in this process, by a NOTIFY from any process, or by a slow
 * timer as a safety net. One read serves every watcher. When the database is unreachable the hub
 * retries with backoff and its watchers simply wait: the log is durable, so they resume where
 * they were and lose nothing.
 *
 * <p>All state is confined to the hub's own event-loop context.
 */
final class WatchHub {
  private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);
  private static final int READ_BATCH = 1000;
  private static final int CATCH_UP_BATCH = 1000;
  private static final int INITIAL_PAGE = 500;

  private final Vertx vertx;
  private final Context context;
  private final Pool pool;
  private final StoreOptions options;
  private final Map<String, Set<Watcher>> live = new HashMap<>();
  private final ArrayDeque<StoreEvent> cache = new ArrayDeque<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private long cursor;
  private long floor;
  /** The cache holds every event after this resourceVersion up to the cursor. */
  private long cacheStart;
  private boolean reading;
  private boolean readAgain;
  private long failures;
  private long pollTimer = -1;
  private volatile long publishedCursor;
  private volatile boolean healthy;
  private boolean closed;

  private record Waiter(long rv, Promise<Void> promise, long timer) {}

  WatchHub(Vertx vertx, Context context, Pool pool, StoreOptions options) {
    this.vertx = vertx;
    this.context = context;
    this.pool = pool;
    this.options = options;
  }

  /** Starts from the database's current head; the returned future completes on the hub context. */
  Future<Void> start() {
    Promise<Void> started = Promise.promise();
    run(() -> EventLog.readAfter(pool, Long.MAX_VALUE, 1).onComplete(ar -> {
      if (ar.failed()) {
        started.fail(ar.cause());
        return;
      }
      cursor = ar.result().head();
      cacheStart = cursor;
      floor = ar.result().floor();
      publishedCursor = cursor;
      healthy = true;
      pollTimer = vertx.setPeriodic(options.pollInterval().toMillis(), id -> wake());
      started.complete();
    }));
    return started.future();
  }

  void close() {
    run(() -> {
      closed = true;
      if (pollTimer >= 0) {
        vertx.cancelTimer(pollTimer);
      }
      for (Set<Watcher> set : new ArrayList<>(live.values())) {
        for (Watcher w : new ArrayList<>(set)) {
          w.end(new StorageException.Unavailable("the store is shutting down", null));
        }
      }
      live.clear();
      for (Waiter w : waiters) {
        w.promise.tryFail(new StorageException.Unavailable("the store is shutting down", null));
      }
      waiters.clear();
    });
  }

  /** The newest resourceVersion this process has read the log up to. */
  long cursor() {
    return publishedCursor;
  }

  /** Whether the last read of the log succeeded. */
  boolean healthy() {
    return healthy;
  }

  void run(Runnable action) {
    context.runOnContext(v -> action.run());
  }

  /** Asks for a read of the log; cheap to call often (reads coalesce). */
  void wake() {
    run(this::read);
  }

  private void read() {
    if (closed) {
      return;
    }
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    readAgain = false;
    EventLog.readAfter(pool, cursor, READ_BATCH).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        onReadFailure(ar.cause());
        return;
      }
      failures = 0;
      healthy = true;
      apply(ar.result());
      if (ar.result().full() || readAgain) {
        read();
      }
    });
  }

  private void onReadFailure(Throwable error) {
    healthy = false;
    failures++;
    long delay = Math.min(2000, 50L << Math.min(failures, 6));
    if (failures == 1 || failures % 20 == 0) {
      LOG.warn("reading the event log failed ({} in a row), retrying in {} ms: {}", failures, delay, error.toString());
    }
    vertx.setTimer(delay, id -> read());
  }

  private void apply(EventLog.Batch batch) {
    floor = Math.max(floor, batch.floor());
    if (batch.floor() > cursor) {
      overtakenByCompaction(batch.floor());
    }
    for (StoreEvent event : batch.events()) {
      if (event.rv <= cursor) {
        continue;
      }
      cache.add(event);
      Set<Watcher> watchers = live.get(event.resourceKey());
      if (watchers != null) {
        for (Watcher w : watchers) {
          w.offer(event);
        }
      }
    }
    cursor = Math.max(cursor, batch.progress());
    publishedCursor = cursor;
    trimCache();
    releaseWaiters();
  }

  /**
   * History this process had not read yet is gone (it was cut off from the database for longer
   * than the window, or compaction ran close to the head): its watchers cannot be given those
   * events, so they end with 410 and relist, rather than silently miss them.
   */
  private void overtakenByCompaction(long newFloor) {
    LOG.warn("history after resourceVersion {} was compacted (floor {}) before this process read it; "
        + "ending its watches so their clients relist", cursor, newFloor);
    for (Set<Watcher> set : new ArrayList<>(live.values())) {
      for (Watcher w : new ArrayList<>(set)) {
        w.end(tooOld(cursor, newFloor));
      }
    }
    live.clear();
    cache.clear();
    cursor = newFloor;
    cacheStart = newFloor;
  }

  private void trimCache() {
    while (cache.size() > options.watchCacheEvents()) {
      cacheStart = cache.poll().rv;
    }
  }

  /** Learns of a compaction made by this process before the next read of the log reports it. */
  void raiseFloor(long newFloor) {
    run(() -> floor = Math.max(floor, newFloor));
  }

  /** Completes when the cursor reaches rv, or fails with TooLargeResourceVersion after the wait. */
  Future<Void> awaitCursor(long rv) {
    Promise<Void> promise = Promise.promise();
    run(() -> {
      if (cursor >= rv) {
        promise.complete();
        return;
      }
      long timer = vertx.setTimer(options.freshnessWait().toMillis(), id -> {
        waiters.removeIf(w -> w.promise == promise);
        promise.tryFail(new StorageException.TooLargeResourceVersion(rv, cursor));
      });
      waiters.add(new Waiter(rv, promise, timer));
      read();
    });
    return promise.future();
  }

  private void releaseWaiters() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (cursor >= w.rv) {
        vertx.cancelTimer(w.timer);
        w.promise.tryComplete();
        it.remove();
      }
    }
  }

  /** Starts a watcher: initial state if asked, then every change after its starting point. */
  void start(Watcher watcher) {
    run(() -> {
      try {
        WatchOptions o = watcher.options;
        long rv = ResourceVersions.parse(o.resourceVersion());
        if (o.startsWithState()) {
          Future<Void> fresh = rv > 0 ? awaitCursor(rv) : Future.succeededFuture();
          fresh.onComplete(ar -> run(() -> {
            if (ar.failed()) {
              watcher.end(ar.cause());
            } else {
              sendState(watcher, null, 0);
            }
          }));
        } else if (rv == 0) {
          // sendInitialEvents=false without a resourceVersion: changes after the database's head now.
          EventLog.readAfter(pool, Long.MAX_VALUE, 1).onComplete(ar -> run(() -> {
            if (ar.failed()) {
              watcher.end(Store.translate(ar.cause()).cause());
            } else {
              catchUp(watcher, ar.result().head());
            }
          }));
        } else {
          awaitCursor(rv).onComplete(ar -> run(() -> {
            if (ar.failed()) {
              watcher.end(ar.cause());
            } else {
              catchUp(watcher, rv);
            }
          }));
        }
      } catch (RuntimeException e) {
        watcher.end(e);
      }
    });
  }

  /** Sends the state as ADDED events, a page at a time as the client takes them, then catches up. */
  private void sendState(Watcher watcher, ObjectKey after, long atRv) {
    if (watcher.isEnding()) {
      return;
    }
    ListOptions list = new ListOptions(watcher.options.namespace(), watcher.options.labels(),
        watcher.options.fields(), INITIAL_PAGE, null, null, null);
    Future<ListQueries.Page> page = atRv == 0
        ? ListQueries.latest(pool, watcher.type, list, after, INITIAL_PAGE)
        : ListQueries.at(pool, watcher.type, list, atRv, after, INITIAL_PAGE);
    page.onComplete(ar -> run(() -> {
      if (ar.failed()) {
        watcher.end(Store.translate(ar.cause()).cause());
        return;
      }
      ListQueries.Page p = ar.result();
      long snapshot = atRv == 0 ? p.head() : atRv;
      if (p.floor() > snapshot) {
        watcher.end(tooOld(snapshot, p.floor()));
        return;
      }
      for (StoredObject obj : p.items()) {
        watcher.enqueue(new WatchEvent(WatchEvent.Type.ADDED, obj, obj.resourceVersion(), false), false);
      }
      if (p.more()) {
        ObjectKey last = p.items().get(p.items().size() - 1).key();
        watcher.whenDrained(() -> sendState(watcher, last, snapshot));
        return;
      }
      if (Boolean.TRUE.equals(watcher.options.sendInitialEvents())) {
        watcher.enqueue(WatchEvent.bookmark(snapshot, true), false);
      }
      catchUp(watcher, snapshot);
    }));
  }

  /** Brings a watcher from rv to the cursor (from the cache, or the database when older), then live. */
  private void catchUp(Watcher watcher, long rv) {
    if (watcher.isEnding()) {
      return;
    }
    if (rv < floor) {
      watcher.end(tooOld(rv, floor));
      return;
    }
    watcher.lastRv = Math.max(watcher.lastRv, rv);
    if (rv >= cursor) {
      goLive(watcher);
      return;
    }
    if (rv >= cacheStart) {
      replayCache(watcher, rv);
      return;
    }
    int batchSize = Math.max(1, Math.min(CATCH_UP_BATCH, options.maxPendingPerWatcher() / 2));
    EventLog.readAfter(pool, watcher.type, watcher.options.namespace(), rv, batchSize).onComplete(ar -> run(() -> {
      if (ar.failed()) {
        watcher.end(new StorageException.Unavailable("reading the event log failed: " + ar.cause().getMessage(),
            ar.cause()));
        return;
      }
      EventLog.Batch batch = ar.result();
      if (batch.floor() > rv) {
        watcher.end(tooOld(rv, batch.floor()));
        return;
      }
      for (StoreEvent event : batch.events()) {
        watcher.offer(event);
      }
      long progress = batch.progress();
      if (batch.full()) {
        watcher.whenDrained(() -> catchUp(watcher, progress));
      } else {
        catchUp(watcher, progress);
      }
    }));
  }

  /**
   * Offers the cached events after rv, at most half the watcher's queue at a time, waiting for
   * the client to take each part, then goes live.
   */
  private void replayCache(Watcher watcher, long rv) {
    String key = StoreEvent.resourceKey(watcher.type);
    int chunk = Math.max(1, options.maxPendingPerWatcher() / 2);
    int offered = 0;
    for (StoreEvent event : cache) {
      if (event.rv > rv && event.resourceKey().equals(key)) {
        watcher.offer(event);
        if (++offered == chunk) {
          long reached = event.rv;
          watcher.whenDrained(() -> catchUp(watcher, reached));
          return;
        }
      }
    }
    watcher.lastRv = Math.max(watcher.lastRv, cursor);
    goLive(watcher);
  }

  private void goLive(Watcher watcher) {
    if (closed) {
      watcher.end(new StorageException.Unavailable("the store is shutting down", null));
      return;
    }
    watcher.live = true;
    live.computeIfAbsent(StoreEvent.resourceKey(watcher.type), k -> new LinkedHashSet<>()).add(watcher);
  }

  void bookmark(Watcher watcher) {
    run(() -> {
      if (watcher.live && !watcher.isEnding()) {
        watcher.lastRv = Math.max(watcher.lastRv, cursor);
        watcher.enqueue(WatchEvent.bookmark(watcher.lastRv, false), true);
      }
    });
  }

  void remove(Watcher watcher) {
    run(() -> {
      Set<Watcher> set = live.get(StoreEvent.resourceKey(watcher.type));
      if (set != null) {
        set.remove(watcher);
        if (set.isEmpty()) {
          live.remove(StoreEvent.resourceKey(watcher.type));
        }
      }
    });
  }

  static StorageException.Expired tooOld(long requested, long floor) {
    return new StorageException.Expired("too old resource version: " + requested + " (" + floor + ")", null);
  }
}
