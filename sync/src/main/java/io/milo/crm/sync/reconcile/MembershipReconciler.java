package io.milo.crm.sync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.sync.provider.ProviderClient;
import java.util.List;

/**
 * MembershipReconciler puts a Contact on a provider list per ContactGroupMembership, and takes it off
 * when the membership is deleted (which is also how a ContactGroupMembershipRemoval takes effect: the
 * server deletes the membership). Its provider id is {@code <contactId>/<listId>}, so a contact that
 * was recreated on the provider (Resend email change) no longer matches and is added again (its
 * {@code Update} condition says {@code UpdateRequested} until it is).
 */
public final class MembershipReconciler extends SyncReconciler {
  public MembershipReconciler(ReconcileContext context) {
    super(Kinds.MEMBERSHIP, context);
  }

  /** The provider ids of a membership's or removal's contact and list. */
  record Ends(JsonNode contact, String contactId, String listId, String missing) {}

  static Ends ends(SyncReconciler r, ProviderClient provider, JsonNode json) {
    JsonNode contact = r.referenced(json, "contactRef", Kinds.CONTACT);
    JsonNode group = r.referenced(json, "contactGroupRef", Kinds.CONTACT_GROUP);
    String name = provider.provider().displayName();
    if (contact == null || group == null) {
      return new Ends(contact, null, null, "the contact or group is not known yet");
    }
    String contactId = StatusModel.providerId(contact.path("status"), provider.provider());
    String listId = StatusModel.providerId(group.path("status"), provider.provider());
    if (listId == null && !provider.createsLists()) {
      return new Ends(contact, contactId, null, "the group has no " + name + " list id (spec.providers)");
    }
    if (contactId == null || listId == null) {
      return new Ends(contact, contactId, listId, "waiting for the contact and group to be synced to " + name);
    }
    return new Ends(contact, contactId, listId, null);
  }

  /**
   * Whether, on some provider, the contact or list this membership (or removal) was made with has been
   * replaced (a Resend email change recreates the contact): it must be made again there.
   */
  static boolean endsChanged(SyncReconciler r, List<ProviderClient> providers, JsonNode json) {
    for (ProviderClient provider : providers) {
      String recorded = StatusModel.providerId(json.path("status"), provider.provider());
      Ends ends = ends(r, provider, json);
      if (recorded != null && ends.contactId() != null && ends.listId() != null
          && !recorded.equals(ends.contactId() + "/" + ends.listId())) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected boolean referencesChanged(JsonNode json) {
    return endsChanged(this, providers(), json);
  }

  @Override
  protected ProviderOutcome sync(ProviderClient provider, JsonNode json) {
    Ends ends = ends(this, provider, json);
    if (ends.missing() != null) {
      return ProviderOutcome.waiting(ends.listId() == null && !provider.createsLists()
          ? ContactGroupReconciler.LIST_ID_MISSING : "WaitingForDependencies", ends.missing());
    }
    String id = ends.contactId() + "/" + ends.listId();
    if (upToDate(json, provider.provider(), kind.kind(), id)) {
      return ProviderOutcome.unchanged(id);
    }
    await(provider.setMembership(contactData(ends.contact()), ends.contactId(), ends.listId(), true));
    if (wasInSync(json, provider.provider(), kind.kind(), id)) {
      return ProviderOutcome.unchanged(id);
    }
    return ProviderOutcome.ready("CreateSuccessful", "Contact is on the " + provider.provider().displayName()
        + " list", id);
  }

  @Override
  protected boolean cleanup(ProviderClient provider, JsonNode json) {
    Ends ends = ends(this, provider, json);
    if (ends.contactId() != null && ends.listId() != null) {
      await(provider.setMembership(contactData(ends.contact()), ends.contactId(), ends.listId(), false));
    }
    return true;
  }
}
