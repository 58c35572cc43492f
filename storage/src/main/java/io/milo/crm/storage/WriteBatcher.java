package io.milo.crm.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
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
 * had its own transaction. Under light load a batch holds one unit.
 *
 * <p>A unit must finish within the unit timeout: every writer of every replica waits while it
 * holds the lock. One that does not is failed and its batch rolled back. A unit may not start
 * another unit of work (it would wait for itself): that is refused when the work function does it
 * directly, and ends in the timeout when a callback inside the unit does.
 *
 * <p>Queue state is confined to the batcher's context; one batch runs units at a time (the next may
 * already wait for the lock while the previous commits).
 */
final class WriteBatcher {
  private static final int MAX_BATCH = 256;

  private final Vertx vertx;
  private final Pool pool;
  private final Context context;
  private final Duration unitTimeout;
  private final Runnable afterCommit;
  private final ArrayDeque<Unit<?>> queue = new ArrayDeque<>();
  private boolean running;
  /** True while a unit's work function runs on the batcher context (read there only). */
  private boolean applyingUnit;

  private static final class Unit<T> {
    final Function<Tx, Future<T>> work;
    final Promise<T> promise = Promise.promise();
    io.vertx.core.AsyncResult<T> outcome;

    Unit(Function<Tx, Future<T>> work) {
      this.work = work;
    }

    void failWith(Throwable error) {
      outcome = Future.failedFuture(error);
    }

    /** Completes the caller's future: the unit's own result, or the batch's failure. */
    void settle(Throwable batchFailure) {
      if (outcome == null || (batchFailure != null && outcome.succeeded())) {
        promise.fail(batchFailure);
      } else if (outcome.failed()) {
        promise.fail(Store.translate(outcome.cause()).cause());
      } else {
        promise.complete(outcome.result());
      }
    }
  }

  /** A unit's failure that leaves the transaction unusable, so the whole batch must roll back. */
  private static final class BatchAborted extends RuntimeException {
    BatchAborted(String message) {
      super(message, null, false, false);
    }
  }

  WriteBatcher(Vertx vertx, Pool pool, Context context, Duration unitTimeout, Runnable afterCommit) {
    this.vertx = vertx;
    this.pool = pool;
    this.context = context;
    this.unitTimeout = unitTimeout;
    this.afterCommit = afterCommit;
  }

  <T> Future<T> submit(Function<Tx, Future<T>> work) {
    if (applyingUnit && Vertx.currentContext() == context) {
      return Future.failedFuture(new IllegalStateException(
          "a unit of work cannot start another one: use the Tx it was given"));
    }
    Unit<T> unit = new Unit<>(work);
    context.runOnContext(v -> {
      queue.add(unit);
      startNext();
    });
    return unit.promise.future();
  }

  /**
   * Starts a batch when units wait and no other batch is taking the lock or running units. A batch
   * that is committing does not hold the next one back: the next takes its connection and asks for
   * the lock at once, so it holds the lock the moment the commit lets go of it, instead of one round
   * trip later; it takes the units that queued meanwhile only once it holds the lock.
   */
  private void startNext() {
    if (running || queue.isEmpty()) {
      return;
    }
    running = true;
    runBatch().onComplete(ar -> context.runOnContext(v -> {
      running = false;
      startNext();
    }));
  }

  /** Completes when the batch no longer runs units (committing may go on); see startNext. */
  private Future<Void> runBatch() {
    Promise<Void> unitsDone = Promise.promise();
    List<Unit<?>> batch = new ArrayList<>();
    pool.getConnection()
        .compose(conn -> {
          Future<?> begin = conn.query("BEGIN").execute();
          Future<Long> locked = conn.query(ObjectSql.LOCK_COUNTER).execute()
              .map(rows -> rows.iterator().next().getLong(0));
          return Future.all(begin, locked)
              .compose(v -> {
                takeUnits(batch);
                PgTx tx = new PgTx(conn, locked.result());
                return runUnits(conn, tx, batch, 0)
                    .compose(v2 -> {
                      unitsDone.tryComplete();
                      return finish(conn, tx);
                    });
              })
              // Never hand a connection back inside a transaction: it would keep the lock.
              .recover(err -> conn.query("ROLLBACK").execute().transform(ignored -> Future.failedFuture(err)))
              .eventually(conn::close);
        })
        .onComplete(ar -> {
          unitsDone.tryComplete();
          Throwable failure = ar.failed() ? batchFailure(ar.cause()) : null;
          for (Unit<?> unit : batch) {
            unit.settle(failure);
          }
          if (batch.isEmpty() && ar.failed()) {
            // No connection or no lock: fail the units this batch would have taken, as a batch does.
            context.runOnContext(v -> {
              List<Unit<?>> refused = new ArrayList<>();
              takeUnits(refused);
              refused.forEach(unit -> unit.settle(failure));
            });
          }
        });
    return unitsDone.future();
  }

  /** Moves up to a batch's worth of queued units into batch (on the batcher context). */
  private void takeUnits(List<Unit<?>> batch) {
    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(queue.poll());
    }
  }

  /** What the units of a failed batch are told: retriable, unless it is their own failure. */
  private static StorageException batchFailure(Throwable cause) {
    Throwable translated = Store.translate(cause).cause();
    if (translated instanceof StorageException se) {
      return se;
    }
    return new StorageException.Unavailable("the write was rolled back with its batch: " + cause.getMessage(), cause);
  }

  /**
   * Runs the units one after another, each in a savepoint. When every statement of a unit was
   * answered without error, its savepoint is released without waiting for the answer: the release
   * can then only fail with the connection, which fails the batch anyway.
   */
  private Future<Void> runUnits(SqlConnection conn, PgTx tx, List<Unit<?>> batch, int index) {
    if (index == batch.size()) {
      return Future.succeededFuture();
    }
    Unit<?> unit = batch.get(index);
    conn.query("SAVEPOINT unit").execute(); // pipelined; a failure shows in what follows
    tx.beginUnit();
    long mark = tx.lastResourceVersion();
    return runUnit(unit, tx)
        .compose(done -> {
          if (tx.settled()) {
            conn.query("RELEASE SAVEPOINT unit").execute();
            return Future.succeededFuture();
          }
          return conn.query("RELEASE SAVEPOINT unit").execute().<Void>mapEmpty()
              .recover(err -> {
                // The unit swallowed a failed statement: the transaction is aborted up to its savepoint.
                unit.failWith(err);
                return Future.failedFuture(err);
              });
        })
        .recover(err -> {
          if (err instanceof BatchAborted) {
            return Future.failedFuture(err);
          }
          tx.resetTo(mark);
          return conn.query("ROLLBACK TO SAVEPOINT unit").execute()
              .compose(v -> conn.query("RELEASE SAVEPOINT unit").execute()).mapEmpty();
        })
        .compose(v -> runUnits(conn, tx, batch, index + 1));
  }

  /** Runs one unit, failing it (and its batch) when it outlives the unit timeout. */
  private <T> Future<T> runUnit(Unit<T> unit, PgTx tx) {
    Future<T> work;
    applyingUnit = true;
    try {
      work = unit.work.apply(tx);
    } catch (RuntimeException e) {
      work = Future.failedFuture(e);
    } finally {
      applyingUnit = false;
    }
    Promise<T> bounded = Promise.promise();
    long timer = vertx.setTimer(unitTimeout.toMillis(), id -> bounded.tryFail(
        new BatchAborted("a unit of work ran longer than " + unitTimeout.toMillis() + " ms; its batch was rolled back")));
    work.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        bounded.tryComplete(ar.result());
      } else {
        bounded.tryFail(ar.cause());
      }
    });
    return bounded.future().andThen(ar -> unit.outcome = ar);
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
