package io.milo.crm.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;

/**
 * AdmissionPlugin is one named admission rule. Every phase runs inside the write's unit of work, so
 * what a plugin reads through the Tx cannot change before the write it guards commits. A plugin
 * refuses a request by failing its future, preferably with an {@link AdmissionException}.
 */
public interface AdmissionPlugin {
  String name();

  /** Whether the plugin has anything to do for this request. */
  boolean handles(AdmissionAttributes attributes);

  /** Mutating phase, before the schema validation: may change {@code attributes.object()}. */
  default Future<Void> admit(AdmissionAttributes attributes, Tx tx) {
    return Future.succeededFuture();
  }

  /** Validating phase, after the schema validation: must not change anything. */
  default Future<Void> validate(AdmissionAttributes attributes, Tx tx) {
    return Future.succeededFuture();
  }

  /**
   * After the write, in the same unit of work (never for a dry run): the writes that follow from this
   * one, such as cascading deletions. written is the object as stored (for DELETE, its last state).
   */
  default Future<Void> afterWrite(AdmissionAttributes attributes, ObjectNode written, Tx tx) {
    return Future.succeededFuture();
  }
}
