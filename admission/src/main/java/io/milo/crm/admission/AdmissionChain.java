package io.milo.crm.admission;

import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.List;

/**
 * AdmissionChain runs the plugins the way the kube-apiserver does: every mutating phase in order,
 * then every validating phase in order, stopping at the first refusal. It runs inside the write's
 * unit of work, after the generic validation and before the write.
 */
public final class AdmissionChain {
  /** The chain of a server with no rules. */
  public static final AdmissionChain EMPTY = new AdmissionChain(List.of());

  private final List<AdmissionPlugin> plugins;

  public AdmissionChain(List<AdmissionPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
  }

  public Future<Void> run(AdmissionAttributes attributes, Tx tx) {
    Future<Void> chain = Future.succeededFuture();
    for (AdmissionPlugin plugin : plugins) {
      chain = chain.compose(v -> plugin.handles(attributes) ? plugin.admit(attributes, tx) : Future.succeededFuture());
    }
    for (AdmissionPlugin plugin : plugins) {
      chain = chain.compose(v -> plugin.handles(attributes) ? plugin.validate(attributes, tx) : Future.succeededFuture());
    }
    return chain;
  }
}
