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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SyncReconciler owns the lifecycle every kind shares, so the per-kind classes only say what one
 * provider must hold for one object. For a live object: add every provider's finalizer, run each
 * provider's {@link #sync} (one provider's failure does not stop the other), write the status only when
 * it changed (provider conditions, {@code Ready}, {@code Update}), and requeue with backoff on failure.
 * For a deleting object: run {@link #cleanup} for each provider whose finalizer is still there, drop the
 * finalizers of those that are done, and while the object stays say so in {@code Delete}.
 *
 * <p>A provider that is not configured (no API key) is never called. Objects that carry its traces (its
 * finalizer, condition or entry) get its condition {@code Unknown/ProviderDisabled}, and it counts
 * neither towards {@code Ready} nor {@code Update}; on deletion its finalizer is dropped without a call,
 * so deleting does not hang on a provider that was turned off (what it holds there stays there).
 * Level-triggered: it reads the object from the informer cache each time and never trusts the event.
 *
 * <p>What costs provider calls is bounded: an object whose status already confirms the current generation
 * on a provider is not sent there again; a periodic resync only re-reads the cache, and asks the
 * providers about a confirmed object once per {@code verifyPeriod} (spread over it, so the checks do not
 * come all at once); a refusal is not retried by a resync either (the object's next change, a restart or
 * that check tries again). An object waiting for another one (a list id, a contact not synced yet, its
 * memberships to go) is not polled: the watch event of what it waits for wakes it, the resync is the
 * safety net.
 */
public abstract class SyncReconciler implements Reconciler {
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
  /** Keys whose next reconcile was asked for by a resync only (nothing changed since). */
  private final Set<String> resyncOnly = ConcurrentHashMap.newKeySet();
  /** Per key, when ({@link System#currentTimeMillis()}) a resync next checks it on the providers. */
  private final Map<String, Long> nextVerify = new ConcurrentHashMap<>();
  private final Duration verifyPeriod;
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
    this.verifyPeriod = context.verifyPeriod();
  }

  /** What provider must hold for the live object json; throws ProviderException when a call fails. */
  protected abstract ProviderOutcome sync(ProviderClient provider, JsonNode json);

  /** Undoes the object on provider before its finalizer goes; false while it must wait for others. */
  protected abstract boolean cleanup(ProviderClient provider, JsonNode json);

  /** What a {@link #cleanup} that returned false waits for, for the {@code Delete} condition. */
  protected String waitingFor() {
    return "other objects to be deleted";
  }

  /**
   * Whether an object this one refers to changed on a provider so that this one must be made again
   * there (its recorded provider id no longer matches): the {@code Update} condition says
   * {@code UpdateRequested} until it is.
   */
  protected boolean referencesChanged(JsonNode json) {
    return false;
  }

  public Kinds kind() {
    return kind;
  }

  /** The enabled providers' clients. */
  protected List<ProviderClient> providers() {
    return providers;
  }

  /**
   * Called when the informer's periodic resync delivers key. Its next reconcile reads the cache and
   * trusts a status that confirms the current generation; once per verify period (the first one a
   * random part of it after the key is first seen, so checks spread out) it asks the providers instead,
   * so drift on the provider side (an object deleted there) is repaired.
   */
  public void resynced(String key) {
    resyncOnly.add(key);
    long now = System.currentTimeMillis();
    long period = Math.max(1, verifyPeriod.toMillis());
    long due = nextVerify.computeIfAbsent(key, k -> now + (long) (ThreadLocalRandom.current().nextDouble() * period));
    if (now >= due) {
      verify.add(key);
      nextVerify.put(key, now + period);
    }
  }

  /** Called for every event the informer delivers for key (sync lag starts here). */
  public void changed(String key) {
    lag.changed(key);
    touched(key);
  }

  /** Called when key is woken by a change (its own or a related object's): not a resync-only reconcile. */
  public void touched(String key) {
    resyncOnly.remove(key);
  }

  /** Whether a retry of key after a failure is scheduled and not yet due (see {@link RetryTracker}). */
  public boolean retryPending(String key) {
    return retries.retryPending(key);
  }

  @Override
  public final Result reconcile(Request request) {
    String key = request.getNamespace() + "/" + request.getName();
    DynamicKubernetesObject obj = caches.get(kind, request.getNamespace(), request.getName());
    if (obj == null) {
      cleanedUp.remove(key);
      retries.succeeded(key);
      lag.forget(key);
      nextVerify.remove(key);
      resyncOnly.remove(key);
      verify.remove(key);
      return new Result(false);
    }
    VERIFYING.set(verify.remove(key));
    boolean resync = resyncOnly.remove(key);
    try {
      Result result = obj.getMetadata().getDeletionTimestamp() != null ? finalizeAll(key, obj)
          : syncAll(key, obj, resync && !VERIFYING.get());
      metrics.reconcile(kind.kind(), result.isRequeue() ? "requeue" : WAITING.get() ? "waiting" : "success");
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
      WAITING.remove();
    }
  }

  /** Whether the reconcile on this thread ended waiting for another object (for the metrics). */
  private static final ThreadLocal<Boolean> WAITING = ThreadLocal.withInitial(() -> false);

  /**
   * {@code resyncOnly}: nothing changed since the last reconcile (a resync asked for this one), so a
   * provider that refused the current generation is not asked again (a refusal cannot be retried away).
   */
  private Result syncAll(String key, DynamicKubernetesObject obj, boolean resyncOnly) {
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
    boolean requested = referencesChanged(json);
    Map<Provider, ProviderOutcome> outcomes = new LinkedHashMap<>();
    Throwable failure = null;
    Throwable rejected = null;
    for (ProviderClient p : providers) {
      if (resyncOnly && refused(json, p.provider())) {
        outcomes.put(p.provider(), ProviderOutcome.kept("False"));
        continue;
      }
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
    outcomes.putAll(disabled(json));
    long generation = json.path("metadata").path("generation").asLong(0);
    ObjectNode next = StatusModel.next(json.path("status"), generation, kind.kind(), outcomes, requested,
        Instant.now());
    // The retry is scheduled before the status is written, so the write's own watch event finds it
    // pending and does not run it sooner (SyncControllers).
    Duration retryIn = failure != null ? retries.failed(key, failure) : null;
    if (!StatusModel.same(json.path("status"), next)) {
      kube.patchStatus(kind, obj, next);
    }
    if (failure != null) {
      LOG.info("{}({}): provider call failed: {}", kind.kind(), key, failure.getMessage());
      return new Result(true, retryIn);
    }
    retries.succeeded(key);
    if (rejected != null) {
      // Retrying cannot fix a refusal (bad key, invalid data): the condition says why, and the next
      // change of the object, a restart or the periodic provider check (verify period) tries again.
      LOG.warn("{}({}): provider refused: {}", kind.kind(), key, rejected.getMessage());
      return new Result(false);
    }
    if (outcomes.values().stream().allMatch(o -> o.isReady() || o.isDisabled())) {
      lag.synced(key);
      return new Result(false);
    }
    // Waiting for another object (a list id, the contact or group to be synced): its watch event wakes
    // this one (SyncControllers), and the resync is the safety net; polling would cost a reconcile every
    // few seconds per waiting object, forever.
    WAITING.set(true);
    return new Result(false);
  }

  /** Whether provider refused the object's current generation (its condition says ProviderRejected). */
  private boolean refused(JsonNode json, Provider provider) {
    JsonNode condition = StatusModel.condition(json.path("status"), provider.conditionType(kind.kind()));
    return "ProviderRejected".equals(condition.path("reason").asText())
        && condition.path("observedGeneration").asLong(-1) == json.path("metadata").path("generation").asLong(0);
  }

  private Result finalizeAll(String key, DynamicKubernetesObject obj) {
    JsonNode json = KubeObjects.json(obj);
    List<String> finalizers = new ArrayList<>(obj.getMetadata().getFinalizers() == null ? List.of()
        : obj.getMetadata().getFinalizers());
    Map<Provider, ProviderClient> enabled = new LinkedHashMap<>();
    providers.forEach(p -> enabled.put(p.provider(), p));
    boolean removed = false;
    boolean waiting = false;
    Throwable failure = null;
    List<String> pending = new ArrayList<>();
    String uid = obj.getMetadata().getUid();
    Set<String> done = cleanedUp.getOrDefault(key, Set.of());
    List<String> nowDone = new ArrayList<>();
    for (Provider provider : Provider.values()) {
      if (!finalizers.contains(provider.finalizer())) {
        continue;
      }
      ProviderClient p = enabled.get(provider);
      if (p == null) {
        // Not configured: nothing can be undone there, and waiting would hold the deletion forever.
        finalizers.remove(provider.finalizer());
        removed = true;
        continue;
      }
      if (done.contains(uid + "/" + provider.finalizer())) {
        finalizers.remove(provider.finalizer()); // a stale cache: done already
        removed = true;
        continue;
      }
      try {
        if (cleanup(p, json)) {
          finalizers.remove(provider.finalizer());
          nowDone.add(uid + "/" + provider.finalizer());
          removed = true;
        } else {
          waiting = true;
          pending.add(provider.displayName() + ": " + waitingFor());
        }
      } catch (RuntimeException e) {
        Throwable cause = unwrap(e);
        if (!(cause instanceof ProviderException)) {
          throw e;
        }
        pending.add(provider.displayName() + ": " + cause.getMessage());
        if (retryable(cause)) {
          failure = cause;
        } else {
          LOG.warn("{}({}): provider refused the cleanup: {}", kind.kind(), key, cause.getMessage());
        }
      }
    }
    Duration retryIn = failure != null ? retries.failed(key, failure) : null; // before the writes, as in syncAll
    DynamicKubernetesObject current = obj;
    if (removed) {
      current = kube.setFinalizers(kind, obj, finalizers);
      if (!nowDone.isEmpty()) {
        cleanedUp.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).addAll(nowDone);
      }
    }
    if (!finalizers.isEmpty() && current != null
        && java.util.Arrays.stream(Provider.values()).anyMatch(provider -> traced(json, provider))) {
      // An object the sync has worked on stays (a provider still at work, or someone else's finalizer):
      // Delete says why.
      ObjectNode next = StatusModel.deleting(json.path("status"), json.path("metadata").path("generation").asLong(0),
          kind.kind(), disabled(json), pending, Instant.now());
      if (!StatusModel.same(json.path("status"), next)) {
        kube.patchStatus(kind, current, next);
      }
    }
    if (failure != null) {
      return new Result(true, retryIn);
    }
    retries.succeeded(key);
    // Waiting for memberships or removals to go: their deletion events wake this object (SyncControllers).
    WAITING.set(waiting);
    return new Result(false);
  }

  /** The outcomes of the providers that are not configured but whose traces the object carries. */
  private Map<Provider, ProviderOutcome> disabled(JsonNode json) {
    Map<Provider, ProviderOutcome> disabled = new LinkedHashMap<>();
    for (Provider provider : Provider.values()) {
      if (providers.stream().noneMatch(p -> p.provider() == provider) && traced(json, provider)) {
        disabled.put(provider, ProviderOutcome.disabled(provider.displayName()));
      }
    }
    return disabled;
  }

  /** Whether the object carries provider's finalizer, condition or status entry. */
  private boolean traced(JsonNode json, Provider provider) {
    for (JsonNode f : json.path("metadata").path("finalizers")) {
      if (provider.finalizer().equals(f.asText())) {
        return true;
      }
    }
    return !StatusModel.condition(json.path("status"), provider.conditionType(kind.kind())).isMissingNode()
        || StatusModel.providerId(json.path("status"), provider) != null;
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
