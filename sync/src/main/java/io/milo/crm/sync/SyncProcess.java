package io.milo.crm.sync;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.milo.crm.sync.metrics.SyncMetrics;
import io.milo.crm.sync.provider.LoopsClient;
import io.milo.crm.sync.provider.Provider;
import io.milo.crm.sync.provider.ProviderClient;
import io.milo.crm.sync.provider.ProviderHttp;
import io.milo.crm.sync.provider.ProviderLimits;
import io.milo.crm.sync.provider.ResendClient;
import io.milo.crm.sync.reconcile.Backoff;
import io.milo.crm.sync.reconcile.Caches;
import io.milo.crm.sync.reconcile.ContactGroupReconciler;
import io.milo.crm.sync.reconcile.ContactReconciler;
import io.milo.crm.sync.reconcile.KubeObjects;
import io.milo.crm.sync.reconcile.MembershipReconciler;
import io.milo.crm.sync.reconcile.ReconcileContext;
import io.milo.crm.sync.reconcile.RemovalReconciler;
import io.milo.crm.sync.reconcile.SyncControllers;
import io.milo.crm.sync.reconcile.SyncReconciler;
import io.milo.crm.sync.webhook.RecentDeliveries;
import io.milo.crm.sync.webhook.SyncServer;
import io.milo.crm.sync.webhook.WebhookEvents;
import io.milo.crm.sync.webhook.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.FileReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SyncProcess is the whole sync as one object: provider clients for the providers whose keys are set,
 * the informers and controllers of the four kinds, and the HTTPS endpoint for webhooks and metrics.
 * Main runs one; tests run it in the JVM, stop it and start another to check that a restart converges.
 */
public final class SyncProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncProcess.class);

  private final Vertx vertx;
  private final SyncControllers controllers;
  private final SyncServer server;
  private final List<ProviderHttp> https;
  private final SyncMetrics metrics;
  private final int port;
  private final Caches caches;

  private SyncProcess(Vertx vertx, SyncControllers controllers, SyncServer server, List<ProviderHttp> https,
      SyncMetrics metrics, int port, Caches caches) {
    this.caches = caches;
    this.vertx = vertx;
    this.controllers = controllers;
    this.server = server;
    this.https = https;
    this.metrics = metrics;
    this.port = port;
  }

  /** Starts everything; {@code backoff} is the per-object retry policy. */
  public static SyncProcess start(SyncOptions options, Backoff backoff) throws Exception {
    Vertx vertx = Vertx.vertx();
    SyncMetrics metrics = new SyncMetrics();
    List<ProviderClient> providers = new ArrayList<>();
    List<ProviderHttp> https = new ArrayList<>();
    int inFlight = options.integer("max-in-flight");
    if (options.get("resend-api-key") != null) {
      ProviderHttp http = new ProviderHttp(vertx, Provider.RESEND, URI.create(options.get("resend-base-url")),
          options.get("resend-api-key"), limits(Provider.RESEND, options.number("resend-rate"),
              options.integer("resend-burst"), inFlight), metrics);
      https.add(http);
      providers.add(new ResendClient(http));
    }
    if (options.get("loops-api-key") != null) {
      ProviderHttp http = new ProviderHttp(vertx, Provider.LOOPS, URI.create(options.get("loops-base-url")),
          options.get("loops-api-key"), limits(Provider.LOOPS, options.number("loops-rate"),
              options.integer("loops-burst"), inFlight), metrics);
      https.add(http);
      providers.add(new LoopsClient(http));
    }
    LOG.info("sync starting with providers {} ({})", providers.stream().map(p -> p.provider().displayName()).toList(),
        options);
    ApiClient client = apiClient(options.get("kubeconfig"));
    Caches caches = new Caches();
    KubeObjects kube = new KubeObjects(client);
    ReconcileContext context = new ReconcileContext(caches, kube, List.copyOf(providers), backoff, metrics,
        options.verifyPeriod());
    SyncControllers controllers = new SyncControllers(client, caches, kind -> reconciler(kind, context),
        options.integer("workers"), options.resyncPeriod(), metrics);
    String resendSecret = options.get("resend-webhook-secret");
    String loopsSecret = options.get("loops-webhook-secret");
    SyncServer server = new SyncServer(vertx, resendSecret == null ? null : new WebhookSignature(resendSecret),
        loopsSecret == null ? null : new WebhookSignature(loopsSecret), new WebhookEvents(caches, kube), metrics,
        new RecentDeliveries(), caches::synced);
    int port = server.start(options.get("bind-address"), options.integer("port"), keyCert(options))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    controllers.start();
    LOG.info("sync endpoint listening on port {}", port);
    return new SyncProcess(vertx, controllers, server, https, metrics, port, caches);
  }

  /** The provider's defaults with the configured rate, burst and calls in flight; warns above its documented limit. */
  private static ProviderLimits limits(Provider provider, double rate, int burst, int inFlight) {
    ProviderLimits defaults = ProviderLimits.defaults(provider);
    ProviderLimits limits = new ProviderLimits(rate, burst, inFlight, defaults.timeout(), defaults.trustAll());
    if (limits.exceedsDocumentedLimit(provider)) {
      LOG.warn("{}: rate {}/s with burst {} can send {} calls in one second; {} documents {} a second",
          provider.displayName(), rate, burst, io.milo.crm.sync.provider.TokenBucket.maxCallsIn(rate, burst, 1),
          provider.displayName(), ProviderLimits.documentedPerSecond(provider));
    }
    return limits;
  }

  private static SyncReconciler reconciler(io.milo.crm.sync.reconcile.Kinds kind, ReconcileContext context) {
    return switch (kind) {
      case CONTACT -> new ContactReconciler(context);
      case CONTACT_GROUP -> new ContactGroupReconciler(context);
      case MEMBERSHIP -> new MembershipReconciler(context);
      case REMOVAL -> new RemovalReconciler(context);
    };
  }

  private static ApiClient apiClient(String kubeconfig) throws Exception {
    ClientBuilder builder = kubeconfig == null ? ClientBuilder.cluster()
        : ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new FileReader(kubeconfig)));
    // Watches are long requests: no read timeout.
    return builder.setReadTimeout(Duration.ZERO).build();
  }

  private static KeyCertOptions keyCert(SyncOptions options) {
    if (options.get("tls-cert-file") != null) {
      return new PemKeyCertOptions().setCertPath(options.get("tls-cert-file"))
          .setKeyPath(options.get("tls-private-key-file"));
    }
    return SelfSignedCertificate.create("localhost").keyCertOptions();
  }

  public int port() {
    return port;
  }

  public SyncMetrics metrics() {
    return metrics;
  }

  /** Whether the informer caches have listed every kind (webhooks are answered 503 until then). */
  public boolean ready() {
    return caches.synced();
  }

  @Override
  public void close() throws Exception {
    controllers.close();
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (ProviderHttp http : https) {
      http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
