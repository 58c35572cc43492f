package io.milo.crm.sync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.milo.crm.sync.metrics.SyncMetrics;
import io.milo.crm.sync.provider.ContactData;
import io.milo.crm.sync.provider.Provider;
import io.milo.crm.sync.provider.ProviderClient;
import io.milo.crm.sync.provider.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SyncReconciler owns the lifecycle every kind shares, so the per-kind classes only say what one
 * provider must hold for one object. For a live object: add every provider's finalizer, run each
 * provider's {@link #sync} (one provider's failure does not stop the other), write the status only when
 * it changed, and requeue with backoff on failure. For a deleting object: run {@link #cleanup} for each
 * provider whose finalizer is still there and drop the finalizers of those that are done.
 * Level-triggered: it reads the object from the informer cache each time and never trusts the event.
 */
public abstract class SyncReconciler implements Reconciler {
  /** How soon to look again at an object waiting for another one (also woken by that object's events). */
  static final Duration WAIT = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(SyncReconciler.class);

  protected final Kinds kind;
  protected final Caches caches;
  protected final KubeObjects kube;
  private final List<ProviderClient> providers;
  private final RetryTracker retries;
  private final SyncMetrics metrics;
  private final LagTracker lag;
  /** Keys whose next reconcile checks the providers even when the status says all is in sync. */
  private final Set<String> verify = ConcurrentHashMap.newKeySet();
  /**
   * Per key, {@code uid/finalizer} of the cleanups done and confirmed by the finalizer's removal: a
   * reconcile on a cache that has not seen that removal yet must not undo the provider side again (a
   * Loops list update after the contact's deletion would create the contact anew).
   */
  private final Map<String, Set<String>> cleanedUp = new ConcurrentHashMap<>();
  private static final ThreadLocal<Boolean> VERIFYING = ThreadLocal.withInitial(() -> false);

  protected SyncReconciler(Kinds kind, ReconcileContext context) {
    this.kind = kind;
    this.caches = context.caches();
    this.kube = context.kube();
    this.providers = context.providers();
    this.retries = new RetryTracker(context.backoff());
    this.metrics = context.metrics();
    this.lag = new LagTracker(kind.kind(), context.metrics());
  }

  /** What provider must hold for the live object json; throws ProviderException when a call fails. */
  protected abstract ProviderOutcome sync(ProviderClient provider, JsonNode json);

  /** Undoes the object on provider before its finalizer goes; false while it must wait for others. */
  protected abstract boolean cleanup(ProviderClient provider, JsonNode json);

  public Kinds kind() {
    return kind;
  }

  /**
   * Called when the informer's periodic resync delivers key: its next reconcile asks the providers
   * instead of trusting the status, so drift on the provider side (an object deleted there) is repaired.
   */
  public void resynced(String key) {
    verify.add(key);
  }

  /** Called for every event the informer delivers for key (sync lag starts here). */
  public void changed(String key) {
    lag.changed(key);
  }

  @Override
  public final Result reconcile(Request request) {
    String key = request.getNamespace() + "/" + request.getName();
    DynamicKubernetesObject obj = caches.get(kind, request.getNamespace(), request.getName());
    if (obj == null) {
      cleanedUp.remove(key);
      retries.succeeded(key);
      lag.forget(key);
      return new Result(false);
    }
    VERIFYING.set(verify.remove(key));
    try {
      Result result = obj.getMetadata().getDeletionTimestamp() != null ? finalizeAll(key, obj) : syncAll(key, obj);
      metrics.reconcile(kind.kind(), result.isRequeue() ? "requeue" : "success");
      return result;
    } catch (RuntimeException e) {
      Throwable cause = unwrap(e);
      metrics.reconcile(kind.kind(), "error");
      if (cause instanceof KubeObjects.KubeWriteException w && w.code() == 404) {
        return new Result(false); // gone meanwhile: nothing left to sync
      }
      if (cause instanceof KubeObjects.KubeWriteException w && w.code() == 409) {
        // The cache was behind the server; the newer object's event is on its way.
        LOG.debug("{}({}): conflict: {}", kind.kind(), key, cause.getMessage());
        return new Result(true, Duration.ofMillis(200));
      }
      LOG.warn("{}({}): reconcile failed: {}", kind.kind(), key, cause.toString());
      return new Result(true, retries.failed(key, cause));
    } finally {
      VERIFYING.remove();
    }
  }

  private Result syncAll(String key, DynamicKubernetesObject obj) {
    List<String> finalizers = new ArrayList<>(obj.getMetadata().getFinalizers() == null ? List.of()
        : obj.getMetadata().getFinalizers());
    boolean added = false;
    for (ProviderClient p : providers) {
      if (!finalizers.contains(p.provider().finalizer())) {
        finalizers.add(p.provider().finalizer());
        added = true;
      }
    }
    if (added) {
      kube.setFinalizers(kind, obj, finalizers);
      return new Result(false); // the patch's own watch event brings the object back with its new resourceVersion
    }
    JsonNode json = KubeObjects.json(obj);
    Map<Provider, ProviderOutcome> outcomes = new LinkedHashMap<>();
    Throwable failure = null;
    Throwable rejected = null;
    for (ProviderClient p : providers) {
      try {
        outcomes.put(p.provider(), sync(p, json));
      } catch (RuntimeException e) {
        Throwable cause = unwrap(e);
        if (!(cause instanceof ProviderException)) {
          throw e;
        }
        if (retryable(cause)) {
          failure = cause;
          outcomes.put(p.provider(), ProviderOutcome.failed(cause.getMessage()));
        } else {
          rejected = cause;
          outcomes.put(p.provider(), ProviderOutcome.rejected(cause.getMessage()));
        }
      }
    }
    long generation = json.path("metadata").path("generation").asLong(0);
    ObjectNode next = StatusModel.next(json.path("status"), generation, kind.kind(), outcomes, Instant.now());
    if (!StatusModel.same(json.path("status"), next)) {
      kube.patchStatus(kind, obj, next);
    }
    if (failure != null) {
      LOG.info("{}({}): provider call failed: {}", kind.kind(), key, failure.getMessage());
      return new Result(true, retries.failed(key, failure));
    }
    retries.succeeded(key);
    if (rejected != null) {
      // Retrying cannot fix a refusal (bad key, invalid data): the condition says why, and the next
      // change of the object or the next resync tries again.
      LOG.warn("{}({}): provider refused: {}", kind.kind(), key, rejected.getMessage());
      return new Result(false);
    }
    if (outcomes.values().stream().allMatch(ProviderOutcome::isReady)) {
      lag.synced(key);
      return new Result(false);
    }
    return new Result(true, WAIT);
  }

  private Result finalizeAll(String key, DynamicKubernetesObject obj) {
    JsonNode json = KubeObjects.json(obj);
    List<String> finalizers = new ArrayList<>(obj.getMetadata().getFinalizers() == null ? List.of()
        : obj.getMetadata().getFinalizers());
    boolean waiting = false;
    boolean removed = false;
    Throwable failure = null;
    String uid = obj.getMetadata().getUid();
    Set<String> done = cleanedUp.getOrDefault(key, Set.of());
    List<String> nowDone = new ArrayList<>();
    for (ProviderClient p : providers) {
      if (!finalizers.contains(p.provider().finalizer())) {
        continue;
      }
      if (done.contains(uid + "/" + p.provider().finalizer())) {
        finalizers.remove(p.provider().finalizer()); // a stale cache: done already
        removed = true;
        continue;
      }
      try {
        if (cleanup(p, json)) {
          finalizers.remove(p.provider().finalizer());
          nowDone.add(uid + "/" + p.provider().finalizer());
          removed = true;
        } else {
          waiting = true;
        }
      } catch (RuntimeException e) {
        Throwable cause = unwrap(e);
        if (!(cause instanceof ProviderException)) {
          throw e;
        }
        if (retryable(cause)) {
          failure = cause;
        } else {
          LOG.warn("{}({}): provider refused the cleanup: {}", kind.kind(), key, cause.getMessage());
        }
      }
    }
    if (removed) {
      kube.setFinalizers(kind, obj, finalizers);
      if (!nowDone.isEmpty()) {
        cleanedUp.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).addAll(nowDone);
      }
    }
    if (failure != null) {
      return new Result(true, retries.failed(key, failure));
    }
    retries.succeeded(key);
    return waiting ? new Result(true, WAIT) : new Result(false);
  }

  // ---- helpers for the kinds ----

  /** Waits for a provider call (reconcile workers are plain threads; the clients are non-blocking). */
  protected static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new CompletionException(e);
    }
  }

  /**
   * Whether the provider can be skipped: it already reported this generation in sync with {@code id} as
   * its entry, and this is not a resync's check of the provider side.
   */
  protected boolean upToDate(JsonNode json, Provider provider, String kindName, String id) {
    return !VERIFYING.get() && wasInSync(json, provider, kindName, id);
  }

  /** Whether provider already reported this generation in sync with {@code id} as its entry. */
  protected static boolean wasInSync(JsonNode json, Provider provider, String kindName, String id) {
    JsonNode status = json.path("status");
    JsonNode condition = StatusModel.condition(status, provider.conditionType(kindName));
    return "True".equals(condition.path("status").asText())
        && condition.path("observedGeneration").asLong(-1) == json.path("metadata").path("generation").asLong(0)
        && id != null && id.equals(StatusModel.providerId(status, provider));
  }

  /** The contact data a provider is told, from a Contact's JSON. */
  protected static ContactData contactData(JsonNode contact) {
    JsonNode spec = contact.path("spec");
    return new ContactData(contact.path("metadata").path("uid").asText(), spec.path("email").asText(),
        spec.path("givenName").asText(null), spec.path("familyName").asText(null));
  }

  /** The JSON of the object a ref ({@code contactRef}, {@code contactGroupRef}) names, or null. */
  protected JsonNode referenced(JsonNode json, String ref, Kinds target) {
    JsonNode r = json.path("spec").path(ref);
    DynamicKubernetesObject obj = caches.get(target, r.path("namespace").asText(), r.path("name").asText());
    return obj == null ? null : KubeObjects.json(obj);
  }

  /** Whether trying again can help; a provider's refusal (400/401/403/422) cannot. */
  static boolean retryable(Throwable failure) {
    return !(failure instanceof ProviderException p) || p.retryable();
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
