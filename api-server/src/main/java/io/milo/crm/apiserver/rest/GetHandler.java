package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.negotiation.Representation;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.Store;
import io.vertx.core.Future;
import java.util.List;

/** GetHandler serves GET on an object or its {@code /status} (handlers.GetResource). */
final class GetHandler {
  private final Store store;
  private final ColumnValues columns;

  GetHandler(Store store, ColumnValues columns) {
    this.store = store;
    this.columns = columns;
  }

  Future<Void> handle(RequestContext ctx) {
    var include = Outputs.includeObject(ctx);
    return store.get(ctx.kind.type(), new ObjectKey(ctx.namespace(), ctx.name())).compose(object -> {
      if (ctx.output.representation() != Representation.TABLE) {
        Responses.write(ctx, 200, ctx.output, Representations.object(ctx.kind, ctx.output, object, include));
        return Future.succeededFuture();
      }
      ObjectNode tree = object.tree();
      return columns.resolve(ctx.kind, List.of(tree)).map(values -> {
        Responses.write(ctx, 200, ctx.output, Representations.object(ctx.kind, ctx.output, tree, include, values));
        return null;
      });
    });
  }
}
