package io.milo.crm.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * AdmissionChain runs the plugins the way the kube-apiserver does: every mutating phase in order,
 * then (after the schema validation, which the caller runs in between) every validating phase, the
 * first refusal in plugin order winning; then, after the write, each plugin's follow-up writes. All
 * of it inside the write's unit of work.
 *
 * <p>Validating phases only read, so they run side by side, as the kube-apiserver runs validating
 * webhooks: their reads reach the database together, in one round trip.
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
    List<Future<Void>> verdicts = new ArrayList<>();
    for (AdmissionPlugin plugin : plugins) {
      if (plugin.handles(attributes)) {
        verdicts.add(started(() -> plugin.validate(attributes, tx)));
      }
    }
    return Future.join(verdicts).transform(all -> {
      for (Future<Void> verdict : verdicts) {
        if (verdict.failed()) {
          return Future.failedFuture(verdict.cause());
        }
      }
      return Future.succeededFuture();
    });
  }

  /**
   * Validates, then writes, one round trip sooner: the write is sent right behind the validators'
   * reads, which the database therefore answers from the state before the write, and its outcome
   * counts only when every validator accepted (a refusal fails the unit of work, which undoes the
   * write). Validators must send all their reads before waiting for any answer: a read sent after the
   * write would see it, so the Tx they are given refuses it.
   */
  public <T> Future<T> validateThenWrite(AdmissionAttributes attributes, Tx tx, Supplier<Future<T>> write) {
    ReadsBeforeWrite reads = new ReadsBeforeWrite(tx);
    Future<Void> validated = validate(attributes, reads);
    reads.close();
    if (validated.failed()) {
      return Future.failedFuture(validated.cause());
    }
    Future<T> written = started(write);
    return validated.transform(verdict -> verdict.failed() ? Future.<T>failedFuture(verdict.cause()) : written);
  }

  private static <T> Future<T> started(Supplier<Future<T>> phase) {
    try {
      return phase.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
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
