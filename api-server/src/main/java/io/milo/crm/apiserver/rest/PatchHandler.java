package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.table.IncludeObject;
import io.vertx.core.Future;
import java.util.List;

/**
 * PatchHandler serves PATCH on an object or its {@code /status} (handlers.PatchResource): the patch
 * applies to the current object inside the write's unit of work, so it cannot lose a concurrent
 * write; {@code metadata.resourceVersion} or {@code metadata.uid} in the patch are preconditions.
 * Unknown fields the patch introduces are reported per {@code fieldValidation}.
 */
final class PatchHandler {
  private final ObjectUpdater updater;

  PatchHandler(ObjectUpdater updater) {
    this.updater = updater;
  }

  Future<Void> handle(RequestContext ctx) {
    Patches.Type type = Patches.type(ctx.request.getHeader("Content-Type"));
    WriteOptions options = WriteOptions.parse(ctx.request.params(), ctx.request.getHeader("User-Agent"), "PatchOptions");
    if (ctx.request.params().contains("force")) {
      throw Cause.invalid("meta.k8s.io", "PatchOptions",
          List.of(new Cause("FieldValueForbidden", "force", "Forbidden: may not be specified for non-apply patch")));
    }
    return Bodies.read(ctx.request).compose(body -> {
      JsonNode patch = Patches.parse(type, body);
      return updater.update(ctx, options, current -> {
        ObjectNode patched = Patches.apply(type, patch, current);
        Writes.checkTypeMeta(ctx.kind, patched);
        Writes.report(ctx, options, Writes.fieldProblems(ctx.kind, patched));
        return patched;
      });
    }).map(result -> {
      ctx.written = result.object();
      Responses.write(ctx, 200, ctx.output, Representations.object(ctx.kind, ctx.output, result.object(), IncludeObject.METADATA));
      return null;
    });
  }
}
