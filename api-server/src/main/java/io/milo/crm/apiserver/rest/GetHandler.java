package io.milo.crm.apiserver.rest;

import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.Store;
import io.vertx.core.Future;

/** GetHandler serves GET on an object or its {@code /status} (handlers.GetResource). */
final class GetHandler {
  private final Store store;

  GetHandler(Store store) {
    this.store = store;
  }

  Future<Void> handle(RequestContext ctx) {
    var include = Outputs.includeObject(ctx);
    return store.get(ctx.kind.type(), new ObjectKey(ctx.namespace(), ctx.name())).map(object -> {
      Responses.write(ctx, 200, ctx.output, Representations.object(ctx.kind, ctx.output, object, include));
      return null;
    });
  }
}
