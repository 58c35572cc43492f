package io.milo.crm.sync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Caches are the informers' local copies of the four kinds: what reconcilers and webhooks read, so a
 * reconcile costs no list call. Reads may lag the server by a watch event; every decision made on them
 * is either retried (level-triggered) or guarded by a precondition on write.
 */
public final class Caches {
  private final Map<Kinds, SharedIndexInformer<DynamicKubernetesObject>> informers = new EnumMap<>(Kinds.class);

  public void put(Kinds kind, SharedIndexInformer<DynamicKubernetesObject> informer) {
    informers.put(kind, informer);
  }

  public SharedIndexInformer<DynamicKubernetesObject> informer(Kinds kind) {
    return informers.get(kind);
  }

  public DynamicKubernetesObject get(Kinds kind, String namespace, String name) {
    return new Lister<>(informers.get(kind).getIndexer()).namespace(namespace).get(name);
  }

  public List<DynamicKubernetesObject> list(Kinds kind, Predicate<JsonNode> filter) {
    return informers.get(kind).getIndexer().list().stream().filter(o -> filter.test(KubeObjects.json(o)))
        .collect(Collectors.toList());
  }

  public boolean synced() {
    return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** A filter for memberships or removals whose {@code ref} ({@code contactRef}/{@code contactGroupRef}) names ns/name. */
  public static Predicate<JsonNode> refersTo(String ref, String namespace, String name) {
    return o -> name.equals(o.path("spec").path(ref).path("name").asText())
        && namespace.equals(o.path("spec").path(ref).path("namespace").asText());
  }
}
