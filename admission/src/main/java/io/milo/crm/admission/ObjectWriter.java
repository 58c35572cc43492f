package io.milo.crm.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.ResourceType;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.function.UnaryOperator;

/**
 * ObjectWriter lets a plugin write other objects the way the API would, inside the request's unit of
 * work: a created object gets its server-set metadata, a deletion honours finalizers (the object is
 * then only marked) and runs the admission of its own kind, so a cascade is an ordinary deletion.
 */
public interface ObjectWriter {
  /** The store's type of a served resource. */
  ResourceType type(String group, String resource);

  /** Creates object (a full object with apiVersion, kind and metadata.name) as user. */
  Future<ObjectNode> create(Tx tx, ObjectNode object, UserInfo user);

  /** Deletes (or, with finalizers, marks for deletion) the object as user. */
  Future<Void> delete(Tx tx, String group, String resource, ObjectKey key, UserInfo user);

  /** Changes an object's status with change (no generation bump); nothing is written when nothing changes. */
  Future<Void> updateStatus(Tx tx, String group, String resource, ObjectKey key, UnaryOperator<ObjectNode> change);
}
