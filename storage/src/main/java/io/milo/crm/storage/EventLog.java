package io.milo.crm.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import io.milo.crm.storage.sql.SqlBuilder;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EventLog reads the events table. Every read returns, from the same snapshot, the store's head
 * resourceVersion and the compaction floor. Since resourceVersions are assigned and made visible
 * in commit order (see docs/storage.md), a read of "rv &gt; cursor" that returns fewer rows than
 * its limit has seen everything up to head: the reader may move its cursor to head.
 */
final class EventLog {
  /** The NOTIFY channel writers signal after each commit; the payload is the new head. */
  static final String CHANNEL = "milo_crm_events";

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private EventLog() {}

  /** A batch of events and the snapshot's head and floor. */
  record Batch(List<StoreEvent> events, long head, long floor, boolean full) {
    /** The resourceVersion up to which the reader has seen everything after this batch. */
    long progress() {
      return full ? events.get(events.size() - 1).rv : head;
    }
  }

  /** Events of every resource after rv. */
  static Future<Batch> readAfter(SqlClient client, long rv, int limit) {
    return read(client, null, null, rv, limit);
  }

  /** Events of one resource (and namespace, when not null) after rv. */
  static Future<Batch> readAfter(SqlClient client, ResourceType type, String namespace, long rv, int limit) {
    return read(client, type, namespace, rv, limit);
  }

  private static Future<Batch> read(SqlClient client, ResourceType type, String namespace, long rv, int limit) {
    SqlBuilder b = new SqlBuilder();
    String after = b.param(rv);
    b.append("WITH h AS (SELECT (SELECT rv FROM rv_counter WHERE id = 1) AS head, (SELECT floor_rv FROM compaction WHERE id = 1) AS floor) "
        + "SELECT h.head, h.floor, e.rv, e.api_group, e.resource, e.namespace, e.name, e.uid, e.object, "
        + "e.prev_object, e.labels::text, e.fields::text, e.prev_labels::text, e.prev_fields::text "
        + "FROM h LEFT JOIN LATERAL (SELECT * FROM events WHERE rv > " + after);
    if (type != null) {
      b.append(" AND api_group = " + b.textParam(type.group()) + " AND resource = " + b.textParam(type.resource()));
    }
    if (namespace != null) {
      b.append(" AND namespace = " + b.textParam(namespace));
    }
    b.append(" ORDER BY rv LIMIT " + b.param((long) limit) + ") e ON true ORDER BY e.rv");
    return client.preparedQuery(b.sql()).execute(b.tuple()).map(rows -> {
      List<StoreEvent> events = new ArrayList<>(rows.size());
      long head = 0;
      long floor = 0;
      for (Row row : rows) {
        head = row.getLong(0);
        floor = row.getLong(1);
        if (row.getLong(2) != null) {
          events.add(event(row));
        }
      }
      return new Batch(events, head, floor, events.size() >= limit);
    });
  }

  private static StoreEvent event(Row row) {
    return new StoreEvent(row.getLong(2), row.getString(3), row.getString(4),
        new ObjectKey(row.getString(5), row.getString(6)), row.getString(7), row.getString(8), row.getString(9),
        map(row.getString(10)), map(row.getString(11)), map(row.getString(12)), map(row.getString(13)));
  }

  private static Map<String, String> map(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return Json.MAPPER.readValue(json, STRING_MAP);
    } catch (Exception e) {
      throw new IllegalStateException("event log holds a malformed map: " + json, e);
    }
  }
}
