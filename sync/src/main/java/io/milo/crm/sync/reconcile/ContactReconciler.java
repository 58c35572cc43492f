package io.milo.crm.sync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.sync.provider.ProviderClient;
import io.milo.crm.sync.provider.ContactData;

/**
 * ContactReconciler keeps a provider contact per Contact. On deletion it waits until the Contact's
 * memberships and removals are gone (their own finalizers take the contact off the lists) and then
 * deletes the provider contact: memberships, removals, then the contact. A contact never synced to a
 * provider that is keyed by email (no id recorded, condition never True) is not deleted there.
 */
public final class ContactReconciler extends SyncReconciler {
  public ContactReconciler(ReconcileContext context) {
    super(Kinds.CONTACT, context);
  }

  @Override
  protected ProviderOutcome sync(ProviderClient provider, JsonNode json) {
    String known = StatusModel.providerId(json.path("status"), provider.provider());
    if (upToDate(json, provider.provider(), kind.kind(), known)) {
      return ProviderOutcome.unchanged(known);
    }
    String id = await(provider.ensureContact(contactData(json), known));
    if (wasInSync(json, provider.provider(), kind.kind(), id)) {
      return ProviderOutcome.unchanged(id); // a resync's check found nothing to repair
    }
    return ProviderOutcome.ready(known == null ? "CreateSuccessful" : "UpdateSuccessful",
        "Contact is in sync on " + provider.provider().displayName(), id);
  }

  @Override
  protected boolean cleanup(ProviderClient provider, JsonNode json) {
    String namespace = json.path("metadata").path("namespace").asText();
    String name = json.path("metadata").path("name").asText();
    boolean waiting = false;
    for (Kinds dependent : java.util.List.of(Kinds.MEMBERSHIP, Kinds.REMOVAL)) {
      for (var o : caches.list(dependent, Caches.refersTo("contactRef", namespace, name))) {
        waiting = true;
        if (o.getMetadata().getDeletionTimestamp() == null) {
          // The server cascades this deletion; asking again is harmless and does not depend on when it does.
          kube.delete(dependent, o.getMetadata().getNamespace(), o.getMetadata().getName());
        }
      }
    }
    if (waiting) {
      return false;
    }
    ContactData data = contactData(json);
    String id = StatusModel.providerId(json.path("status"), provider.provider());
    if (id == null && provider.createsLists() && !everSynced(json, provider)) {
      // Never synced: a contact with this email on the provider is not ours (someone else's, or made
      // before this Contact), so a by-email delete would remove what this Contact never created.
      return true;
    }
    await(provider.deleteContact(data, id));
    return true;
  }

  @Override
  protected String waitingFor() {
    return "the contact's memberships and removals to be deleted";
  }

  /** Whether the Contact was in sync with provider at some point: its id lost, its condition still says so. */
  private boolean everSynced(JsonNode json, ProviderClient provider) {
    JsonNode condition = StatusModel.condition(json.path("status"), provider.provider().conditionType(kind.kind()));
    return "True".equals(condition.path("status").asText());
  }
}
