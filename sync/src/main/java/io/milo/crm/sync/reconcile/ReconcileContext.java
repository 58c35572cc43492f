package io.milo.crm.sync.reconcile;

import io.milo.crm.sync.metrics.SyncMetrics;
import io.milo.crm.sync.provider.ProviderClient;
import java.time.Duration;
import java.util.List;

/**
 * ReconcileContext is what every reconciler is built from: caches, the write path, the enabled providers,
 * policy. {@code verifyPeriod}: how often, per object, a resync asks the providers whether an object
 * already confirmed in sync is still there (spread over the period); other resyncs call no provider.
 */
public record ReconcileContext(Caches caches, KubeObjects kube, List<ProviderClient> providers, Backoff backoff,
    SyncMetrics metrics, Duration verifyPeriod) {}
