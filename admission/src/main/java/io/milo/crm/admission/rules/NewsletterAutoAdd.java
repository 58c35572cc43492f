package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionPlugin;
import io.milo.crm.admission.ObjectWriter;
import io.milo.crm.admission.Operation;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.Locale;

/**
 * NewsletterAutoAdd is the one automation in scope: a Person labelled
 * {@code crm.milo.io/source=newsletter-signup} with a primary Contact gets that Contact a membership of
 * the newsletter group, in the same unit of work - unless the contact opted out (a removal exists for
 * the pair) or already is a member. When the group does not exist the person is still written, with
 * a Warning saying why nobody was added. Idempotent: writing the person again adds nothing.
 */
final class NewsletterAutoAdd implements AdmissionPlugin {
  static final String LABEL = "crm.milo.io/source";
  static final String VALUE = "newsletter-signup";

  private final PairingRules pairing;
  private final Reads reads;
  private final ObjectWriter objects;
  private final String groupNamespace;
  private final String groupName;

  NewsletterAutoAdd(PairingRules pairing, Reads reads, ObjectWriter objects, String groupNamespace, String groupName) {
    this.pairing = pairing;
    this.reads = reads;
    this.objects = objects;
    this.groupNamespace = groupNamespace;
    this.groupName = groupName;
  }

  @Override
  public String name() {
    return "NewsletterAutoAdd";
  }

  @Override
  public boolean handles(AdmissionAttributes request) {
    return request.group().equals(Resources.CRM) && request.resource().equals(Resources.PEOPLE)
        && request.operation() != Operation.DELETE && request.subresource().isEmpty();
  }

  @Override
  public Future<Void> afterWrite(AdmissionAttributes request, ObjectNode person, Tx tx) {
    if (!VALUE.equals(person.path("metadata").path("labels").path(LABEL).asText())) {
      return Future.succeededFuture();
    }
    JsonNode primary = null;
    for (JsonNode ref : person.path("spec").path("contactRefs")) {
      if (ref.path("primary").asBoolean(false)) {
        primary = ref;
      }
    }
    if (primary == null) {
      return Future.succeededFuture();
    }
    PairingRules.Pair pair = new PairingRules.Pair(primary.path("namespace").asText(), primary.path("name").asText(),
        groupNamespace, groupName);
    return reads.find(tx, Resources.NOTIFICATION, Resources.GROUPS, groupNamespace, groupName).compose(group -> {
      if (group.isEmpty()) {
        request.warnings().add("newsletter group " + groupNamespace + "/" + groupName
            + " does not exist: contact " + pair.contactNamespace() + "/" + pair.contact() + " was not added to it");
        return Future.succeededFuture();
      }
      return pairing.existing(tx, Resources.REMOVALS, pair).compose(optOut -> optOut.isPresent()
          ? Future.succeededFuture()
          : pairing.existing(tx, Resources.MEMBERSHIPS, pair).compose(member -> member.isPresent()
              ? Future.succeededFuture()
              : objects.create(tx, membership(pair), request.user()).mapEmpty()));
    });
  }

  private static ObjectNode membership(PairingRules.Pair pair) {
    ObjectNode membership = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        .put("apiVersion", Resources.NOTIFICATION_VERSION).put("kind", "ContactGroupMembership");
    String name = (pair.group() + "-" + pair.contactNamespace() + "-" + pair.contact()).toLowerCase(Locale.ROOT);
    membership.putObject("metadata").put("namespace", pair.groupNamespace())
        .put("name", name.length() > 253 ? name.substring(0, 253) : name);
    ObjectNode spec = membership.putObject("spec");
    spec.putObject("contactRef").put("namespace", pair.contactNamespace()).put("name", pair.contact());
    spec.putObject("contactGroupRef").put("namespace", pair.groupNamespace()).put("name", pair.group());
    return membership;
  }
}
