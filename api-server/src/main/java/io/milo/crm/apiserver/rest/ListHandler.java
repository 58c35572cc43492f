package io.milo.crm.apiserver.rest;

import io.milo.crm.storage.Store;
import io.vertx.core.Future;

/**
 * ListHandler serves GET on a collection (handlers.ListResource): one page of the list with the
 * resourceVersion semantics of the store, in the negotiated representation.
 */
final class ListHandler {
  private final Store store;

  ListHandler(Store store) {
    this.store = store;
  }

  Future<Void> handle(RequestContext ctx, ListParameters parameters) {
    var include = Outputs.includeObject(ctx);
    String namespace = ctx.namespace().isEmpty() ? null : ctx.namespace();
    return store.list(ctx.kind.type(), parameters.listOptions(namespace)).map(page -> {
      Responses.write(ctx, 200, ctx.output, Representations.list(ctx.kind, ctx.output, page, include));
      return null;
    });
  }
}
