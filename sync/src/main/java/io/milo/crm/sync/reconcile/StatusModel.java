package io.milo.crm.sync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.sync.provider.Provider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * StatusModel computes an object's next {@code status} from its current one and the outcomes of the
 * enabled providers: each provider's condition and its own {@code status.providers[]} entry (entries of
 * other providers are kept as they are), the aggregated {@code Ready} and the deprecated
 * {@code status.providerID} (the Resend id, whichever entry came first). A condition keeps its {@code lastTransitionTime}
 * while its status does not change. Pure: the caller writes the result only when it differs.
 */
public final class StatusModel {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper TEXT = new ObjectMapper();

  private StatusModel() {}

  /** The next status of a live object whose own spec is all that changed (see the full form). */
  public static ObjectNode next(JsonNode current, long generation, String kind, Map<Provider, ProviderOutcome> outcomes,
      Instant now) {
    return next(current, generation, kind, outcomes, false, now);
  }

  /**
   * The next status of a live object; {@code outcomes} iterates in a stable order (the configured
   * providers, then disabled ones). Disabled providers get their condition but count neither towards
   * {@code Ready} nor {@code Update}. {@code requested}: an object this one refers to changed on a
   * provider (a Contact recreated by a Resend email change), so this one must be made again there.
   *
   * <p>{@code Update} appears once the object changes after the sync first reported on it: its spec
   * (a generation the sync has not reported on: {@code UpdatePending} until every enabled provider has
   * it) or, with {@code requested}, what it refers to ({@code UpdateRequested}); both become
   * {@code True/UpdateSuccessful} when every enabled provider is in sync.
   */
  public static ObjectNode next(JsonNode current, long generation, String kind, Map<Provider, ProviderOutcome> outcomes,
      boolean requested, Instant now) {
    ObjectNode status = current != null && current.isObject() ? ((ObjectNode) current).deepCopy() : NODES.objectNode();
    ArrayNode providers = status.has("providers") && status.get("providers").isArray()
        ? (ArrayNode) status.get("providers") : NODES.arrayNode();
    List<String> notReady = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    outcomes.forEach((provider, outcome) -> {
      setCondition(status, provider.conditionType(kind), outcome.status(), outcome.reason(), outcome.message(),
          generation, now);
      if (outcome.id() != null) {
        setEntry(providers, provider.displayName(), outcome.id());
      }
      if (outcome.isDisabled()) {
        disabled.add(provider.displayName());
      } else if (!outcome.isReady()) {
        notReady.add(provider.displayName());
      }
    });
    if (!providers.isEmpty()) {
      status.set("providers", providers);
      setProviderID(status);
    }
    if (outcomes.size() == disabled.size()) {
      return status; // no enabled provider reported: Ready and Update stay as they are
    }
    JsonNode before = current == null ? NODES.objectNode() : current;
    boolean updating = updating(before, generation);
    boolean requestedNow = requested || UPDATE_REQUESTED.equals(condition(before, UPDATE).path("reason").asText());
    if (notReady.isEmpty()) {
      setCondition(status, "Ready", "True", "AllProvidersReady", "All providers are in sync"
          + (disabled.isEmpty() ? "" : " (not configured: " + String.join(", ", disabled) + ")"), generation, now);
    } else {
      setCondition(status, "Ready", "False", "ProvidersNotReady", "Not in sync: " + String.join(", ", notReady),
          generation, now);
    }
    if (updating || requestedNow) {
      String what = updating ? "The change of the spec" : "The change of an object this one refers to";
      if (notReady.isEmpty()) {
        setCondition(status, UPDATE, "True", "UpdateSuccessful", what + " is in sync on every provider", generation,
            now);
      } else {
        setCondition(status, UPDATE, "False", updating ? UPDATE_PENDING : UPDATE_REQUESTED,
            what + " is not in sync yet on: " + String.join(", ", notReady), generation, now);
      }
    }
    return status;
  }

  /** The condition types and reasons of an object's lifecycle (resources.md). */
  public static final String UPDATE = "Update";
  public static final String DELETE = "Delete";
  static final String UPDATE_PENDING = "UpdatePending";
  static final String UPDATE_REQUESTED = "UpdateRequested";

  /**
   * Whether the spec changed after the sync first reported on the object (its {@code Ready} is the
   * sync's, of an older generation), or an update of it is still pending.
   */
  private static boolean updating(JsonNode current, long generation) {
    JsonNode ready = condition(current, "Ready");
    JsonNode update = condition(current, UPDATE);
    boolean reported = !ready.isMissingNode() && !"CreatePending".equals(ready.path("reason").asText());
    return (reported && ready.path("observedGeneration").asLong(generation) < generation)
        || (!update.isMissingNode() && update.path("observedGeneration").asLong(generation) < generation)
        || UPDATE_PENDING.equals(update.path("reason").asText());
  }

  /**
   * The next status of an object being deleted that stays (finalizers left): disabled providers'
   * conditions, and {@code Delete}: {@code False/DeletePending} saying what each provider still waits for
   * ({@code pending}, in provider order), or {@code True/DeleteSuccessful} once every enabled provider
   * has let it go.
   */
  public static ObjectNode deleting(JsonNode current, long generation, String kind,
      Map<Provider, ProviderOutcome> disabled, List<String> pending, Instant now) {
    ObjectNode status = current != null && current.isObject() ? ((ObjectNode) current).deepCopy() : NODES.objectNode();
    List<String> names = new ArrayList<>();
    disabled.forEach((provider, outcome) -> {
      setCondition(status, provider.conditionType(kind), outcome.status(), outcome.reason(), outcome.message(),
          generation, now);
      names.add(provider.displayName());
    });
    if (pending.isEmpty()) {
      setCondition(status, DELETE, "True", "DeleteSuccessful", "Removed from every provider"
          + (names.isEmpty() ? "" : " (not configured, left there as it is: " + String.join(", ", names) + ")"),
          generation, now);
    } else {
      setCondition(status, DELETE, "False", "DeletePending", "Waiting for " + String.join("; ", pending), generation,
          now);
    }
    return status;
  }

  /** Whether two statuses say the same, ignoring condition times. */
  public static boolean same(JsonNode a, JsonNode b) {
    return withoutTimes(a).equals(withoutTimes(b));
  }

  /**
   * status without provider's entry in {@code status.providers[]} (the provider lost the object, so
   * the next sync makes it again); {@code providerID} is the Resend id, or absent without one.
   */
  public static ObjectNode withoutEntry(JsonNode current, Provider provider) {
    ObjectNode status = current != null && current.isObject() ? ((ObjectNode) current).deepCopy() : NODES.objectNode();
    ArrayNode kept = NODES.arrayNode();
    for (JsonNode entry : status.path("providers")) {
      if (!provider.displayName().equals(entry.path("name").asText())) {
        kept.add(entry);
      }
    }
    status.set("providers", kept);
    setProviderID(status);
    return status;
  }

  /**
   * The deprecated {@code status.providerID} is the Resend id (resources.md: the Resend segment id for
   * groups), never another provider's; without a Resend entry it is removed (a merge patch's null).
   */
  private static void setProviderID(ObjectNode status) {
    String resend = providerId(status, Provider.RESEND);
    if (resend != null) {
      status.put("providerID", resend);
    } else if (status.has("providerID")) {
      status.putNull("providerID");
    }
  }

  /** The id of provider's entry in {@code status.providers[]}, or null. */
  public static String providerId(JsonNode status, Provider provider) {
    for (JsonNode entry : status.path("providers")) {
      if (provider.displayName().equals(entry.path("name").asText())) {
        return entry.path("id").asText(null);
      }
    }
    return null;
  }

  /** The condition of that type, or a missing node. */
  public static JsonNode condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return NODES.missingNode();
  }

  private static void setEntry(ArrayNode providers, String name, String id) {
    for (JsonNode entry : providers) {
      if (name.equals(entry.path("name").asText())) {
        ((ObjectNode) entry).put("id", id);
        return;
      }
    }
    providers.addObject().put("name", name).put("id", id);
  }

  private static void setCondition(ObjectNode status, String type, String value, String reason, String message,
      long generation, Instant now) {
    ArrayNode conditions = status.has("conditions") && status.get("conditions").isArray()
        ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
    ObjectNode existing = null;
    for (JsonNode c : conditions) {
      if (type.equals(c.path("type").asText())) {
        existing = (ObjectNode) c;
      }
    }
    if (existing == null) {
      existing = conditions.addObject();
      existing.put("type", type);
    }
    if (!value.equals(existing.path("status").asText()) || !existing.has("lastTransitionTime")) {
      existing.put("lastTransitionTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    existing.put("status", value);
    // A null reason or message means "as before" (an object found in sync is not rewritten).
    existing.put("reason", reason != null ? reason : existing.path("reason").asText(""));
    existing.put("message", message != null ? message : existing.path("message").asText(""));
    existing.put("observedGeneration", generation);
  }

  private static JsonNode withoutTimes(JsonNode status) {
    if (status == null || !status.isObject()) {
      return NODES.objectNode();
    }
    ObjectNode copy;
    try {
      // Through text, so a number read from the server (an int) equals the same number computed here (a long).
      copy = (ObjectNode) TEXT.readTree(status.toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (JsonNode c : copy.path("conditions")) {
      ((ObjectNode) c).remove("lastTransitionTime");
    }
    return copy;
  }
}
