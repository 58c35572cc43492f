package io.milo.crm.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.ListOptions;
import io.milo.crm.storage.ListResult;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.Preconditions;
import io.milo.crm.storage.ResourceType;
import io.milo.crm.storage.StoredObject;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * ReadsBeforeWrite is the Tx validators get from {@link AdmissionChain#validateThenWrite}: reads pass
 * through until it is closed, when the write they validate goes out; a read after that would see
 * the write, so it fails loudly instead, as does any write (validators do not write).
 */
final class ReadsBeforeWrite implements Tx {
  private final Tx tx;
  private boolean closed;

  ReadsBeforeWrite(Tx tx) {
    this.tx = tx;
  }

  void close() {
    closed = true;
  }

  private <T> Future<T> read(java.util.function.Supplier<Future<T>> read) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("a validating admission plugin read after waiting for "
          + "another read; the write it validates had already been sent: send every read at once"));
    }
    return read.get();
  }

  private static <T> Future<T> refused() {
    return Future.failedFuture(new IllegalStateException("validating admission plugins must not write"));
  }

  @Override
  public Future<StoredObject> get(ResourceType type, ObjectKey key) {
    return read(() -> tx.get(type, key));
  }

  @Override
  public Future<Optional<StoredObject>> find(ResourceType type, ObjectKey key) {
    return read(() -> tx.find(type, key));
  }

  @Override
  public Future<Optional<StoredObject>> findByUnique(ResourceType type, String field, String value) {
    return read(() -> tx.findByUnique(type, field, value));
  }

  @Override
  public Future<List<StoredObject>> findByIndex(ResourceType type, String index, String value, int limit) {
    return read(() -> tx.findByIndex(type, index, value, limit));
  }

  @Override
  public Future<ListResult> list(ResourceType type, ListOptions options) {
    return read(() -> tx.list(type, options));
  }

  @Override
  public Future<StoredObject> create(ResourceType type, ObjectNode object) {
    return refused();
  }

  @Override
  public Future<StoredObject> update(ResourceType type, ObjectNode object, Preconditions preconditions) {
    return refused();
  }

  @Override
  public Future<StoredObject> delete(ResourceType type, ObjectKey key, Preconditions preconditions) {
    return refused();
  }
}
