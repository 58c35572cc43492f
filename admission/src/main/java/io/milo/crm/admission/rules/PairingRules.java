package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionException;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.ObjectWriter;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.StoredObject;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PairingRules covers the two kinds that pair a Contact with a ContactGroup. For both: the Contact
 * and the group exist, one object per pair, and status.username is the Contact's User subject. A
 * membership is refused while a removal (the opt-out) exists for its pair; a removal is refused for a
 * private group, and accepting one deletes the pair's membership in the same unit of work. Their
 * specs are immutable (the kinds' declarations).
 */
final class PairingRules implements AdmissionPlugin {
  private final Reads reads;
  private final ObjectWriter objects;

  PairingRules(Reads reads, ObjectWriter objects) {
    this.reads = reads;
    this.objects = objects;
  }

  /** A request's (contact, group) pair. */
  record Pair(String contactNamespace, String contact, String groupNamespace, String group) {
    static Pair of(JsonNode object) {
      JsonNode spec = object.path("spec");
      return new Pair(spec.path("contactRef").path("namespace").asText(""), spec.path("contactRef").path("name").asText(""),
          spec.path("contactGroupRef").path("namespace").asText(""), spec.path("contactGroupRef").path("name").asText(""));
    }

    boolean matches(JsonNode object) {
      return equals(of(object));
    }
  }

  @Override
  public String name() {
    return "ContactGroupPairing";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.group().equals(Resources.NOTIFICATION)
        && (request.resource().equals(Resources.MEMBERSHIPS) || request.resource().equals(Resources.REMOVALS))
        && request.operation() == Operation.CREATE;
  }

  @Override
  public Future<Void> admit(AdmissionAttributes request, Tx tx) {
    Pair pair = Pair.of(request.object());
    return reads.find(tx, Resources.NOTIFICATION, Resources.CONTACTS, pair.contactNamespace(), pair.contact()).map(contact -> {
      ObjectNode status = Reads.object(request.object(), "status");
      status.remove("username");
      contact.ifPresent(c -> {
        JsonNode subject = c.tree().path("spec").path("subject");
        if (subject.path("kind").asText().equals("User") && !subject.path("name").asText("").isEmpty()) {
          status.put("username", subject.path("name").asText());
        }
      });
      return null;
    });
  }

  @Override
  public Future<Void> validate(AdmissionAttributes request, Tx tx) {
    Pair pair = Pair.of(request.object());
    boolean removal = request.resource().equals(Resources.REMOVALS);
    // Every read goes out at once (one round trip); the answers are judged in the order of the rules.
    Future<Optional<StoredObject>> contactRead = reads.find(tx, Resources.NOTIFICATION, Resources.CONTACTS,
        pair.contactNamespace(), pair.contact());
    Future<Optional<StoredObject>> groupRead = reads.find(tx, Resources.NOTIFICATION, Resources.GROUPS,
        pair.groupNamespace(), pair.group());
    Future<Optional<StoredObject>> sameRead = existing(tx, request.resource(), pair);
    Future<Optional<StoredObject>> optOutRead = removal
        ? Future.succeededFuture(Optional.empty()) : existing(tx, Resources.REMOVALS, pair);
    return Future.all(contactRead, groupRead, sameRead, optOutRead).compose(read -> {
      if (contactRead.result().isEmpty()) {
        throw AdmissionException.invalid(request, AdmissionException.notFound("spec.contactRef",
            pair.contactNamespace() + "/" + pair.contact(), "no Contact named " + pair.contact() + " in namespace "
            + pair.contactNamespace()));
      }
      Optional<StoredObject> group = groupRead.result();
      if (group.isEmpty()) {
        throw AdmissionException.invalid(request, AdmissionException.notFound("spec.contactGroupRef",
            pair.groupNamespace() + "/" + pair.group(), "no ContactGroup named " + pair.group() + " in namespace "
            + pair.groupNamespace()));
      }
      if (removal && group.get().tree().path("spec").path("visibility").asText().equals("private")) {
        throw AdmissionException.invalid(request, AdmissionException.invalidValue("spec.contactGroupRef",
            pair.groupNamespace() + "/" + pair.group(), "the group is private: its members cannot opt out of it"));
      }
      Optional<StoredObject> same = sameRead.result();
      if (same.isPresent()) {
        throw AdmissionException.invalid(request, AdmissionException.duplicate("spec", pair.contactNamespace() + "/"
            + pair.contact() + " in " + pair.groupNamespace() + "/" + pair.group(), "the " + kindOf(request.resource())
            + " " + Reads.describe(same.get()) + " already pairs this contact and group"));
      }
      Optional<StoredObject> optOut = optOutRead.result();
      if (optOut.isPresent()) {
        throw AdmissionException.invalid(request, AdmissionException.invalidValue("spec.contactRef",
            pair.contactNamespace() + "/" + pair.contact(), "the contact opted out of " + pair.groupNamespace() + "/"
            + pair.group() + " (ContactGroupMembershipRemoval " + Reads.describe(optOut.get())
            + "); delete the removal first"));
      }
      return Future.<Void>succeededFuture();
    });
  }

  @Override
  public Future<Void> afterWrite(AdmissionAttributes request, ObjectNode written, Tx tx) {
    if (!request.resource().equals(Resources.REMOVALS)) {
      return Future.succeededFuture();
    }
    Pair pair = Pair.of(written);
    return all(tx, Resources.MEMBERSHIPS, pair).compose(memberships -> {
      Future<Void> chain = Future.succeededFuture();
      for (StoredObject membership : memberships) {
        chain = chain.compose(v -> objects.delete(tx, Resources.NOTIFICATION, Resources.MEMBERSHIPS, membership.key(),
            request.user()));
      }
      return chain;
    });
  }

  /** The first object of resource pairing the same contact and group, if any. */
  Future<Optional<StoredObject>> existing(Tx tx, String resource, Pair pair) {
    return all(tx, resource, pair).map(found -> found.stream().findFirst());
  }

  /** Every object of resource pairing the contact and group (names are selectable on both kinds; namespaces filtered here). */
  Future<List<StoredObject>> all(Tx tx, String resource, Pair pair) {
    return reads.select(tx, Resources.NOTIFICATION, resource, null,
        Map.of("spec.contactRef.name", pair.contact(), "spec.contactGroupRef.name", pair.group()), 0)
        .map(found -> found.stream().filter(o -> pair.matches(o.tree())).toList());
  }

  private static String kindOf(String resource) {
    return resource.equals(Resources.REMOVALS) ? "ContactGroupMembershipRemoval" : "ContactGroupMembership";
  }
}
