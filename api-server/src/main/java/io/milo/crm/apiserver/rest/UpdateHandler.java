package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.table.IncludeObject;
import io.vertx.core.Future;
import java.util.List;

/**
 * UpdateHandler serves PUT on an object or its {@code /status} (handlers.UpdateResource): the body
 * must carry the resourceVersion it was read at (422 otherwise; 409 when the object has changed since).
 */
final class UpdateHandler {
  private final ObjectUpdater updater;

  UpdateHandler(ObjectUpdater updater) {
    this.updater = updater;
  }

  Future<Void> handle(RequestContext ctx) {
    WriteOptions options = WriteOptions.parse(ctx.request.params(), ctx.request.getHeader("User-Agent"), "UpdateOptions");
    return Bodies.read(ctx.request).compose(body -> {
      ObjectNode object = Writes.decode(ctx, body, options);
      Writes.checkName(ctx, object);
      return updater.update(ctx, options, current -> {
        if (Writes.resourceVersionOf(object) == 0) {
          // After the read, as Store.Update: a missing object is 404 first; the error names the resource.
          throw Cause.invalid(ctx.kind.group(), ctx.kind.plural(), ctx.name(), List.of(new Cause("FieldValueInvalid",
              "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")));
        }
        return object.deepCopy();
      });
    }).map(result -> {
      ctx.written = result.object();
      Responses.write(ctx, 200, ctx.output, Representations.object(ctx.kind, ctx.output, result.object(), IncludeObject.METADATA));
      return null;
    });
  }
}
