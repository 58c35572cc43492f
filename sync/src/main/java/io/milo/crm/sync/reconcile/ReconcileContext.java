package io.milo.crm.sync.reconcile;

import io.milo.crm.sync.metrics.SyncMetrics;
import io.milo.crm.sync.provider.ProviderClient;
import java.util.List;

/** ReconcileContext is what every reconciler is built from: caches, the write path, the enabled providers, policy. */
public record ReconcileContext(Caches caches, KubeObjects kube, List<ProviderClient> providers, Backoff backoff,
    SyncMetrics metrics) {}
