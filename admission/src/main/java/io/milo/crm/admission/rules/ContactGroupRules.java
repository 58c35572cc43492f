package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionException;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.Map;

/**
 * ContactGroupRules: providers may be added but never removed, and their ids never change (the Loops
 * list id); (displayName, visibility) is unique within a namespace. Visibility's immutability is the
 * kind's declaration.
 */
final class ContactGroupRules implements AdmissionPlugin {
  private final Reads reads;

  ContactGroupRules(Reads reads) {
    this.reads = reads;
  }

  @Override
  public String name() {
    return "ContactGroup";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.group().equals(Resources.NOTIFICATION) && request.resource().equals(Resources.GROUPS)
        && request.operation() != Operation.DELETE && request.subresource().isEmpty();
  }

  @Override
  public Future<Void> validate(AdmissionAttributes request, Tx tx) {
    if (request.operation() == Operation.UPDATE) {
      AdmissionException.Cause providers = providers(request);
      if (providers != null) {
        return Future.failedFuture(AdmissionException.invalid(request, providers));
      }
    }
    JsonNode spec = request.object().path("spec");
    String displayName = spec.path("displayName").asText("");
    String visibility = spec.path("visibility").asText("");
    if (request.operation() == Operation.UPDATE && displayName.equals(Reads.text(request.oldObject(), "spec.displayName"))) {
      return Future.succeededFuture();
    }
    return reads.select(tx, Resources.NOTIFICATION, Resources.GROUPS, request.namespace(),
        Map.of("spec.displayName", displayName, "spec.visibility", visibility), 2).compose(found -> {
          for (var other : found) {
            if (!other.key().name().equals(request.name())) {
              return Future.failedFuture(AdmissionException.invalid(request, AdmissionException.duplicate("spec.displayName",
                  displayName, "the " + visibility + " ContactGroup " + Reads.describe(other) + " already has this display name")));
            }
          }
          return Future.succeededFuture();
        });
  }

  private static AdmissionException.Cause providers(AdmissionAttributes request) {
    JsonNode before = request.oldObject().path("spec").path("providers");
    JsonNode after = request.object().path("spec").path("providers");
    for (int i = 0; i < before.size(); i++) {
      String name = before.get(i).path("name").asText();
      String id = before.get(i).path("id").asText();
      JsonNode kept = null;
      for (JsonNode candidate : after) {
        if (candidate.path("name").asText().equals(name)) {
          kept = candidate;
        }
      }
      if (kept == null) {
        return AdmissionException.forbidden("spec.providers", "provider " + name + " may not be removed");
      }
      if (!kept.path("id").asText().equals(id)) {
        return new AdmissionException.Cause("FieldValueInvalid", "spec.providers[" + i + "].id",
            "Invalid value: " + AdmissionException.quote(kept.path("id").asText()) + ": field is immutable");
      }
    }
    return null;
  }
}
