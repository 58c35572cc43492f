package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;

/**
 * CreatorRule sets who created a CRM object: {@code spec.creatorRef.name} and {@code status.createdBy}
 * are the requesting user's name on create, whatever the client sent. On update an absent creatorRef
 * keeps the stored one (so replacing a manifest without it works) and a different one is refused by
 * the kind's immutability; a {@code /status} update cannot change createdBy.
 */
final class CreatorRule implements AdmissionPlugin {
  @Override
  public String name() {
    return "CreatorRef";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.group().equals(Resources.CRM) && request.operation() != Operation.DELETE;
  }

  @Override
  public Future<Void> admit(AdmissionAttributes request, Tx tx) {
    ObjectNode object = request.object();
    if (request.operation() == Operation.CREATE) {
      Reads.object(object, "spec").putObject("creatorRef").put("name", request.user().name());
      Reads.object(object, "status").put("createdBy", request.user().name());
    } else if (request.subresource().equals("status")) {
      JsonNode createdBy = request.oldObject().path("status").get("createdBy");
      if (createdBy == null) {
        Reads.object(object, "status").remove("createdBy");
      } else {
        Reads.object(object, "status").set("createdBy", createdBy.deepCopy());
      }
    } else if (!object.path("spec").has("creatorRef") && request.oldObject().path("spec").has("creatorRef")) {
      Reads.object(object, "spec").set("creatorRef", request.oldObject().path("spec").get("creatorRef").deepCopy());
    }
    return Future.succeededFuture();
  }
}
