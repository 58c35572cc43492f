package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * InitialConditions gives every new notification.milo.io object the condition resources.md starts
 * it with: {@code Ready=Unknown}, reason {@code CreatePending}, until the sync reports on it.
 */
final class InitialConditions implements AdmissionPlugin {
  @Override
  public String name() {
    return "InitialConditions";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.group().equals(Resources.NOTIFICATION) && request.operation() == Operation.CREATE;
  }

  @Override
  public Future<Void> admit(AdmissionAttributes request, Tx tx) {
    ObjectNode status = Reads.object(request.object(), "status");
    ArrayNode conditions = status.putArray("conditions");
    conditions.addObject().put("type", "Ready").put("status", "Unknown").put("reason", "CreatePending")
        .put("message", "Waiting for the email providers to be synced")
        .put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .put("observedGeneration", 1);
    return Future.succeededFuture();
  }
}
