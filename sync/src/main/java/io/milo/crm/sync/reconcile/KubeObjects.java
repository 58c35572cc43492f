package io.milo.crm.sync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * KubeObjects is the sync's write path to the API server for the notification kinds: finalizers (a JSON
 * merge patch carrying {@code metadata.resourceVersion}, so a concurrent change is a 409 rather than a
 * lost update), {@code /status} merge patches (with the same precondition, so one provider's entry is
 * never written over a newer status), creates and deletes. Blocking: called from reconcile workers.
 */
public final class KubeObjects {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A write the server refused; {@code code} is the HTTP status. */
  public static final class KubeWriteException extends RuntimeException {
    private final int code;

    KubeWriteException(int code, String message) {
      super("HTTP " + code + ": " + message);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private final ApiClient client;
  private final CustomObjectsApi custom;
  private final Map<Kinds, DynamicKubernetesApi> apis = new EnumMap<>(Kinds.class);

  public KubeObjects(ApiClient client) {
    this.client = client;
    this.custom = new CustomObjectsApi(client);
    for (Kinds k : Kinds.values()) {
      apis.put(k, new DynamicKubernetesApi(Kinds.GROUP, Kinds.VERSION, k.plural(), client));
    }
  }

  public DynamicKubernetesApi api(Kinds kind) {
    return apis.get(kind);
  }

  /** The object as a Jackson tree. */
  public static JsonNode json(DynamicKubernetesObject obj) {
    try {
      return JSON.readTree(obj.getRaw().toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sets the finalizers of obj to exactly {@code finalizers}, failing with 409 if obj changed meanwhile;
   * returns the object as written (null if the server did not send it back).
   */
  public DynamicKubernetesObject setFinalizers(Kinds kind, DynamicKubernetesObject obj, List<String> finalizers) {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode metadata = patch.putObject("metadata");
    metadata.put("resourceVersion", obj.getMetadata().getResourceVersion());
    finalizers.forEach(metadata.putArray("finalizers")::add);
    KubernetesApiResponse<DynamicKubernetesObject> r = apis.get(kind).patch(obj.getMetadata().getNamespace(),
        obj.getMetadata().getName(), V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, new V1Patch(patch.toString()));
    check(r);
    return r.getObject();
  }

  /** Adds or removes one finalizer. */
  public void finalizer(Kinds kind, DynamicKubernetesObject obj, String finalizer, boolean present) {
    List<String> now = new ArrayList<>(obj.getMetadata().getFinalizers() == null ? List.of()
        : obj.getMetadata().getFinalizers());
    boolean changed = present ? !now.contains(finalizer) && now.add(finalizer) : now.remove(finalizer);
    if (changed) {
      setFinalizers(kind, obj, now);
    }
  }

  /** Replaces obj's status by a merge patch on /status, preconditioned on obj's resourceVersion. */
  public void patchStatus(Kinds kind, DynamicKubernetesObject obj, JsonNode status) {
    ObjectNode patch = JSON.createObjectNode();
    patch.putObject("metadata").put("resourceVersion", obj.getMetadata().getResourceVersion());
    // Lists in a merge patch replace the whole list: status.providers and conditions are sent whole,
    // computed from this resourceVersion, and the precondition refuses them if it is stale.
    patch.set("status", status);
    try {
      PatchUtils.patch(Object.class, () -> custom.patchNamespacedCustomObjectStatus(Kinds.GROUP, Kinds.VERSION,
          obj.getMetadata().getNamespace(), kind.plural(), obj.getMetadata().getName(),
          new V1Patch(patch.toString())).buildCall(null), V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
    } catch (ApiException e) {
      throw new KubeWriteException(e.getCode(), e.getResponseBody());
    }
  }

  /** Creates an object from its JSON; an existing one (409) is returned as false. */
  public boolean create(Kinds kind, String namespace, JsonNode body) {
    DynamicKubernetesObject obj = new DynamicKubernetesObject(JsonParser.parseString(body.toString()).getAsJsonObject());
    KubernetesApiResponse<DynamicKubernetesObject> r = apis.get(kind).create(namespace, obj,
        new io.kubernetes.client.util.generic.options.CreateOptions());
    if (r.getHttpStatusCode() == 409) {
      return false;
    }
    check(r);
    return true;
  }

  /**
   * The objects of kind in every namespace matching {@code fieldSelector}, read from the server rather
   * than a cache (for decisions a lagging cache would get wrong).
   */
  public List<JsonNode> list(Kinds kind, String fieldSelector) {
    io.kubernetes.client.util.generic.options.ListOptions options = new io.kubernetes.client.util.generic.options.ListOptions();
    options.setFieldSelector(fieldSelector);
    KubernetesApiResponse<io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject> r =
        apis.get(kind).list(options);
    if (!r.isSuccess()) {
      throw new KubeWriteException(r.getHttpStatusCode(), r.getStatus() == null ? "" : r.getStatus().getMessage());
    }
    List<JsonNode> items = new ArrayList<>();
    for (DynamicKubernetesObject o : r.getObject().getItems()) {
      items.add(json(o));
    }
    return items;
  }

  /** Deletes an object; absent (404) is done. */
  public void delete(Kinds kind, String namespace, String name) {
    KubernetesApiResponse<DynamicKubernetesObject> r = apis.get(kind).delete(namespace, name);
    if (r.getHttpStatusCode() != 404) {
      check(r);
    }
  }

  private static void check(KubernetesApiResponse<DynamicKubernetesObject> r) {
    if (!r.isSuccess()) {
      throw new KubeWriteException(r.getHttpStatusCode(), r.getStatus() == null ? "" : r.getStatus().getMessage());
    }
  }
}
