package io.milo.crm.storage;

import io.milo.crm.storage.selector.SelectorSql;
import io.milo.crm.storage.sql.SqlBuilder;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;

/**
 * ListQueries reads one page of a list in a single statement, so the page, the store's head
 * resourceVersion and the compaction floor come from one snapshot.
 *
 * <p>The latest state is read from {@code objects}. The state at an older resourceVersion N is
 * rebuilt from two parts merged in key order: objects unchanged since N (their current row has
 * rv ≤ N), and, for each key written after N, the previous state recorded by its first event after
 * N (no previous state: it did not exist at N). Both parts apply the selectors in SQL, so either
 * way the cost follows the page and the writes since N, not the table.
 */
final class ListQueries {
  private ListQueries() {}

  /** A page and the snapshot facts read with it. */
  record Page(List<StoredObject> items, boolean more, long head, long floor) {}

  static Future<Page> latest(SqlClient client, ResourceType type, ListOptions options, ObjectKey after, int limit) {
    SqlBuilder b = new SqlBuilder();
    String g = b.textParam(type.group());
    String r = b.textParam(type.resource());
    b.append("WITH h AS (SELECT (SELECT rv FROM rv_counter WHERE id = 1) AS head, (SELECT floor_rv FROM compaction WHERE id = 1) AS floor) "
        + "SELECT h.head, h.floor, o.namespace, o.name, o.rv, o.uid, o.data FROM h LEFT JOIN LATERAL ("
        + "SELECT namespace, name, rv, uid, data::text AS data FROM objects "
        + "WHERE api_group = " + g + " AND resource = " + r);
    appendFilters(b, options, after, "labels", "fields");
    b.append(" ORDER BY namespace, name");
    appendLimit(b, limit);
    b.append(") o ON true ORDER BY o.namespace, o.name");
    return run(client, type, b, limit);
  }

  static Future<Page> at(SqlClient client, ResourceType type, ListOptions options, long rv, ObjectKey after, int limit) {
    SqlBuilder b = new SqlBuilder();
    String g = b.textParam(type.group());
    String r = b.textParam(type.resource());
    String n = b.param(rv);
    b.append("WITH h AS (SELECT (SELECT rv FROM rv_counter WHERE id = 1) AS head, (SELECT floor_rv FROM compaction WHERE id = 1) AS floor) "
        + "SELECT h.head, h.floor, u.namespace, u.name, u.rv, u.uid, u.data FROM h LEFT JOIN LATERAL ("
        + "(SELECT namespace, name, rv, uid, data::text AS data FROM objects "
        + "WHERE api_group = " + g + " AND resource = " + r + " AND rv <= " + n);
    appendFilters(b, options, after, "labels", "fields");
    // Each part is ordered and limited on its own, so each is planned like a plain list.
    b.append(" ORDER BY namespace, name");
    appendLimit(b, limit);
    b.append(") UNION ALL (SELECT namespace, name, prev_rv, uid, prev_object FROM ("
        + "SELECT DISTINCT ON (namespace, name) namespace, name, uid, prev_object, "
        + "coalesce(prev_labels, '{}'::jsonb) AS prev_labels, coalesce(prev_fields, '{}'::jsonb) AS prev_fields, "
        + "(prev_object::jsonb -> 'metadata' ->> 'resourceVersion')::bigint AS prev_rv FROM events "
        + "WHERE api_group = " + g + " AND resource = " + r + " AND rv > " + n);
    appendScope(b, options, after);
    b.append(" ORDER BY namespace, name, rv) e WHERE prev_object IS NOT NULL");
    appendSelectors(b, options, "prev_labels", "prev_fields");
    b.append(" ORDER BY namespace, name");
    appendLimit(b, limit);
    b.append(") ORDER BY namespace, name");
    appendLimit(b, limit);
    b.append(") u ON true ORDER BY u.namespace, u.name");
    return run(client, type, b, limit);
  }

  /** Namespace, cursor and selectors, the selectors over the given label and field columns. */
  private static void appendFilters(SqlBuilder b, ListOptions options, ObjectKey after, String labels, String fields) {
    appendScope(b, options, after);
    appendSelectors(b, options, labels, fields);
  }

  private static void appendSelectors(SqlBuilder b, ListOptions options, String labels, String fields) {
    SelectorSql.appendLabelPredicate(options.labels(), labels, b);
    SelectorSql.appendFieldPredicate(options.fields(), "name", "namespace", fields, b);
  }

  private static void appendScope(SqlBuilder b, ListOptions options, ObjectKey after) {
    if (options.namespace() != null) {
      b.append(" AND namespace = " + b.textParam(options.namespace()));
    }
    if (after != null) {
      b.append(" AND (namespace, name) > (" + b.textParam(after.namespace()) + ", " + b.textParam(after.name()) + ")");
    }
  }

  private static void appendLimit(SqlBuilder b, int limit) {
    if (limit > 0) {
      b.append(" LIMIT " + b.param((long) limit + 1));
    }
  }

  private static Future<Page> run(SqlClient client, ResourceType type, SqlBuilder b, int limit) {
    return client.preparedQuery(b.sql()).execute(b.tuple()).map(rows -> {
      List<StoredObject> items = new ArrayList<>(rows.size());
      long head = 0;
      long floor = 0;
      for (Row row : rows) {
        head = row.getLong(0);
        floor = row.getLong(1);
        if (row.getString(3) != null) {
          items.add(ObjectSql.object(type, row, 2));
        }
      }
      boolean more = limit > 0 && items.size() > limit;
      if (more) {
        items.remove(items.size() - 1);
      }
      return new Page(items, more, head, floor);
    });
  }
}
