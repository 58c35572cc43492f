package io.milo.crm.sync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * SyncMetrics is every metric the sync process exports, in one Prometheus registry served as text on
 * {@code /metrics}: reconciles by kind and result, provider calls by provider, operation and status
 * code, work queue depth by kind, the lag between an object's change and its successful sync, and webhook
 * redeliveries answered from memory.
 */
public final class SyncMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Counts one reconcile of kind ending in result (success, requeue, error). */
  public void reconcile(String kind, String result) {
    Counter.builder("sync_reconciles").description("Reconciles by kind and result")
        .tag("kind", kind).tag("result", result).register(registry).increment();
  }

  /** Counts one provider call; status is the HTTP status code, or "error" when no answer came. */
  public void providerCall(String provider, String operation, String status) {
    Counter.builder("sync_provider_calls").description("Provider API calls by provider, operation and HTTP status")
        .tag("provider", provider).tag("operation", operation).tag("status", status).register(registry).increment();
  }

  /** Exports the depth of kind's work queue as read from depth. */
  public void queueDepth(String kind, Supplier<Number> depth) {
    Gauge.builder("sync_queue_depth", depth).description("Items waiting in the work queue")
        .tag("kind", kind).register(registry);
  }

  /** Records the time from an object's change being seen to its successful sync. */
  public void syncLag(String kind, Duration lag) {
    Timer.builder("sync_lag").description("Time from an object's change to its successful sync")
        .tag("kind", kind).register(registry).record(lag);
  }

  /** Counts a verified webhook delivery answered from memory: a redelivery of an event already acted on. */
  public void webhookDuplicate(String provider) {
    Counter.builder("sync_webhook_duplicates").description("Webhook redeliveries of events already acted on")
        .tag("provider", provider).register(registry).increment();
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
