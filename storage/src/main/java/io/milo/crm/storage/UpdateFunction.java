package io.milo.crm.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * UpdateFunction computes an object's next state from its current one, for
 * {@link Store#guaranteedUpdate}. It may be called more than once (again on a fresher object when
 * another write got in first), so it must depend only on its argument. It may throw a
 * {@link StorageException} (or any exception) to refuse the update.
 */
@FunctionalInterface
public interface UpdateFunction {
  ObjectNode apply(StoredObject current);
}
