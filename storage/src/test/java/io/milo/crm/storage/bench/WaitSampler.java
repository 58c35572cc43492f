package io.milo.crm.storage.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * WaitSampler shows where the store's database sessions spend a phase: every 100 ms it reads
 * {@code pg_stat_activity} for the busy sessions on the benchmark's database (which only the store
 * and the sampler use) and counts them by what they are doing ("running", a wait event such as {@code Lock:transactionid},
 * or "idle in transaction" while the session waits for the store's next statement). It runs on
 * one Vert.x context with a connection of its own.
 */
final class WaitSampler {
  private static final String QUERY = "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
      + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'";
  private static final long INTERVAL_MS = 100;

  /**
   * The sessions seen during one phase.
   *
   * @param samples how many times pg_stat_activity was read
   * @param mean per activity, the mean number of sessions doing it, busiest first
   */
  record Sessions(int samples, Map<String, Double> mean) {
    /** The busiest activities as text, e.g. "Lock:transactionid 31.2, running 0.8 (300 samples)". */
    String summary(int top) {
      String busiest = mean.entrySet().stream().limit(top)
          .map(e -> String.format("%s %.1f", e.getKey(), e.getValue()))
          .collect(Collectors.joining(", "));
      return String.format("%s (%d samples)", busiest.isEmpty() ? "none busy" : busiest, samples);
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final PgConnection connection;
  private final Map<String, Integer> counts = new HashMap<>();
  private int samples;
  private long timer = -1;
  private boolean querying;

  private WaitSampler(Vertx vertx, Context context, PgConnection connection) {
    this.vertx = vertx;
    this.context = context;
    this.connection = connection;
  }

  /** Connects to the database the store uses; the sampler then works on the given context. */
  static Future<WaitSampler> connect(Vertx vertx, Context context, PgConnectOptions database) {
    Promise<WaitSampler> connected = Promise.promise();
    context.runOnContext(v -> PgConnection.connect(vertx, database)
        .map(conn -> new WaitSampler(vertx, context, conn))
        .onComplete(connected));
    return connected.future();
  }

  /** Starts counting afresh. */
  void start() {
    context.runOnContext(v -> {
      counts.clear();
      samples = 0;
      timer = vertx.setPeriodic(INTERVAL_MS, id -> sample());
    });
  }

  /** Stops counting and returns what was seen since {@link #start()}. */
  Future<Sessions> stop() {
    Promise<Sessions> stopped = Promise.promise();
    context.runOnContext(v -> {
      vertx.cancelTimer(timer);
      Map<String, Double> mean = new LinkedHashMap<>();
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
          .forEach(e -> mean.put(e.getKey(), samples == 0 ? 0 : (double) e.getValue() / samples));
      stopped.complete(new Sessions(samples, mean));
    });
    return stopped.future();
  }

  Future<Void> close() {
    return connection.close();
  }

  private void sample() {
    if (querying) {
      return;
    }
    querying = true;
    connection.query(QUERY).execute()
        .onSuccess(rows -> {
          samples++;
          for (Row row : rows) {
            counts.merge(activity(row), 1, Integer::sum);
          }
        })
        .onComplete(ar -> querying = false);
  }

  private static String activity(Row row) {
    String state = row.getString(0);
    if (!"active".equals(state)) {
      return state;
    }
    String type = row.getString(1);
    return type == null ? "running" : type + ":" + row.getString(2);
  }
}
