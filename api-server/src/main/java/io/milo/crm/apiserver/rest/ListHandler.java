package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.negotiation.Representation;
import io.milo.crm.storage.Store;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * ListHandler serves GET on a collection (handlers.ListResource): one page of the list with the
 * resourceVersion semantics of the store, in the negotiated representation; a Table's resolved
 * columns cost one more query per page.
 */
final class ListHandler {
  private final Store store;
  private final ColumnValues columns;

  ListHandler(Store store, ColumnValues columns) {
    this.store = store;
    this.columns = columns;
  }

  Future<Void> handle(RequestContext ctx, ListParameters parameters) {
    var include = Outputs.includeObject(ctx);
    String namespace = ctx.namespace().isEmpty() ? null : ctx.namespace();
    return store.list(ctx.kind.type(), parameters.listOptions(namespace)).compose(page -> {
      if (Representations.isPlainJson(ctx.output)) {
        Responses.write(ctx, 200, ctx.output, Representations.list(ctx.kind, ctx.output, page, List.of(), include, Map.of()));
        return Future.succeededFuture();
      }
      List<ObjectNode> trees = Representations.trees(page.items());
      Future<Map<String, List<Object>>> resolved = ctx.output.representation() == Representation.TABLE
          ? columns.resolve(ctx.kind, trees) : Future.succeededFuture(Map.of());
      return resolved.map(values -> {
        Responses.write(ctx, 200, ctx.output, Representations.list(ctx.kind, ctx.output, page, trees, include, values));
        return null;
      });
    });
  }
}
