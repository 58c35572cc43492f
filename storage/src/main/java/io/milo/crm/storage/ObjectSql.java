package io.milo.crm.storage;

import io.vertx.sqlclient.Row;

/** ObjectSql holds the fixed statements on the objects and events tables and the row mapping. */
final class ObjectSql {
  private ObjectSql() {}

  static final String LOCK_COUNTER = "SELECT rv FROM rv_counter WHERE id = 1 FOR UPDATE";

  /** Sets the counter to the transaction's last resourceVersion and wakes every process's readers. */
  static final String ADVANCE_COUNTER = "WITH u AS (UPDATE rv_counter SET rv = $1 WHERE id = 1 RETURNING rv) "
      + "SELECT pg_notify('" + EventLog.CHANNEL + "', rv::text) FROM u";

  static final String SELECT_ONE = "SELECT namespace, name, rv, uid, data::text, labels::text, fields::text "
      + "FROM objects WHERE api_group = $1 AND resource = $2 AND namespace = $3 AND name = $4";

  /** $1 group, $2 resource, $3 unique field, $4 normalized value. */
  static final String SELECT_BY_UNIQUE = "SELECT o.namespace, o.name, o.rv, o.uid, o.data::text FROM object_terms t "
      + "JOIN objects o ON o.api_group = t.api_group AND o.resource = t.resource AND o.namespace = t.namespace "
      + "AND o.name = t.name WHERE t.api_group = $1 AND t.resource = $2 AND t.kind = 'u' AND t.term_key = $3 "
      + "AND t.term_value = $4";

  /** $1 group, $2 resource, $3 index name, $4 value, $5 limit: the holders in list order. */
  static final String SELECT_BY_INDEX = "SELECT o.namespace, o.name, o.rv, o.uid, o.data::text FROM object_terms t "
      + "JOIN objects o ON o.api_group = t.api_group AND o.resource = t.resource AND o.namespace = t.namespace "
      + "AND o.name = t.name WHERE t.api_group = $1 AND t.resource = $2 AND t.kind = 'x' AND t.term_key = $3 "
      + "AND t.term_value = $4 ORDER BY t.namespace, t.name LIMIT $5";

  /** $1 group, $2 resource, $3 namespaces, $4 names (same length): the current objects among those keys. */
  static final String SELECT_MANY = "SELECT namespace, name, rv, uid, data::text FROM objects "
      + "WHERE api_group = $1 AND resource = $2 AND (namespace, name) IN "
      + "(SELECT * FROM unnest($3::text[], $4::text[]))";

  /** $1 group, $2 resource, $3 field, $4 values: (value, count) for each value some object has. */
  static final String COUNT_BY_FIELD = "SELECT term_value, count(*) FROM object_terms WHERE api_group = $1 "
      + "AND resource = $2 AND kind = 'f' AND term_key = $3 AND term_value = ANY($4::text[]) GROUP BY term_value";

  /** Adds the terms in parameter $10 (a JSON array of [kind, key, value]) once the CTE o has a row. */
  private static final String ADD_TERMS_10 = "t AS (INSERT INTO object_terms "
      + "(api_group, resource, kind, term_key, term_value, namespace, name) "
      + "SELECT $1, $2, x ->> 0, x ->> 1, x ->> 2, $3, $4 FROM o, jsonb_array_elements($10::text::jsonb) x) ";

  /**
   * $1 group, $2 resource, $3 namespace, $4 name, $5 uid, $6 rv, $7 labels, $8 fields, $9 data,
   * $10 terms to add.
   */
  static final String INSERT = "WITH o AS ("
      + "INSERT INTO objects (api_group, resource, namespace, name, uid, rv, labels, fields, data) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9::text::jsonb) "
      + "ON CONFLICT DO NOTHING RETURNING 1), "
      + ADD_TERMS_10
      + "INSERT INTO events (rv, api_group, resource, namespace, name, uid, object, labels, fields) "
      + "SELECT $6, $1, $2, $3, $4, $5, $9::text, $7::text::jsonb, $8::text::jsonb FROM o";

  /**
   * As INSERT ($10 terms to add), plus $11 expected rv, $12 prev data, $13 prev labels, $14 prev
   * fields, $15 terms to remove.
   */
  static final String UPDATE = "WITH o AS ("
      + "UPDATE objects SET uid = $5, rv = $6, labels = $7::text::jsonb, fields = $8::text::jsonb, "
      + "data = $9::text::jsonb "
      + "WHERE api_group = $1 AND resource = $2 AND namespace = $3 AND name = $4 AND rv = $11 RETURNING 1), "
      + ADD_TERMS_10 + ", "
      + "r AS (DELETE FROM object_terms WHERE api_group = $1 AND resource = $2 AND namespace = $3 AND name = $4 "
      + "AND (kind, term_key, term_value) IN (SELECT x ->> 0, x ->> 1, x ->> 2 FROM jsonb_array_elements($15::text::jsonb) x) "
      + "AND EXISTS (SELECT 1 FROM o)) "
      + "INSERT INTO events (rv, api_group, resource, namespace, name, uid, object, labels, fields, "
      + "prev_object, prev_labels, prev_fields) "
      + "SELECT $6, $1, $2, $3, $4, $5, $9::text, $7::text::jsonb, $8::text::jsonb, "
      + "$12::text, $13::text::jsonb, $14::text::jsonb FROM o";

  /** $1 group, $2 resource, $3 namespace, $4 name, $5 uid, $6 rv, $7 expected rv, $8-$10 prev, $11 terms. */
  static final String DELETE = "WITH o AS ("
      + "DELETE FROM objects WHERE api_group = $1 AND resource = $2 AND namespace = $3 AND name = $4 "
      + "AND rv = $7 RETURNING 1), "
      + "r AS (DELETE FROM object_terms WHERE api_group = $1 AND resource = $2 AND namespace = $3 AND name = $4 "
      + "AND (kind, term_key, term_value) IN (SELECT x ->> 0, x ->> 1, x ->> 2 FROM jsonb_array_elements($11::text::jsonb) x) "
      + "AND EXISTS (SELECT 1 FROM o)) "
      + "INSERT INTO events (rv, api_group, resource, namespace, name, uid, prev_object, prev_labels, prev_fields) "
      + "SELECT $6, $1, $2, $3, $4, $5, $8::text, $9::text::jsonb, $10::text::jsonb FROM o";

  /** Maps (namespace, name, rv, uid, data) at the given column offset. */
  static StoredObject object(ResourceType type, Row row, int first) {
    return new StoredObject(type, new ObjectKey(row.getString(first), row.getString(first + 1)),
        row.getLong(first + 2), row.getString(first + 3), row.getString(first + 4));
  }
}
