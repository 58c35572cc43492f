package io.milo.crm.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;

/**
 * WriteCheck runs inside a write's transaction, after the new state is known and before it is
 * written: the place for admission rules that read other objects. A failed future aborts the
 * write.
 */
@FunctionalInterface
public interface WriteCheck {
  WriteCheck NONE = (tx, current, next) -> Future.succeededFuture();

  Future<Void> check(Tx tx, StoredObject current, ObjectNode next);
}
