package io.milo.crm.admission;

import io.milo.crm.storage.Tx;
import io.vertx.core.Future;

/**
 * AdmissionPlugin is one named admission rule. It runs inside the write's unit of work, so what it
 * reads through the Tx cannot change before the write it guards commits. A plugin refuses a request
 * by failing its future; the API layer answers with that failure.
 */
public interface AdmissionPlugin {
  String name();

  /** Whether the plugin has anything to do for this request. */
  boolean handles(AdmissionAttributes attributes);

  /** Mutating phase: may change {@code attributes.object()}. */
  default Future<Void> admit(AdmissionAttributes attributes, Tx tx) {
    return Future.succeededFuture();
  }

  /** Validating phase: must not change anything. */
  default Future<Void> validate(AdmissionAttributes attributes, Tx tx) {
    return Future.succeededFuture();
  }
}
