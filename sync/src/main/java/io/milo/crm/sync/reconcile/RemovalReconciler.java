package io.milo.crm.sync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.sync.provider.ProviderClient;

/**
 * RemovalReconciler applies a ContactGroupMembershipRemoval on each provider: the contact is taken off
 * the list (again, if the deleted membership's finalizer already did). A contact or list the provider
 * never had leaves nothing to take off. Deleting a removal changes nothing on the providers.
 */
public final class RemovalReconciler extends SyncReconciler {
  public RemovalReconciler(ReconcileContext context) {
    super(Kinds.REMOVAL, context);
  }

  @Override
  protected ProviderOutcome sync(ProviderClient provider, JsonNode json) {
    deletePairMembership(json);
    MembershipReconciler.Ends ends = MembershipReconciler.ends(this, provider, json);
    if (ends.contact() == null) {
      return ProviderOutcome.waiting("WaitingForDependencies", ends.missing());
    }
    if (ends.contactId() == null || ends.listId() == null) {
      return ProviderOutcome.ready("CreateSuccessful", "Nothing to remove on " + provider.provider().displayName(),
          null);
    }
    String id = ends.contactId() + "/" + ends.listId();
    if (upToDate(json, provider.provider(), kind.kind(), id)) {
      return ProviderOutcome.unchanged(id);
    }
    await(provider.setMembership(contactData(ends.contact()), ends.contactId(), ends.listId(), false));
    if (wasInSync(json, provider.provider(), kind.kind(), id)) {
      return ProviderOutcome.unchanged(id);
    }
    return ProviderOutcome.ready("CreateSuccessful", "Contact is off the " + provider.provider().displayName()
        + " list", id);
  }

  @Override
  protected boolean referencesChanged(JsonNode json) {
    return MembershipReconciler.endsChanged(this, providers(), json);
  }

  /** The server deletes the pair's membership when it accepts a removal; this makes sure, idempotently. */
  private void deletePairMembership(JsonNode json) {
    JsonNode spec = json.path("spec");
    for (var m : caches.list(Kinds.MEMBERSHIP, Caches.refersTo("contactRef", spec.path("contactRef").path("namespace")
        .asText(), spec.path("contactRef").path("name").asText()).and(Caches.refersTo("contactGroupRef",
        spec.path("contactGroupRef").path("namespace").asText(), spec.path("contactGroupRef").path("name").asText())))) {
      if (m.getMetadata().getDeletionTimestamp() == null) {
        kube.delete(Kinds.MEMBERSHIP, m.getMetadata().getNamespace(), m.getMetadata().getName());
      }
    }
  }

  @Override
  protected boolean cleanup(ProviderClient provider, JsonNode json) {
    return true;
  }
}
