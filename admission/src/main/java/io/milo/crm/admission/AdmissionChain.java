package io.milo.crm.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.BiFunction;

/**
 * AdmissionChain runs the plugins the way the kube-apiserver does: every mutating phase in order,
 * then (after the schema validation, which the caller runs in between) every validating phase in
 * order, stopping at the first refusal; then, after the write, each plugin's follow-up writes. All of
 * it inside the write's unit of work.
 */
public final class AdmissionChain {
  /** The chain of a server with no rules. */
  public static final AdmissionChain EMPTY = new AdmissionChain(List.of());

  private final List<AdmissionPlugin> plugins;

  public AdmissionChain(List<AdmissionPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
  }

  public Future<Void> admit(AdmissionAttributes attributes, Tx tx) {
    return each(attributes, (plugin, a) -> plugin.admit(a, tx));
  }

  public Future<Void> validate(AdmissionAttributes attributes, Tx tx) {
    return each(attributes, (plugin, a) -> plugin.validate(a, tx));
  }

  public Future<Void> afterWrite(AdmissionAttributes attributes, ObjectNode written, Tx tx) {
    return each(attributes, (plugin, a) -> plugin.afterWrite(a, written, tx));
  }

  private Future<Void> each(AdmissionAttributes attributes,
      BiFunction<AdmissionPlugin, AdmissionAttributes, Future<Void>> phase) {
    Future<Void> chain = Future.succeededFuture();
    for (AdmissionPlugin plugin : plugins) {
      chain = chain.compose(v -> plugin.handles(attributes) ? phase.apply(plugin, attributes) : Future.succeededFuture());
    }
    return chain;
  }
}
