package io.milo.crm.admission.rules;

import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.Set;

/**
 * LabelWarnings is the seed's mitigation for label sprawl: any label is accepted, but a key under
 * {@code crm.milo.io/} outside the documented set gets a Warning header naming it.
 */
final class LabelWarnings implements AdmissionPlugin {
  static final String PREFIX = "crm.milo.io/";
  static final Set<String> DOCUMENTED = Set.of("crm.milo.io/source", "crm.milo.io/event", "crm.milo.io/status",
      "crm.milo.io/segment");

  @Override
  public String name() {
    return "CrmLabels";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.operation() != Operation.DELETE && request.subresource().isEmpty();
  }

  @Override
  public Future<Void> validate(AdmissionAttributes request, Tx tx) {
    request.object().path("metadata").path("labels").fieldNames().forEachRemaining(key -> {
      if (key.startsWith(PREFIX) && !DOCUMENTED.contains(key)) {
        request.warnings().add("label \"" + key + "\" is not a documented crm.milo.io label "
            + "(crm.milo.io/source, crm.milo.io/event, crm.milo.io/status, crm.milo.io/segment)");
      }
    });
    return Future.succeededFuture();
  }
}
