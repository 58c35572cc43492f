package io.milo.crm.sync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.sync.provider.Provider;
import io.milo.crm.sync.provider.ProviderClient;

/**
 * ContactGroupReconciler keeps a provider list per ContactGroup. Resend gets a segment named
 * {@code <displayName>-<visibility>-<namespace>} (providers have no namespaces); Loops cannot create
 * lists, so its id comes from {@code spec.providers[name=Loops].id} and the group waits, with a
 * condition saying so, until someone sets it. A changed {@code displayName} renames the Resend segment in
 * place (same id, same members). On deletion the list goes after the group's memberships.
 */
public final class ContactGroupReconciler extends SyncReconciler {
  /** The reason of a provider condition waiting for the Loops list id in spec.providers. */
  public static final String LIST_ID_MISSING = "LoopsListIDMissing";

  public ContactGroupReconciler(ReconcileContext context) {
    super(Kinds.CONTACT_GROUP, context);
  }

  /** The provider list name of a group. */
  public static String listName(JsonNode group) {
    return group.path("spec").path("displayName").asText() + "-" + group.path("spec").path("visibility").asText()
        + "-" + group.path("metadata").path("namespace").asText();
  }

  /** The list id a group declares for provider in spec.providers, or null. */
  public static String declaredListId(JsonNode group, Provider provider) {
    for (JsonNode entry : group.path("spec").path("providers")) {
      if (provider.displayName().equals(entry.path("name").asText()) && !entry.path("id").asText("").isEmpty()) {
        return entry.path("id").asText();
      }
    }
    return null;
  }

  @Override
  protected ProviderOutcome sync(ProviderClient provider, JsonNode json) {
    if (!provider.createsLists()) {
      String declared = declaredListId(json, provider.provider());
      if (declared == null) {
        return ProviderOutcome.waiting(LIST_ID_MISSING, provider.provider().displayName()
            + " cannot create lists: set spec.providers[name=" + provider.provider().displayName()
            + "].id to the id of a list made in " + provider.provider().displayName());
      }
      return ProviderOutcome.ready("CreateSuccessful", "List id taken from spec.providers", declared);
    }
    String known = StatusModel.providerId(json.path("status"), provider.provider());
    if (upToDate(json, provider.provider(), kind.kind(), known)) {
      return ProviderOutcome.unchanged(known);
    }
    String id = await(provider.ensureList(listName(json), known));
    if (wasInSync(json, provider.provider(), kind.kind(), id)) {
      return ProviderOutcome.unchanged(id);
    }
    return ProviderOutcome.ready(known == null ? "CreateSuccessful" : "UpdateSuccessful",
        "List is in sync on " + provider.provider().displayName(), id);
  }

  @Override
  protected String waitingFor() {
    return "the group's memberships to be deleted";
  }

  @Override
  protected boolean cleanup(ProviderClient provider, JsonNode json) {
    String namespace = json.path("metadata").path("namespace").asText();
    String name = json.path("metadata").path("name").asText();
    if (!caches.list(Kinds.MEMBERSHIP, Caches.refersTo("contactGroupRef", namespace, name)).isEmpty()) {
      return false;
    }
    String id = StatusModel.providerId(json.path("status"), provider.provider());
    if (provider.createsLists() && id != null) {
      await(provider.deleteList(id));
    }
    return true;
  }
}
