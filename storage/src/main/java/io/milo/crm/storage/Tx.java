package io.milo.crm.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Tx is a unit of work: reads and writes in one PostgreSQL transaction that holds the store's
 * write lock from its start to its commit. A check made by reading (does the referenced object
 * exist? is this email unique?) therefore cannot race the write it guards: no other write
 * anywhere commits in between. Each write gets its own resourceVersion and its own event.
 *
 * <p>A Tx is used from one thread at a time and only inside the function given to
 * {@link Store#inTransaction}; it commits when that function's future succeeds and rolls back
 * when it fails.
 */
public interface Tx {
  /** The current object, or a failed future with {@link StorageException.NotFound}. */
  Future<StoredObject> get(ResourceType type, ObjectKey key);

  /** The current object, if there is one. */
  Future<Optional<StoredObject>> find(ResourceType type, ObjectKey key);

  /**
   * The object holding value in the unique field (compared case-insensitively), if any; field must
   * be one of the type's {@link ResourceType#uniqueFields()}.
   */
  Future<Optional<StoredObject>> findByUnique(ResourceType type, String field, String value);

  /** Up to limit objects whose index holds value (see {@link TermIndex}), in list order. */
  Future<List<StoredObject>> findByIndex(ResourceType type, String index, String value, int limit);

  /** The latest state inside this transaction (resourceVersion options are ignored). */
  Future<ListResult> list(ResourceType type, ListOptions options);

  /** Creates the object; fails with {@link StorageException.AlreadyExists} when the key is taken. */
  Future<StoredObject> create(ResourceType type, ObjectNode object);

  /** Replaces the object when preconditions hold; the key comes from the object's metadata. */
  Future<StoredObject> update(ResourceType type, ObjectNode object, Preconditions preconditions);

  /** Deletes the object; returns its last state carrying the deletion's resourceVersion. */
  Future<StoredObject> delete(ResourceType type, ObjectKey key, Preconditions preconditions);
}
