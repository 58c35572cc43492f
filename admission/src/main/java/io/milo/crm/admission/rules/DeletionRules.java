package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionException;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.ObjectWriter;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.StoredObject;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DeletionRules keeps references whole (resources.md, "Deletion and references"): a Company or Contact
 * a Person references cannot be deleted (409 naming up to 10 referrers); deleting a Person or Company
 * deletes the Notes about it, and deleting a Contact its Notes, memberships and removals - each an
 * ordinary deletion (finalizers honoured, events sent) in the same unit of work. Deleting a
 * ContactGroup takes its memberships and removals along too, so none is left pointing at nothing.
 */
final class DeletionRules implements AdmissionPlugin {
  private static final int NAMED_REFERRERS = 10;

  private final Reads reads;
  private final ObjectWriter objects;

  DeletionRules(Reads reads, ObjectWriter objects) {
    this.reads = reads;
    this.objects = objects;
  }

  @Override
  public String name() {
    return "References";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.operation() == Operation.DELETE;
  }

  @Override
  public Future<Void> validate(AdmissionAttributes request, Tx tx) {
    Future<List<StoredObject>> referrers;
    if (is(request, Resources.CRM, Resources.COMPANIES)) {
      referrers = reads.select(tx, Resources.CRM, Resources.PEOPLE, null, Map.of("spec.companyRef.name", request.name()),
          NAMED_REFERRERS + 1);
    } else if (is(request, Resources.NOTIFICATION, Resources.CONTACTS)) {
      referrers = tx.findByIndex(objects.type(Resources.CRM, Resources.PEOPLE), Resources.CONTACT_REFS_INDEX,
          request.namespace() + "/" + request.name(), NAMED_REFERRERS + 1);
    } else {
      return Future.succeededFuture();
    }
    return referrers.compose(people -> {
      if (people.isEmpty()) {
        return Future.succeededFuture();
      }
      List<String> names = people.stream().limit(NAMED_REFERRERS).map(Reads::describe).toList();
      String more = people.size() > NAMED_REFERRERS ? " and more" : "";
      return Future.failedFuture(AdmissionException.conflict(request, "it is referenced by Person " + String.join(", ", names)
          + more + "; change or delete " + (people.size() == 1 ? "that Person" : "those People") + " first"));
    });
  }

  @Override
  public Future<Void> afterWrite(AdmissionAttributes request, ObjectNode written, Tx tx) {
    List<Future<List<Target>>> targets = new ArrayList<>();
    if (is(request, Resources.CRM, Resources.PEOPLE)) {
      targets.add(notesAbout(tx, Resources.CRM, "Person", request.name(), ""));
    } else if (is(request, Resources.CRM, Resources.COMPANIES)) {
      targets.add(notesAbout(tx, Resources.CRM, "Company", request.name(), ""));
    } else if (is(request, Resources.NOTIFICATION, Resources.CONTACTS)) {
      targets.add(notesAbout(tx, Resources.NOTIFICATION, "Contact", request.name(), request.namespace()));
      targets.add(pairings(tx, Resources.MEMBERSHIPS, request, "contactRef"));
      targets.add(pairings(tx, Resources.REMOVALS, request, "contactRef"));
    } else if (is(request, Resources.NOTIFICATION, Resources.GROUPS)) {
      // A pairing with a group that is gone would point nowhere: it goes with the group.
      targets.add(pairings(tx, Resources.MEMBERSHIPS, request, "contactGroupRef"));
      targets.add(pairings(tx, Resources.REMOVALS, request, "contactGroupRef"));
    } else {
      return Future.succeededFuture();
    }
    return Future.all(targets).compose(all -> {
      Future<Void> chain = Future.succeededFuture();
      for (Future<List<Target>> group : targets) {
        for (Target target : group.result()) {
          chain = chain.compose(v -> objects.delete(tx, target.group(), target.resource(), target.object().key(),
              request.user()));
        }
      }
      return chain;
    });
  }

  /** One object a cascade deletes. */
  private record Target(String group, String resource, StoredObject object) {}

  private Future<List<Target>> notesAbout(Tx tx, String group, String kind, String name, String namespace) {
    return reads.select(tx, Resources.CRM, Resources.NOTES, null, Map.of("spec.subjectRef.apiGroup", group,
        "spec.subjectRef.kind", kind, "spec.subjectRef.name", name, "spec.subjectRef.namespace", namespace), 0)
        .map(notes -> notes.stream().map(n -> new Target(Resources.CRM, Resources.NOTES, n)).toList());
  }

  /** The memberships or removals whose ref (contactRef or contactGroupRef) names the deleted object. */
  private Future<List<Target>> pairings(Tx tx, String resource, AdmissionAttributes deleted, String ref) {
    return reads.select(tx, Resources.NOTIFICATION, resource, null, Map.of("spec." + ref + ".name", deleted.name()), 0)
        .map(found -> found.stream()
            .filter(o -> o.tree().path("spec").path(ref).path("namespace").asText("").equals(deleted.namespace()))
            .map(o -> new Target(Resources.NOTIFICATION, resource, o)).toList());
  }

  private static boolean is(AdmissionAttributes request, String group, String resource) {
    return request.group().equals(group) && request.resource().equals(resource);
  }
}
