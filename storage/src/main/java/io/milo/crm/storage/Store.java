package io.milo.crm.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.pg.Migrations;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store keeps Kubernetes-shaped objects in PostgreSQL with the semantics of the kube-apiserver's
 * etcd3 store and watch cache: one global resourceVersion that grows in commit order, optimistic
 * concurrency, label and field selectors answered from indexes, paged lists that are snapshots,
 * and watches from any retained resourceVersion that never skip, repeat or reorder an event,
 * whichever process made the write. See docs/storage.md for how and why.
 *
 * <p>One Store per process. Several processes may share a database; they agree on everything
 * through it.
 */
public final class Store {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);

  private final Vertx vertx;
  private final StoreOptions options;
  private final Pool pool;
  private final WatchHub hub;
  private final Compactor compactor;
  private static final long STATISTICS_INTERVAL_MS = 10 * 60 * 1000;
  private long statisticsTimer = -1;
  private final PgSubscriber subscriber;
  private final WriteBatcher batcher;
  private final List<String> deployments;
  private long compactionTimer = -1;

  private Store(Vertx vertx, StoreOptions options, Pool pool, WatchHub hub, PgSubscriber subscriber,
      Context writerContext, List<String> deployments) {
    this.vertx = vertx;
    this.options = options;
    this.pool = pool;
    this.hub = hub;
    this.subscriber = subscriber;
    this.deployments = deployments;
    this.compactor = new Compactor(pool);
    this.batcher = new WriteBatcher(vertx, pool, writerContext, options.unitTimeout(), hub::wake);
  }

  /** Connects, brings the schema up to date, and starts following the event log. */
  public static Future<Store> open(Vertx vertx, StoreOptions options) {
    PgConnectOptions connect = connectOptions(options.database());
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(options.poolSize()).setName("milo-crm-store-" + System.identityHashCode(vertx)))
        .connectingTo(connect)
        .using(vertx)
        .build();
    ContextVerticle hubVerticle = new ContextVerticle();
    ContextVerticle writerVerticle = new ContextVerticle();
    return Migrations.migrate(pool)
        .compose(v -> Future.all(vertx.deployVerticle(hubVerticle), vertx.deployVerticle(writerVerticle)))
        .compose(deployed -> {
          WatchHub hub = new WatchHub(vertx, hubVerticle.context(), pool, options);
          PgSubscriber subscriber = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(attempt -> 250L);
          subscriber.channel(EventLog.CHANNEL).handler(payload -> hub.wake()).subscribeHandler(v -> hub.wake());
          Store store = new Store(vertx, options, pool, hub, subscriber, writerVerticle.context(),
              List.of(deployed.<String>resultAt(0), deployed.<String>resultAt(1)));
          return hub.start()
              .compose(v -> subscriber.connect().recover(err -> {
                LOG.warn("LISTEN connection failed, relying on polling until it reconnects: {}", err.toString());
                return Future.succeededFuture();
              }))
              .map(v -> store.startCompaction());
        })
        .onFailure(err -> {
          for (ContextVerticle verticle : List.of(hubVerticle, writerVerticle)) {
            if (verticle.deploymentID() != null) {
              vertx.undeploy(verticle.deploymentID());
            }
          }
          pool.close();
        });
  }

  private static PgConnectOptions connectOptions(PgConnectOptions given) {
    PgConnectOptions connect = new PgConnectOptions(given);
    Map<String, String> props = new HashMap<>(connect.getProperties());
    props.put("application_name", "milo-crm-apiserver");
    // A writer that stalls while holding the resourceVersion lock stalls every writer; the
    // database ends such a transaction rather than let it hang.
    props.putIfAbsent("idle_in_transaction_session_timeout", "30000");
    // Short statements on small result sets: compiling them would cost more than running them.
    props.putIfAbsent("jit", "off");
    connect.setProperties(props);
    // Every statement the store sends is one of a few shapes: parse and plan each once per connection.
    connect.setCachePreparedStatements(true);
    return connect;
  }

  private Store startCompaction() {
    compactionTimer = vertx.setPeriodic(options.compactionInterval().toMillis(), id -> compact()
        .onFailure(err -> LOG.warn("compaction failed: {}", err.toString())));
    refreshStatistics();
    statisticsTimer = vertx.setPeriodic(STATISTICS_INTERVAL_MS, id -> refreshStatistics());
    return this;
  }

  /**
   * Refreshes the planner's statistics of the tables lists read. Autovacuum does this where it runs;
   * where it is off (or has not caught up after a bulk load) a selective list would otherwise be
   * planned as if the tables were empty and scan every object: measured 397 ms instead of 1.8 ms at
   * 10k objects (docs/performance.md). Sampled, so cheap at any size.
   */
  private void refreshStatistics() {
    pool.query("ANALYZE objects, object_terms").execute()
        .onFailure(err -> LOG.warn("refreshing table statistics failed: {}", err.toString()));
  }

  /** Stops watches, timers and connections. */
  public Future<Void> close() {
    if (compactionTimer >= 0) {
      vertx.cancelTimer(compactionTimer);
    }
    if (statisticsTimer >= 0) {
      vertx.cancelTimer(statisticsTimer);
    }
    hub.close();
    return subscriber.close()
        .eventually(() -> Future.join(deployments.stream().map(vertx::undeploy).toList()))
        .eventually(() -> pool.close());
  }

  // ---- units of work and writes ----

  /**
   * Runs work as one unit of work that holds the store's write lock throughout (see {@link Tx}),
   * committing when its future succeeds and rolling back all of it when it fails. Units are
   * group-committed (see {@link WriteBatcher}); work must use only the Tx and must not wait on
   * anything else, since every writer waits for it. Use it when a write must depend on reads of other
   * objects, or several writes must happen together.
   */
  public <T> Future<T> inTransaction(Function<Tx, Future<T>> work) {
    return batcher.submit(work);
  }

  public Future<StoredObject> create(ResourceType type, ObjectNode object) {
    return inTransaction(tx -> tx.create(type, object));
  }

  /** Replaces the object when the preconditions hold (typically its resourceVersion). */
  public Future<StoredObject> update(ResourceType type, ObjectNode object, Preconditions preconditions) {
    return inTransaction(tx -> tx.update(type, object, preconditions));
  }

  /** Deletes the object; returns its last state carrying the deletion's resourceVersion. */
  public Future<StoredObject> delete(ResourceType type, ObjectKey key, Preconditions preconditions) {
    return inTransaction(tx -> tx.delete(type, key, preconditions));
  }

  /**
   * Read, mutate, write, retrying on a concurrent change: reads the object, computes its next
   * state with update outside any lock, then in a transaction re-reads it; if another write got
   * in first, update runs again on the fresh object. Preconditions are checked against the
   * object update sees. check runs in the transaction just before the write. An update that
   * changes nothing writes nothing and returns the current object.
   */
  public Future<StoredObject> guaranteedUpdate(ResourceType type, ObjectKey key, Preconditions preconditions,
      UpdateFunction update, WriteCheck check) {
    return get(type, key).compose(seen -> {
      ObjectNode candidate;
      try {
        preconditions.check(type, seen);
        candidate = update.apply(seen);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      return inTransaction(tx -> {
        PgTx pgTx = (PgTx) tx;
        return pgTx.read(type, key).compose(found -> {
          CurrentRow fresh = found.orElseThrow(() -> new StorageException.NotFound(type, key));
          ObjectNode next = candidate;
          if (fresh.object().resourceVersion() != seen.resourceVersion()) {
            preconditions.check(type, fresh.object());
            next = update.apply(fresh.object());
          }
          ObjectKey nextKey = PgTx.keyOf(type, next);
          if (!nextKey.equals(key)) {
            throw new StorageException.BadRequest("an update cannot change the object's name or namespace");
          }
          ObjectNode toWrite = next;
          return check.check(tx, fresh.object(), toWrite).compose(v -> pgTx.write(type, key, toWrite.deepCopy(), fresh));
        });
      });
    });
  }

  // ---- reads ----

  public Future<StoredObject> get(ResourceType type, ObjectKey key) {
    return pool.preparedQuery(ObjectSql.SELECT_ONE)
        .execute(Tuple.of(type.group(), type.resource(), key.namespace(), key.name()))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            throw new StorageException.NotFound(type, key);
          }
          return ObjectSql.object(type, it.next(), 0);
        })
        .recover(Store::translate);
  }

  /** The current objects among keys (missing ones left out), in one query whatever their number. */
  public Future<List<StoredObject>> getMany(ResourceType type, List<ObjectKey> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String[] namespaces = keys.stream().map(ObjectKey::namespace).toArray(String[]::new);
    String[] names = keys.stream().map(ObjectKey::name).toArray(String[]::new);
    return pool.preparedQuery(ObjectSql.SELECT_MANY)
        .execute(Tuple.of(type.group(), type.resource(), namespaces, names))
        .map(rows -> {
          List<StoredObject> found = new java.util.ArrayList<>();
          rows.forEach(row -> found.add(ObjectSql.object(type, row, 0)));
          return found;
        })
        .recover(Store::translate);
  }

  /**
   * How many current objects have each of the given values in a selectable field (values no object
   * has are left out), in one query over the term index.
   */
  public Future<java.util.Map<String, Long>> countByField(ResourceType type, String field, List<String> values) {
    if (!type.selectableFields().contains(field)) {
      return Future.failedFuture(new IllegalArgumentException(field + " is not a selectable field of " + type.qualifiedName()));
    }
    if (values.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return pool.preparedQuery(ObjectSql.COUNT_BY_FIELD)
        .execute(Tuple.of(type.group(), type.resource(), field, values.toArray(String[]::new)))
        .map(rows -> {
          java.util.Map<String, Long> counts = new java.util.HashMap<>();
          rows.forEach(row -> counts.put(row.getString(0), row.getLong(1)));
          return counts;
        })
        .recover(Store::translate);
  }

  /** One page of a list, with the resourceVersion semantics of metav1.ListOptions. */
  public Future<ListResult> list(ResourceType type, ListOptions options) {
    try {
      options.fields().requireSupported(type.supportedFieldSelectors());
      return new ListPlan(type, options, pool, hub).run().recover(Store::translate);
    } catch (RuntimeException e) {
      return translate(e);
    }
  }

  /**
   * Starts a watch. Its events reach the listener on the calling Vert.x context (or a new one
   * when called from outside Vert.x). Invalid options throw at once.
   */
  public Watch watch(ResourceType type, WatchOptions watchOptions, WatchListener listener) {
    watchOptions.fields().requireSupported(type.supportedFieldSelectors());
    ResourceVersions.parse(watchOptions.resourceVersion());
    Context context = vertx.getOrCreateContext();
    Watcher watcher = new Watcher(hub, type, watchOptions, context, listener, options.maxPendingPerWatcher());
    hub.start(watcher);
    return watcher;
  }

  /** The newest resourceVersion this process has read the event log up to. */
  public long observedResourceVersion() {
    return hub.cursor();
  }

  /** The database's current resourceVersion. */
  public Future<Long> currentResourceVersion() {
    return pool.query("SELECT rv FROM rv_counter WHERE id = 1").execute()
        .map(rows -> rows.iterator().next().getLong(0))
        .recover(Store::translate);
  }

  /** Whether the database answered this process's last read of the event log. */
  public boolean healthy() {
    return hub.healthy();
  }

  // ---- compaction ----

  /** Compacts history older than the configured window; returns the new floor. */
  public Future<Long> compact() {
    return compactor.compactOlderThan(options.historyWindow().toMillis()).onSuccess(hub::raiseFloor)
        .recover(Store::translate);
  }

  /** Compacts history up to rv (bounded by the head); returns the new floor. */
  public Future<Long> compactUpTo(long rv) {
    return compactor.compactUpTo(rv).onSuccess(hub::raiseFloor).recover(Store::translate);
  }

  /** Reports a lost or refused connection as Unavailable; everything else as it is. */
  static <T> Future<T> translate(Throwable error) {
    boolean connectionFailure = error instanceof java.io.IOException
        || error instanceof io.vertx.sqlclient.ClosedConnectionException
        || (error instanceof PgException pg && unavailableState(pg.getSqlState()))
        || (error instanceof io.vertx.core.VertxException && !(error instanceof PgException));
    if (connectionFailure) {
      return Future.failedFuture(new StorageException.Unavailable("the database is unavailable", error));
    }
    return Future.failedFuture(error);
  }

  /**
   * SQLSTATEs that mean "the database is not there right now" rather than "this statement is
   * wrong": connection exceptions (08), insufficient resources (53), and the server shutting
   * down, crashing or still starting (57P01-57P03).
   */
  private static boolean unavailableState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("53") || state.equals("57P01")
        || state.equals("57P02") || state.equals("57P03"));
  }

  /** Gives the watch hub and the write batcher each an event loop of its own. */
  private static final class ContextVerticle extends AbstractVerticle {
    Context context() {
      return context;
    }
  }
}
