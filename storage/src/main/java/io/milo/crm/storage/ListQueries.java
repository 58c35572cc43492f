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
    return run(client, type, latestSql(type, options, after, limit), limit);
  }

  static Future<Page> at(SqlClient client, ResourceType type, ListOptions options, long rv, ObjectKey after, int limit) {
    return run(client, type, atSql(type, options, rv, after, limit), limit);
  }

  /** The statement of {@link #latest}: columns head, floor, namespace, name, rv, uid, data. */
  static SqlBuilder latestSql(ResourceType type, ListOptions options, ObjectKey after, int limit) {
    SqlBuilder b = new SqlBuilder();
    String g = b.textParam(type.group());
    String r = b.textParam(type.resource());
    b.append("WITH h AS (SELECT (SELECT rv FROM rv_counter WHERE id = 1) AS head, (SELECT floor_rv FROM compaction WHERE id = 1) AS floor) "
        + "SELECT h.head, h.floor, u.namespace, u.name, u.rv, u.uid, u.data FROM h LEFT JOIN LATERAL (");
    appendObjects(b, g, r, null, options, after, limit);
    b.append(") u ON true ORDER BY u.namespace, u.name");
    return b;
  }

  /** The statement of {@link #at}, with the same columns. */
  static SqlBuilder atSql(ResourceType type, ListOptions options, long rv, ObjectKey after, int limit) {
    SqlBuilder b = new SqlBuilder();
    String g = b.textParam(type.group());
    String r = b.textParam(type.resource());
    String n = b.param(rv);
    b.append("WITH h AS (SELECT (SELECT rv FROM rv_counter WHERE id = 1) AS head, (SELECT floor_rv FROM compaction WHERE id = 1) AS floor) "
        + "SELECT h.head, h.floor, u.namespace, u.name, u.rv, u.uid, u.data FROM h LEFT JOIN LATERAL ("
        + "(");
    // Each part is ordered and limited on its own, so each is planned like a plain list.
    appendObjects(b, g, r, n, options, after, limit);
    b.append(") UNION ALL (SELECT namespace, name, prev_rv, uid, prev_object FROM ("
        + "SELECT DISTINCT ON (namespace, name) namespace, name, uid, prev_object, "
        + "coalesce(prev_labels, '{}'::jsonb) AS prev_labels, coalesce(prev_fields, '{}'::jsonb) AS prev_fields, "
        + "(prev_object::jsonb -> 'metadata' ->> 'resourceVersion')::bigint AS prev_rv FROM events "
        + "WHERE api_group = " + g + " AND resource = " + r + " AND rv > " + n);
    appendScope(b, options, after, "");
    b.append(" ORDER BY namespace, name, rv) e WHERE prev_object IS NOT NULL");
    appendSelectors(b, options, "prev_labels", "prev_fields");
    b.append(" ORDER BY namespace, name");
    appendLimit(b, limit);
    b.append(") ORDER BY namespace, name");
    appendLimit(b, limit);
    b.append(") u ON true ORDER BY u.namespace, u.name");
    return b;
  }

  /**
   * The current objects (with rv &le; n unless n is null) that match, in key order from after,
   * limited. With an equality or set selector, the walk goes through the term index of that
   * requirement, which holds exactly its matches in key order; otherwise through the objects.
   */
  private static void appendObjects(SqlBuilder b, String g, String r, String n, ListOptions options, ObjectKey after,
      int limit) {
    var driver = SelectorSql.driver(options.labels(), options.fields());
    String prefix = driver.isPresent() ? "t." : "";
    if (driver.isPresent()) {
      b.append("SELECT o.namespace, o.name, o.rv, o.uid, o.data::text AS data FROM object_terms t "
          + "JOIN objects o ON o.api_group = t.api_group AND o.resource = t.resource "
          + "AND o.namespace = t.namespace AND o.name = t.name "
          + "WHERE t.api_group = " + g + " AND t.resource = " + r
          + " AND t.kind = " + b.textParam(driver.get().kind()) + " AND t.term_key = " + b.textParam(driver.get().key())
          + " AND t.term_value IN (");
      for (int i = 0; i < driver.get().values().size(); i++) {
        b.append((i == 0 ? "" : ", ") + b.textParam(driver.get().values().get(i)));
      }
      b.append(")");
    } else {
      b.append("SELECT namespace, name, rv, uid, data::text AS data FROM objects WHERE api_group = " + g
          + " AND resource = " + r);
    }
    String object = driver.isPresent() ? "o." : "";
    if (n != null) {
      b.append(" AND " + object + "rv <= " + n);
    }
    appendScope(b, options, after, prefix);
    SelectorSql.appendLabelPredicate(options.labels(), object + "labels", b);
    SelectorSql.appendFieldPredicate(options.fields(), object + "name", object + "namespace", object + "fields", b);
    b.append(" ORDER BY " + prefix + "namespace, " + prefix + "name");
    appendLimit(b, limit);
  }

  private static void appendSelectors(SqlBuilder b, ListOptions options, String labels, String fields) {
    SelectorSql.appendLabelPredicate(options.labels(), labels, b);
    SelectorSql.appendFieldPredicate(options.fields(), "name", "namespace", fields, b);
  }

  private static void appendScope(SqlBuilder b, ListOptions options, ObjectKey after, String prefix) {
    if (options.namespace() != null) {
      b.append(" AND " + prefix + "namespace = " + b.textParam(options.namespace()));
    }
    if (after != null) {
      b.append(" AND (" + prefix + "namespace, " + prefix + "name) > (" + b.textParam(after.namespace()) + ", "
          + b.textParam(after.name()) + ")");
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
