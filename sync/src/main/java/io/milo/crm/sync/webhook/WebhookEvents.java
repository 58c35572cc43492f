package io.milo.crm.sync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.milo.crm.sync.provider.Provider;
import io.milo.crm.sync.reconcile.Caches;
import io.milo.crm.sync.reconcile.ContactGroupReconciler;
import io.milo.crm.sync.reconcile.KubeObjects;
import io.milo.crm.sync.reconcile.Kinds;
import io.milo.crm.sync.reconcile.StatusModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * WebhookEvents turns verified provider events into API changes. "Unsubscribed from list X" becomes a
 * ContactGroupMembershipRemoval (the server then deletes the membership); "subscribed to list X" deletes
 * the pair's removals, if any, and creates the membership. New objects get names derived from the pair,
 * and existing ones are found by their refs whatever their names, so a redelivered event finds its work
 * done. An unsubscribe from a private group's list is refused (422): the server keeps private members; a
 * subscribe to one is refused too (422), since private members are managed through the API. Before the
 * informer caches have synced every event is answered 503 (a contact not listed yet is not unknown). Events it does not know, or about contacts or lists it does not
 * know, are refused with a 4xx and change nothing. Blocking: runs on a worker thread.
 */
public final class WebhookEvents {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The HTTP answer to a delivery. */
  public record Answer(int status, String message) {}

  /**
   * Before the informer caches have listed every kind, an unknown contact may only be one not listed
   * yet: the provider is asked to redeliver (503 with Retry-After) and nothing is changed.
   */
  static final Answer NOT_SYNCED = new Answer(503, "starting: the sync has not read every object yet; nothing changed;"
      + " try again");

  private final Caches caches;
  private final KubeObjects kube;

  public WebhookEvents(Caches caches, KubeObjects kube) {
    this.caches = caches;
    this.kube = kube;
  }

  /**
   * A Resend event: {@code contact.updated} with {@code unsubscribed: true} opts out of every public
   * group; {@code contact.deleted} makes the Contact holding that id create it again.
   */
  public Answer resend(JsonNode event) {
    if (!caches.synced()) {
      return NOT_SYNCED;
    }
    String type = event.path("type").asText();
    JsonNode data = event.path("data");
    switch (type) {
      case "contact.created":
        return new Answer(200, "nothing to do");
      case "contact.deleted":
        return forgetResendContact(data.path("id").asText(null));
      case "contact.updated":
        break;
      default:
        return new Answer(400, "unknown event type " + type);
    }
    JsonNode contact = contact(Provider.RESEND, data.path("id").asText(null), null, data.path("email").asText(null));
    if (contact == null) {
      return new Answer(422, "unknown contact");
    }
    if (!data.path("unsubscribed").asBoolean(false)) {
      return new Answer(200, "nothing to do");
    }
    String ns = contact.path("metadata").path("namespace").asText();
    String name = contact.path("metadata").path("name").asText();
    int removed = 0;
    for (DynamicKubernetesObject m : caches.list(Kinds.MEMBERSHIP, Caches.refersTo("contactRef", ns, name))) {
      JsonNode ref = KubeObjects.json(m).path("spec").path("contactGroupRef");
      DynamicKubernetesObject group = caches.get(Kinds.CONTACT_GROUP, ref.path("namespace").asText(),
          ref.path("name").asText());
      if (group != null && "public".equals(KubeObjects.json(group).path("spec").path("visibility").asText())) {
        optOut(contact, KubeObjects.json(group));
        removed++;
      }
    }
    return new Answer(200, "removed from " + removed + " groups");
  }

  /**
   * A contact deleted on Resend (by hand, or by Resend itself): the Contact holding that id loses its
   * Resend entry, so its next reconcile creates the contact again and its memberships follow the new id.
   * An id no Contact holds (our own delete, an email change) changes nothing.
   */
  private Answer forgetResendContact(String id) {
    if (id == null || id.isEmpty()) {
      return new Answer(200, "nothing to do");
    }
    List<DynamicKubernetesObject> holders = caches.list(Kinds.CONTACT,
        c -> id.equals(StatusModel.providerId(c.path("status"), Provider.RESEND)));
    for (DynamicKubernetesObject holder : holders) {
      kube.patchStatus(Kinds.CONTACT, holder, StatusModel.withoutEntry(KubeObjects.json(holder).path("status"),
          Provider.RESEND));
    }
    return new Answer(200, holders.isEmpty() ? "nothing to do" : "the contact will be created again");
  }

  /** A Loops event: {@code contact.mailingList.subscribed|unsubscribed}. */
  public Answer loops(JsonNode event) {
    if (!caches.synced()) {
      return NOT_SYNCED;
    }
    String type = event.path("eventName").asText(event.path("type").asText());
    boolean subscribe;
    switch (type) {
      case "contact.mailingList.subscribed" -> subscribe = true;
      case "contact.mailingList.unsubscribed" -> subscribe = false;
      default -> {
        return new Answer(400, "unknown event type " + type);
      }
    }
    JsonNode identity = event.path("contactIdentity");
    JsonNode contact = contact(Provider.LOOPS, null, identity.path("userId").asText(null),
        identity.path("email").asText(null));
    String listId = event.path("mailingList").path("id").asText(null);
    JsonNode group = listId == null || contact == null ? null : group(contact, listId);
    if (contact == null || group == null) {
      return new Answer(422, contact == null ? "unknown contact" : "unknown mailing list");
    }
    if (subscribe && !"public".equals(group.path("spec").path("visibility").asText())) {
      return privateOptIn(contact, group, listId);
    }
    if (subscribe) {
      return optIn(contact, group);
    }
    if (!"public".equals(group.path("spec").path("visibility").asText())) {
      return new Answer(422, "mailing list " + listId + " is the private group " + namespace(group) + "/"
          + group.path("metadata").path("name").asText()
          + ": its members cannot opt out of it; nothing changed");
    }
    optOut(contact, group);
    return new Answer(200, "unsubscribed");
  }

  /**
   * A subscription to a private group's list: membership of a private group is managed through the API
   * only (an operational list; resources.md), so it is refused with 422 and nothing changes, unless the
   * contact is a member already (the sync's own add, echoed back): then there is nothing to do.
   */
  private Answer privateOptIn(JsonNode contact, JsonNode group, String listId) {
    boolean member = caches.list(Kinds.MEMBERSHIP, pair(contact, group)).stream()
        .anyMatch(m -> m.getMetadata().getDeletionTimestamp() == null);
    if (member) {
      return new Answer(200, "already a member of the private group; nothing to do");
    }
    return new Answer(422, "mailing list " + listId + " is the private group " + namespace(group) + "/"
        + group.path("metadata").path("name").asText()
        + ": its members are managed through the API, not by subscribing; nothing changed");
  }

  /**
   * Opts the contact out of a public group: creates the pair's removal unless one exists already (under
   * any name: one made through the API counts too). A duplicate refused on create is done as well.
   */
  private void optOut(JsonNode contact, JsonNode group) {
    if (!caches.list(Kinds.REMOVAL, pair(contact, group)).isEmpty()) {
      return;
    }
    try {
      kube.create(Kinds.REMOVAL, namespace(group), pairObject("ContactGroupMembershipRemoval", contact, group));
    } catch (KubeObjects.KubeWriteException e) {
      if (!duplicate(e)) {
        throw e;
      }
    }
  }

  /**
   * Opts the contact back in: deletes the pair's removals (found by their refs, whatever their names)
   * and creates the membership. A duplicate membership is done only while it is not being deleted;
   * one on its way out would leave the contact off the list, so the provider is asked to retry (503)
   * and nothing is changed: the removal that is taking the membership away stays until the redelivery
   * finds the membership gone. Whether it is being deleted is read from the server, not the cache.
   */
  private Answer optIn(JsonNode contact, JsonNode group) {
    if (terminating(contact, group)) {
      return TERMINATING;
    }
    for (DynamicKubernetesObject removal : caches.list(Kinds.REMOVAL, pair(contact, group))) {
      kube.delete(Kinds.REMOVAL, removal.getMetadata().getNamespace(), removal.getMetadata().getName());
    }
    for (int attempt = 0; ; attempt++) {
      try {
        kube.create(Kinds.MEMBERSHIP, namespace(group), pairObject("ContactGroupMembership", contact, group));
        return new Answer(200, "subscribed");
      } catch (KubeObjects.KubeWriteException e) {
        if (duplicate(e)) {
          return terminating(contact, group) ? TERMINATING : new Answer(200, "subscribed");
        }
        // A removal being deleted still blocks the membership until it is gone: wait a little for it.
        if (e.code() != 422 || attempt >= 10) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static final Answer TERMINATING =
      new Answer(503, "the pair's membership is being deleted; nothing changed; try again when it is gone");

  /** Whether the server holds a membership of the pair that is being deleted. */
  private boolean terminating(JsonNode contact, JsonNode group) {
    String selector = "spec.contactRef.name=" + contact.path("metadata").path("name").asText()
        + ",spec.contactRef.namespace=" + namespace(contact)
        + ",spec.contactGroupRef.name=" + group.path("metadata").path("name").asText()
        + ",spec.contactGroupRef.namespace=" + namespace(group);
    return kube.list(Kinds.MEMBERSHIP, selector).stream()
        .anyMatch(m -> !m.path("metadata").path("deletionTimestamp").isMissingNode()
            && !m.path("metadata").path("deletionTimestamp").isNull());
  }

  /** The server's 422 FieldValueDuplicate for a second membership or removal of the same pair. */
  private static boolean duplicate(KubeObjects.KubeWriteException e) {
    return e.code() == 422 && e.getMessage() != null && e.getMessage().contains("already pairs");
  }

  /** Memberships or removals of the (contact, group) pair. */
  private static Predicate<JsonNode> pair(JsonNode contact, JsonNode group) {
    return Caches.refersTo("contactRef", namespace(contact), contact.path("metadata").path("name").asText())
        .and(Caches.refersTo("contactGroupRef", namespace(group), group.path("metadata").path("name").asText()));
  }

  /** The group with that Loops list id; several may share one list: the contact's own group first. */
  private JsonNode group(JsonNode contact, String listId) {
    List<JsonNode> groups = caches.list(Kinds.CONTACT_GROUP,
        g -> listId.equals(ContactGroupReconciler.declaredListId(g, Provider.LOOPS))).stream()
        .map(KubeObjects::json).toList();
    String ns = namespace(contact);
    String name = contact.path("metadata").path("name").asText();
    for (JsonNode g : groups) {
      boolean related = !caches.list(Kinds.MEMBERSHIP, Caches.refersTo("contactRef", ns, name)
          .and(Caches.refersTo("contactGroupRef", namespace(g), g.path("metadata").path("name").asText()))).isEmpty()
          || !caches.list(Kinds.REMOVAL, Caches.refersTo("contactRef", ns, name)
          .and(Caches.refersTo("contactGroupRef", namespace(g), g.path("metadata").path("name").asText()))).isEmpty();
      if (related) {
        return g;
      }
    }
    return groups.isEmpty() ? null : groups.get(0);
  }

  private JsonNode contact(Provider provider, String providerId, String uid, String email) {
    List<DynamicKubernetesObject> found = caches.list(Kinds.CONTACT, c ->
        (providerId != null && providerId.equals(StatusModel.providerId(c.path("status"), provider)))
            || (uid != null && uid.equals(c.path("metadata").path("uid").asText()))
            || (email != null && email.equalsIgnoreCase(c.path("spec").path("email").asText())));
    return found.isEmpty() ? null : KubeObjects.json(found.get(0));
  }

  private static String namespace(JsonNode obj) {
    return obj.path("metadata").path("namespace").asText();
  }

  /** A name for a (contact, group) pair: readable when short, hashed when it would be too long. */
  static String pairName(JsonNode contact, JsonNode group) {
    String readable = contact.path("metadata").path("name").asText() + "-" + group.path("metadata").path("name").asText();
    String key = namespace(contact) + "/" + contact.path("metadata").path("name").asText() + "/"
        + namespace(group) + "/" + group.path("metadata").path("name").asText();
    try {
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
      return (readable.length() > 200 ? readable.substring(0, 200) : readable) + "-" + hash;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode pairObject(String kind, JsonNode contact, JsonNode group) {
    ObjectNode obj = JSON.createObjectNode();
    obj.put("apiVersion", Kinds.GROUP + "/" + Kinds.VERSION).put("kind", kind);
    obj.putObject("metadata").put("name", pairName(contact, group)).put("namespace", namespace(group));
    ObjectNode spec = obj.putObject("spec");
    spec.putObject("contactRef").put("name", contact.path("metadata").path("name").asText())
        .put("namespace", namespace(contact));
    spec.putObject("contactGroupRef").put("name", group.path("metadata").path("name").asText())
        .put("namespace", namespace(group));
    return obj;
  }
}
