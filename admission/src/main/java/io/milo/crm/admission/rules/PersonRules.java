package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionException;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * PersonRules: a Person's companyRef and every contactRef must name existing objects, and at most one
 * contactRef is primary (duplicates are refused by the list's map keys in the schema).
 */
final class PersonRules implements AdmissionPlugin {
  private final Reads reads;

  PersonRules(Reads reads) {
    this.reads = reads;
  }

  @Override
  public String name() {
    return "PersonReferences";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.group().equals(Resources.CRM) && request.resource().equals(Resources.PEOPLE)
        && request.operation() != Operation.DELETE && request.subresource().isEmpty();
  }

  @Override
  public Future<Void> validate(AdmissionAttributes request, Tx tx) {
    List<AdmissionException.Cause> causes = new ArrayList<>();
    JsonNode spec = request.object().path("spec");
    List<Future<?>> checks = new ArrayList<>();
    String company = spec.path("companyRef").path("name").asText("");
    if (!company.isEmpty()) {
      checks.add(reads.find(tx, Resources.CRM, Resources.COMPANIES, "", company).map(found -> {
        if (found.isEmpty()) {
          causes.add(AdmissionException.notFound("spec.companyRef.name", company, "no Company named " + company));
        }
        return null;
      }));
    }
    JsonNode refs = spec.path("contactRefs");
    int primaries = 0;
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      String namespace = ref.path("namespace").asText("");
      String contactName = ref.path("name").asText("");
      if (ref.path("primary").asBoolean(false) && ++primaries > 1) {
        causes.add(AdmissionException.invalidValue("spec.contactRefs[" + i + "].primary", "true",
            "at most one contactRef may be primary"));
      }
      String field = "spec.contactRefs[" + i + "]";
      checks.add(reads.find(tx, Resources.NOTIFICATION, Resources.CONTACTS, namespace, contactName).map(found -> {
        if (found.isEmpty()) {
          causes.add(AdmissionException.notFound(field, namespace + "/" + contactName,
              "no Contact named " + contactName + " in namespace " + namespace));
        }
        return null;
      }));
    }
    return Future.all(checks).compose(v -> {
      if (!causes.isEmpty()) {
        causes.sort(java.util.Comparator.comparing(AdmissionException.Cause::field));
        return Future.failedFuture(AdmissionException.invalid(request, causes));
      }
      return Future.succeededFuture();
    });
  }
}
