package io.milo.crm.sync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.extended.controller.Controller;
import io.kubernetes.client.extended.controller.builder.ControllerBuilder;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.DefaultRateLimitingQueue;
import io.kubernetes.client.extended.workqueue.RateLimitingQueue;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * SyncControllers wires the four kinds: one informer per kind (each in its own SharedInformerFactory,
 * since a factory keys informers by Java class and all four are DynamicKubernetesObject), one rate
 * limited work queue and controller per kind with a bounded number of workers, and the cross-kind
 * wake-ups: a Contact or ContactGroup change wakes the memberships and removals that refer to it, and a
 * membership or removal change wakes its Contact and group (a deletion waits on them). A resync
 * (an update with an unchanged resourceVersion) reconciles the object from the cache (see
 * {@link SyncReconciler#resynced}).
 *
 * <p>A retry scheduled after a failure (backoff, a provider's Retry-After) is not run sooner by events
 * that do not change what the object asks for: the sync's own status and finalizer writes, a resync, or
 * a wake-up by a related object. Changes of spec, labels, annotations or deletion still run at once.
 */
public final class SyncControllers implements AutoCloseable {
  private final List<SharedInformerFactory> factories = new ArrayList<>();
  private final Map<Kinds, RateLimitingQueue<Request>> queues = new EnumMap<>(Kinds.class);
  private final List<Controller> controllers = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "sync-controller");
    t.setDaemon(true);
    return t;
  });
  private final Caches caches;
  private final Map<Kinds, SyncReconciler> reconcilers = new EnumMap<>(Kinds.class);

  public SyncControllers(ApiClient client, Caches caches, Function<Kinds, SyncReconciler> reconcilers, int workers,
      Duration resync, io.milo.crm.sync.metrics.SyncMetrics metrics) {
    this.caches = caches;
    Map<Kinds, SharedInformerFactory> byKind = new EnumMap<>(Kinds.class);
    for (Kinds kind : Kinds.values()) {
      SharedInformerFactory factory = new SharedInformerFactory(client);
      SharedIndexInformer<DynamicKubernetesObject> informer = factory.sharedIndexInformerFor(
          new DynamicKubernetesApi(Kinds.GROUP, Kinds.VERSION, kind.plural(), client), DynamicKubernetesObject.class,
          resync.toMillis());
      caches.put(kind, informer);
      factories.add(factory);
      byKind.put(kind, factory);
      queues.put(kind, new DefaultRateLimitingQueue<>(Executors.newSingleThreadExecutor()));
      RateLimitingQueue<Request> queue = queues.get(kind);
      metrics.queueDepth(kind.kind(), queue::length);
    }
    for (Kinds kind : Kinds.values()) {
      this.reconcilers.put(kind, reconcilers.apply(kind));
    }
    for (Kinds kind : Kinds.values()) {
      SyncReconciler reconciler = this.reconcilers.get(kind);
      SharedIndexInformer<DynamicKubernetesObject> informer = caches.informer(kind);
      // Registered before the controller's own handler, so the marks it sets are there when the key is queued.
      informer.addEventHandler(new Wake(kind, reconciler));
      // The queue first: watch() binds its event handler to the builder's queue at the time it is called.
      controllers.add(ControllerBuilder.defaultBuilder(byKind.get(kind))
          .withWorkQueue(queues.get(kind))
          .watch(q -> ControllerBuilder.controllerWatchBuilder(DynamicKubernetesObject.class, q)
              .withOnUpdateFilter((oldObj, newObj) -> !(sameAsked(oldObj, newObj)
                  && reconciler.retryPending(key(newObj))))
              .withResyncPeriod(resync).build())
          .withReconciler(reconciler)
          .withReadyFunc(caches::synced)
          .withWorkerCount(workers)
          .withName("sync-" + kind.plural())
          .build());
    }
  }

  /** Starts the informers and the controllers' workers. */
  public void start() {
    factories.forEach(SharedInformerFactory::startAllRegisteredInformers);
    controllers.forEach(threads::submit);
  }

  public RateLimitingQueue<Request> queue(Kinds kind) {
    return queues.get(kind);
  }

  static String key(DynamicKubernetesObject obj) {
    return obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
  }

  /**
   * Whether an update leaves what the object asks for as it was: only its status, finalizers,
   * resourceVersion or managedFields differ (the sync's own writes), or nothing does (a resync).
   */
  static boolean sameAsked(DynamicKubernetesObject oldObj, DynamicKubernetesObject newObj) {
    return asked(KubeObjects.json(oldObj)).equals(asked(KubeObjects.json(newObj)));
  }

  private static JsonNode asked(JsonNode json) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = json.deepCopy();
    copy.remove("status");
    if (copy.get("metadata") instanceof com.fasterxml.jackson.databind.node.ObjectNode metadata) {
      metadata.remove(List.of("resourceVersion", "managedFields", "finalizers"));
    }
    return copy;
  }

  /** Queues key of kind unless a retry after a failure is scheduled for it (that retry will look). */
  private void wake(Kinds kind, String namespace, String name) {
    SyncReconciler target = reconcilers.get(kind);
    String key = namespace + "/" + name;
    if (target != null && target.retryPending(key)) {
      return;
    }
    if (target != null) {
      target.touched(key);
    }
    queues.get(kind).add(new Request(namespace, name));
  }

  @Override
  public void close() {
    controllers.forEach(Controller::shutdown);
    factories.forEach(SharedInformerFactory::stopAllRegisteredInformers);
    queues.values().forEach(RateLimitingQueue::shutDown);
    threads.shutdownNow();
  }

  /** Notes sync lag and wakes the related objects of other kinds. */
  private final class Wake implements ResourceEventHandler<DynamicKubernetesObject> {
    private final Kinds kind;
    private final SyncReconciler reconciler;

    Wake(Kinds kind, SyncReconciler reconciler) {
      this.kind = kind;
      this.reconciler = reconciler;
    }

    @Override
    public void onAdd(DynamicKubernetesObject obj) {
      changed(obj);
    }

    @Override
    public void onUpdate(DynamicKubernetesObject oldObj, DynamicKubernetesObject newObj) {
      if (!oldObj.getMetadata().getResourceVersion().equals(newObj.getMetadata().getResourceVersion())) {
        changed(newObj);
      } else if (!reconciler.retryPending(key(newObj))) {
        // The periodic resync: a reconcile from the cache, and now and then a check of the providers
        // (SyncReconciler#resynced). Queued here too, after the mark: the controller's own handler runs on
        // another thread and may queue the key before the mark is set. A scheduled retry is not hurried.
        reconciler.resynced(key(newObj));
        queues.get(kind).add(new Request(newObj.getMetadata().getNamespace(), newObj.getMetadata().getName()));
      }
    }

    @Override
    public void onDelete(DynamicKubernetesObject obj, boolean finalStateUnknown) {
      wakeRelated(KubeObjects.json(obj));
    }

    private void changed(DynamicKubernetesObject obj) {
      reconciler.changed(obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName());
      wakeRelated(KubeObjects.json(obj));
    }

    private void wakeRelated(JsonNode json) {
      String namespace = json.path("metadata").path("namespace").asText();
      String name = json.path("metadata").path("name").asText();
      switch (kind) {
        case CONTACT -> wakeReferrers("contactRef", namespace, name);
        case CONTACT_GROUP -> wakeReferrers("contactGroupRef", namespace, name);
        default -> {
          wake(Kinds.CONTACT, json.path("spec").path("contactRef"));
          wake(Kinds.CONTACT_GROUP, json.path("spec").path("contactGroupRef"));
        }
      }
    }

    private void wakeReferrers(String ref, String namespace, String name) {
      for (Kinds k : List.of(Kinds.MEMBERSHIP, Kinds.REMOVAL)) {
        if (caches.informer(k) == null) {
          continue;
        }
        for (DynamicKubernetesObject o : caches.list(k, Caches.refersTo(ref, namespace, name))) {
          SyncControllers.this.wake(k, o.getMetadata().getNamespace(), o.getMetadata().getName());
        }
      }
    }

    private void wake(Kinds k, JsonNode ref) {
      if (ref.hasNonNull("name")) {
        SyncControllers.this.wake(k, ref.path("namespace").asText(), ref.path("name").asText());
      }
    }
  }
}
