package io.milo.crm.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * WriteBatcher runs this process's units of work, several to a transaction (group commit).
 *
 * <p>Writes are serialised by the resourceVersion lock anyway (see docs/storage.md), so running
 * them one transaction each would only add a lock hand-over and a WAL flush per write. Instead,
 * while one batch runs, new units queue; the next batch takes them all (up to a cap) into one
 * transaction that takes the lock once and commits once. Each unit runs inside a savepoint, so a
 * unit that fails is rolled back alone and the others commit. A unit still sees every write of
 * the units before it, and nothing else can commit in between, so each is as isolated as if it
 * had its own transaction. Under light load a batch holds one unit and costs what a transaction
 * of its own would.
 *
 * <p>Queue state is confined to the batcher's context; one batch runs at a time.
 */
final class WriteBatcher {
  private static final int MAX_BATCH = 256;

  private final Pool pool;
  private final Context context;
  private final Runnable afterCommit;
  private final ArrayDeque<Unit<?>> queue = new ArrayDeque<>();
  private boolean running;

  private static final class Unit<T> {
    final Function<Tx, Future<T>> work;
    final Promise<T> promise = Promise.promise();
    Future<T> outcome;

    Unit(Function<Tx, Future<T>> work) {
      this.work = work;
    }

    void settle(Throwable commitFailure) {
      if (commitFailure != null && outcome.succeeded()) {
        promise.fail(commitFailure);
      } else {
        promise.handle(outcome);
      }
    }
  }

  WriteBatcher(Pool pool, Context context, Runnable afterCommit) {
    this.pool = pool;
    this.context = context;
    this.afterCommit = afterCommit;
  }

  <T> Future<T> submit(Function<Tx, Future<T>> work) {
    Unit<T> unit = new Unit<>(work);
    context.runOnContext(v -> {
      queue.add(unit);
      startNext();
    });
    return unit.promise.future();
  }

  private void startNext() {
    if (running || queue.isEmpty()) {
      return;
    }
    running = true;
    List<Unit<?>> batch = new ArrayList<>();
    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(queue.poll());
    }
    runBatch(batch).onComplete(ar -> context.runOnContext(v -> {
      running = false;
      startNext();
    }));
  }

  private Future<Void> runBatch(List<Unit<?>> batch) {
    return pool.getConnection()
        .compose(conn -> {
          Future<?> begin = conn.query("BEGIN").execute();
          Future<Long> locked = conn.query(ObjectSql.LOCK_COUNTER).execute()
              .map(rows -> rows.iterator().next().getLong(0));
          return Future.all(begin, locked)
              .compose(v -> {
                PgTx tx = new PgTx(conn, locked.result());
                return runUnits(conn, tx, batch, 0).compose(v2 -> finish(conn, tx));
              })
              .eventually(conn::close);
        })
        .transform(ar -> {
          Throwable failure = ar.failed() ? Store.translate(ar.cause()).cause() : null;
          for (Unit<?> unit : batch) {
            if (unit.outcome == null) {
              unit.outcome = Future.failedFuture(failure);
            }
            unit.settle(failure);
          }
          return Future.succeededFuture();
        });
  }

  /** Runs the units one after another, each in a savepoint when the batch has more than one. */
  private Future<Void> runUnits(SqlConnection conn, PgTx tx, List<Unit<?>> batch, int index) {
    if (index == batch.size()) {
      return Future.succeededFuture();
    }
    Unit<?> unit = batch.get(index);
    boolean savepoint = batch.size() > 1;
    if (savepoint) {
      conn.query("SAVEPOINT unit").execute(); // pipelined; a failure shows in the unit's own statements
    }
    long mark = tx.lastResourceVersion();
    return runUnit(unit, tx).transform(ar -> {
      if (ar.succeeded()) {
        Future<?> released = savepoint ? conn.query("RELEASE SAVEPOINT unit").execute() : Future.succeededFuture();
        return released.compose(v -> runUnits(conn, tx, batch, index + 1));
      }
      tx.resetTo(mark);
      if (!savepoint) {
        return Future.succeededFuture();
      }
      return conn.query("ROLLBACK TO SAVEPOINT unit").execute()
          .compose(v -> conn.query("RELEASE SAVEPOINT unit").execute())
          .compose(v -> runUnits(conn, tx, batch, index + 1));
    });
  }

  private static <T> Future<T> runUnit(Unit<T> unit, PgTx tx) {
    try {
      unit.outcome = unit.work.apply(tx);
    } catch (RuntimeException e) {
      unit.outcome = Future.failedFuture(e);
    }
    return unit.outcome;
  }

  /** Commits when any unit wrote (moving the counter and notifying every process), else rolls back. */
  private Future<Void> finish(SqlConnection conn, PgTx tx) {
    if (!tx.wrote()) {
      return conn.query("ROLLBACK").execute().mapEmpty();
    }
    Future<?> advanced = conn.preparedQuery(ObjectSql.ADVANCE_COUNTER).execute(tx.commitStatement());
    Future<?> committed = conn.query("COMMIT").execute();
    return Future.all(advanced, committed).map(v -> {
      afterCommit.run();
      return null;
    });
  }
}
