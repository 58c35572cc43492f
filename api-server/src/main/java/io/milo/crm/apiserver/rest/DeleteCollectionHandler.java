package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.ListOptions;
import io.milo.crm.storage.ListResult;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StorageException;
import io.milo.crm.storage.StoredObject;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * DeleteCollectionHandler serves DELETE on a collection (Store.DeleteCollection): lists what the
 * selectors match, then deletes each object as a single DELETE would (finalizers honoured, one unit
 * of work each, an object already gone skipped), and answers with the list of what it deleted or
 * marked for deletion.
 */
final class DeleteCollectionHandler {
  private final Store store;
  private final DeleteHandler deleter;

  DeleteCollectionHandler(Store store, DeleteHandler deleter) {
    this.store = store;
    this.deleter = deleter;
  }

  Future<Void> handle(RequestContext ctx, ListParameters parameters) {
    return Bodies.read(ctx.request).compose(body -> {
      DeleteOptions options = DeleteOptions.parse(ctx.request.params(), body,
          body.length > 0 && Outputs.yamlBody(ctx.request.getHeader("Content-Type")));
      ListOptions list = parameters.listOptions(ctx.namespace().isEmpty() ? null : ctx.namespace()).withLimit(0);
      return store.list(ctx.kind.type(), list).compose(page -> deleteAll(ctx, page, options));
    }).map(deleted -> {
      ObjectNode result = Codec.JSON.createObjectNode().put("apiVersion", ctx.kind.declaration().apiVersion());
      result.putArray("items").addAll(deleted);
      result.put("kind", ctx.kind.kind() + "List");
      result.putObject("metadata");
      boolean yaml = ctx.output.encoding() == io.milo.crm.apiserver.negotiation.Encoding.YAML;
      Responses.write(ctx, 200, yaml ? ctx.output : Outputs.JSON, yaml ? Codec.yaml(result) : Codec.json(result));
      return null;
    });
  }

  private Future<List<ObjectNode>> deleteAll(RequestContext ctx, ListResult page, DeleteOptions options) {
    List<ObjectNode> deleted = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (StoredObject item : page.items()) {
      chain = chain.compose(v -> store.inTransaction(tx -> deleter.delete(ctx, tx, item.key(), options))
          .map(outcome -> {
            deleted.add(outcome.object());
            return (Void) null;
          })
          .recover(failure -> failure instanceof StorageException.NotFound ? Future.succeededFuture() : Future.failedFuture(failure)));
    }
    return chain.map(v -> deleted);
  }
}
