package io.milo.crm.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PgTx is a {@link Tx} on one connection whose transaction already holds the lock on the
 * resourceVersion counter. Because every writer takes that lock first, resourceVersions are
 * handed out here, in memory, as {@code counter + 1, + 2, ...}, and written back by
 * {@link #commitStatement()} just before COMMIT. A version is taken when a write is sent, so
 * writes in flight together get distinct ones; a write that then fails (the key was taken)
 * leaves a gap, which is harmless: versions need only grow.
 */
final class PgTx implements Tx {
  private final SqlConnection conn;
  private final long startRv;
  private long lastRv;
  /** Statements sent and not yet answered, and statements that failed (even if the caller recovered). */
  private int inFlight;
  private int failed;

  PgTx(SqlConnection conn, long lockedRv) {
    this.conn = conn;
    this.startRv = lockedRv;
    this.lastRv = lockedRv;
  }

  boolean wrote() {
    return lastRv > startRv;
  }

  long lastResourceVersion() {
    return lastRv;
  }

  /** Forgets the resourceVersions handed out after mark (their unit was rolled back). */
  void resetTo(long mark) {
    lastRv = mark;
  }

  /**
   * Marks the start of a unit: from here, {@link #settled()} tells whether every statement the unit
   * sent was answered and none failed.
   */
  void beginUnit() {
    failed = 0;
  }

  /**
   * True when no statement is still in flight and none failed since {@link #beginUnit()}: the
   * transaction is then certainly not aborted by this unit, so releasing its savepoint cannot fail
   * on its account and need not be awaited.
   */
  boolean settled() {
    return inFlight == 0 && failed == 0;
  }

  /** Counts a statement of the transaction until it is answered. */
  private <T> Future<T> statement(Future<T> sent) {
    inFlight++;
    return sent.andThen(ar -> {
      inFlight--;
      if (ar.failed()) {
        failed++;
      }
    });
  }

  Tuple commitStatement() {
    return Tuple.of(lastRv);
  }

  @Override
  public Future<StoredObject> get(ResourceType type, ObjectKey key) {
    return read(type, key).map(row -> row.map(CurrentRow::object)
        .orElseThrow(() -> new StorageException.NotFound(type, key)));
  }

  @Override
  public Future<Optional<StoredObject>> find(ResourceType type, ObjectKey key) {
    return read(type, key).map(row -> row.map(CurrentRow::object));
  }

  @Override
  public Future<ListResult> list(ResourceType type, ListOptions options) {
    options.fields().requireSupported(type.supportedFieldSelectors());
    ObjectKey after = options.continueToken() == null ? null
        : ContinueToken.decode(options.continueToken(), type.namespaced()).after();
    return statement(ListQueries.latest(conn, type, options, after, options.limit())).map(page -> new ListResult(page.items(),
        page.head(), page.more() ? new ContinueToken(ContinueToken.LATEST, last(page)).encode(type.namespaced()) : null));
  }

  private static ObjectKey last(ListQueries.Page page) {
    return page.items().get(page.items().size() - 1).key();
  }

  @Override
  public Future<StoredObject> create(ResourceType type, ObjectNode object) {
    ObjectNode obj = object.deepCopy();
    ObjectKey key = keyOf(type, obj);
    long rv = ++lastRv;
    Json.metadata(obj).put("resourceVersion", Long.toString(rv));
    Map<String, String> labels = Json.labels(obj);
    Map<String, String> fields = Json.fields(obj, type.selectableFields());
    String uid = uidOf(obj);
    String json = Json.write(obj);
    Tuple params = Tuple.of(type.group(), type.resource(), key.namespace(), key.name(), uid, rv)
        .addString(Json.writeMap(labels)).addString(Json.writeMap(fields)).addString(json)
        .addString(Terms.minus(Terms.union(Terms.of(labels, fields), Terms.unique(type, obj)), Set.of()));
    return statement(conn.preparedQuery(ObjectSql.INSERT).execute(params)).recover(e -> uniqueViolation(type, key, obj, e))
        .map(result -> {
      if (result.rowCount() == 0) {
        throw new StorageException.AlreadyExists(type, key);
      }
      return new StoredObject(type, key, rv, uid, json);
    });
  }

  @Override
  public Future<StoredObject> update(ResourceType type, ObjectNode object, Preconditions preconditions) {
    ObjectNode obj = object.deepCopy();
    ObjectKey key = keyOf(type, obj);
    return read(type, key).compose(found -> {
      CurrentRow current = found.orElseThrow(() -> new StorageException.NotFound(type, key));
      preconditions.check(type, current.object());
      return write(type, key, obj, current);
    });
  }

  /** Writes obj over current, which this transaction read under the lock. */
  Future<StoredObject> write(ResourceType type, ObjectKey key, ObjectNode obj, CurrentRow current) {
    Json.metadata(obj).put("resourceVersion", Long.toString(current.object().resourceVersion()));
    if (obj.equals(current.object().tree())) {
      return Future.succeededFuture(current.object());
    }
    long rv = ++lastRv;
    Json.metadata(obj).put("resourceVersion", Long.toString(rv));
    String uid = uidOf(obj);
    String json = Json.write(obj);
    Map<String, String> labels = Json.labels(obj);
    Map<String, String> fields = Json.fields(obj, type.selectableFields());
    Set<List<String>> newTerms = Terms.union(Terms.of(labels, fields), Terms.unique(type, obj));
    Set<List<String>> oldTerms = Terms.union(Terms.of(current.labelsJson(), current.fieldsJson()),
        Terms.unique(type, current.object().tree()));
    Tuple params = Tuple.of(type.group(), type.resource(), key.namespace(), key.name(), uid, rv)
        .addString(Json.writeMap(labels))
        .addString(Json.writeMap(fields))
        .addString(json)
        .addString(Terms.minus(newTerms, oldTerms))
        .addLong(current.object().resourceVersion())
        .addString(current.object().json())
        .addString(current.labelsJson())
        .addString(current.fieldsJson())
        .addString(Terms.minus(oldTerms, newTerms));
    return statement(conn.preparedQuery(ObjectSql.UPDATE).execute(params)).recover(e -> uniqueViolation(type, key, obj, e))
        .map(result -> {
      if (result.rowCount() == 0) {
        throw new StorageException.Conflict(type, key, StorageException.OPTIMISTIC_LOCK_MESSAGE);
      }
      return new StoredObject(type, key, rv, uid, json);
    });
  }

  @Override
  public Future<StoredObject> delete(ResourceType type, ObjectKey key, Preconditions preconditions) {
    return read(type, key).compose(found -> {
      CurrentRow current = found.orElseThrow(() -> new StorageException.NotFound(type, key));
      preconditions.check(type, current.object());
      long rv = ++lastRv;
      Tuple params = Tuple.of(type.group(), type.resource(), key.namespace(), key.name(), current.object().uid(), rv)
          .addLong(current.object().resourceVersion())
          .addString(current.object().json())
          .addString(current.labelsJson())
          .addString(current.fieldsJson())
          .addString(Terms.minus(Terms.union(Terms.of(current.labelsJson(), current.fieldsJson()),
              Terms.unique(type, current.object().tree())), Set.of()));
      return statement(conn.preparedQuery(ObjectSql.DELETE).execute(params)).map(result -> {
        if (result.rowCount() == 0) {
          throw new StorageException.Conflict(type, key, StorageException.OPTIMISTIC_LOCK_MESSAGE);
        }
        return current.object().withResourceVersion(rv);
      });
    });
  }

  @Override
  public Future<Optional<StoredObject>> findByUnique(ResourceType type, String field, String value) {
    if (!type.uniqueFields().contains(field)) {
      throw new IllegalArgumentException(field + " is not a unique field of " + type.qualifiedName());
    }
    return statement(conn.preparedQuery(ObjectSql.SELECT_BY_UNIQUE)
        .execute(Tuple.of(type.group(), type.resource(), field, Terms.normalize(value))))
        .map(rows -> first(rows).map(row -> ObjectSql.object(type, row, 0)));
  }

  @Override
  public Future<List<StoredObject>> findByIndex(ResourceType type, String index, String value, int limit) {
    type.index(index);
    return statement(conn.preparedQuery(ObjectSql.SELECT_BY_INDEX)
        .execute(Tuple.of(type.group(), type.resource(), index, value, limit)))
        .map(rows -> {
          List<StoredObject> found = new java.util.ArrayList<>();
          rows.forEach(row -> found.add(ObjectSql.object(type, row, 0)));
          return found;
        });
  }

  /** A unique index violation names the first unique field whose value the write holds. */
  private static <T> Future<T> uniqueViolation(ResourceType type, ObjectKey key, ObjectNode obj, Throwable e) {
    if (e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
        && "object_terms_unique".equals(pg.getConstraint())) {
      for (List<String> term : Terms.unique(type, obj)) {
        if (!term.get(0).equals("u")) {
          continue;
        }
        return Future.failedFuture(new StorageException.UniqueValueTaken(type, key, term.get(1),
            Json.fields(obj, List.of(term.get(1))).get(term.get(1))));
      }
    }
    return Future.failedFuture(e);
  }

  Future<Optional<CurrentRow>> read(ResourceType type, ObjectKey key) {
    return statement(conn.preparedQuery(ObjectSql.SELECT_ONE)
        .execute(Tuple.of(type.group(), type.resource(), key.namespace(), key.name())))
        .map(rows -> first(rows).map(row -> new CurrentRow(ObjectSql.object(type, row, 0), row.getString(5),
            row.getString(6))));
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  static ObjectKey keyOf(ResourceType type, ObjectNode obj) {
    JsonNode meta = obj.path("metadata");
    String name = meta.path("name").asText("");
    String namespace = meta.path("namespace").asText("");
    if (name.isEmpty()) {
      throw new StorageException.BadRequest("metadata.name is required");
    }
    if (type.namespaced() && namespace.isEmpty()) {
      throw new StorageException.BadRequest("metadata.namespace is required for " + type.qualifiedName());
    }
    if (!type.namespaced() && !namespace.isEmpty()) {
      throw new StorageException.BadRequest(type.qualifiedName() + " is not namespaced");
    }
    return new ObjectKey(namespace, name);
  }

  private static String uidOf(ObjectNode obj) {
    JsonNode uid = obj.path("metadata").path("uid");
    return uid.isTextual() ? uid.asText() : null;
  }
}
