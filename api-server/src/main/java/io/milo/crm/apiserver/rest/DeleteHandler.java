package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionChain;
import io.milo.crm.admission.Operation;
import io.milo.crm.apiserver.table.IncludeObject;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.Preconditions;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoredObject;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import io.milo.crm.admission.AdmissionAttributes;

/**
 * DeleteHandler serves DELETE on an object (handlers.DeleteResource, Store.Delete): preconditions
 * checked against the stored object; an object with finalizers (or one the propagation policy gives a
 * finalizer) gets {@code deletionTimestamp} and stays until its last finalizer is removed (200 with the
 * object); otherwise it is deleted (200 with a Success Status).
 */
final class DeleteHandler {
  private final Store store;
  private final Supplier<AdmissionChain> admission;

  DeleteHandler(Store store, Supplier<AdmissionChain> admission) {
    this.store = store;
    this.admission = admission;
  }

  /** What a deletion did: the object now marked for deletion, or the deleted one. */
  record Outcome(ObjectNode object, boolean deleted) {}

  Future<Void> handle(RequestContext ctx) {
    return Bodies.read(ctx.request).compose(body -> {
      DeleteOptions options = DeleteOptions.parse(ctx.request.params(), body,
          body.length > 0 && Outputs.yamlBody(ctx.request.getHeader("Content-Type")));
      return store.inTransaction(tx -> delete(ctx, tx, new ObjectKey(ctx.namespace(), ctx.name()), options));
    }).map(outcome -> {
      ctx.written = outcome.object();
      if (outcome.deleted()) {
        Responses.write(ctx, 200, Outputs.JSON, Codec.json(success(ctx, outcome.object())));
      } else {
        Responses.write(ctx, 200, ctx.output, Representations.object(ctx.kind, ctx.output, outcome.object(), IncludeObject.METADATA));
      }
      return null;
    });
  }

  /** Deletes or marks one object inside tx; deletecollection uses it per item. */
  Future<Outcome> delete(RequestContext ctx, Tx tx, ObjectKey key, DeleteOptions options) {
    return tx.get(ctx.kind.type(), key).compose(current -> {
      checkPreconditions(ctx, options, current);
      ObjectNode object = current.tree();
      Set<String> finalizers = ObjectStrategy.finalizers(object);
      boolean changed = options.applyTo(finalizers);
      AdmissionChain chain = admission.get();
      AdmissionAttributes attributes = Writes.attributes(ctx, Operation.DELETE, null, object, options.dryRun());
      return chain.validate(attributes, tx).compose(v -> {
        if (finalizers.isEmpty()) {
          return remove(tx, key, current, options, chain, attributes);
        }
        ObjectNode metadata = ObjectStrategy.metadata(object);
        boolean marked = metadata.hasNonNull("deletionTimestamp");
        if (marked && !changed) {
          return Future.succeededFuture(new Outcome(object, false));
        }
        ObjectNode next = object.deepCopy();
        ObjectStrategy.setFinalizers(next, finalizers);
        if (!marked) {
          ObjectNode nextMetadata = ObjectStrategy.metadata(next);
          nextMetadata.put("deletionTimestamp", ObjectTimes.format(Instant.now()));
          nextMetadata.put("deletionGracePeriodSeconds", 0);
          long generation = nextMetadata.path("generation").asLong(0);
          if (generation > 0) {
            // markAsDeleting: controllers filtering on generation changes must see the deletion.
            nextMetadata.put("generation", generation + 1);
          }
        }
        if (options.dryRun()) {
          return Future.succeededFuture(new Outcome(next, false));
        }
        // Cascades start when deletion starts: dependents go (or are marked) first, as the sync's
        // ordering needs (memberships, removals, then the contact); the final removal finds nothing left.
        return tx.update(ctx.kind.type(), next, Preconditions.resourceVersion(current.resourceVersion()))
            .map(StoredObject::tree)
            .compose(written -> (marked ? Future.<Void>succeededFuture() : chain.afterWrite(attributes, written, tx))
                .map(new Outcome(written, false)));
      });
    });
  }

  private static Future<Outcome> remove(Tx tx, ObjectKey key, StoredObject current, DeleteOptions options,
      AdmissionChain chain, AdmissionAttributes attributes) {
    if (options.dryRun()) {
      return Future.succeededFuture(new Outcome(current.tree(), true));
    }
    return tx.delete(current.type(), key, Preconditions.resourceVersion(current.resourceVersion()))
        .map(StoredObject::tree)
        .compose(deleted -> chain.afterWrite(attributes, deleted, tx).map(new Outcome(deleted, true)));
  }

  /** rest.BeforeDelete's precondition checks, in its words. */
  private static void checkPreconditions(RequestContext ctx, DeleteOptions options, StoredObject current) {
    String qualified = ctx.kind.kind() + "." + ctx.kind.group();
    String uid = options.preconditions().uid();
    if (uid != null && !uid.equals(current.uid())) {
      throw ApiError.conflict(ctx.kind.group(), ctx.kind.kind(), ctx.name(), "Operation cannot be fulfilled on " + qualified
          + " \"" + ctx.name() + "\": the UID in the precondition (" + uid + ") does not match the UID in record ("
          + current.uid() + "). The object might have been deleted and then recreated");
    }
    Long rv = options.preconditions().resourceVersion();
    if (rv != null && rv != current.resourceVersion()) {
      throw ApiError.conflict(ctx.kind.group(), ctx.kind.kind(), ctx.name(), "Operation cannot be fulfilled on " + qualified
          + " \"" + ctx.name() + "\": the ResourceVersion in the precondition (" + rv
          + ") does not match the ResourceVersion in record (" + current.resourceVersion() + "). The object might have been modified");
    }
  }

  /** The Success Status a custom resource's delete answers with. */
  static ObjectNode success(RequestContext ctx, ObjectNode deleted) {
    ObjectNode status = JsonNodeFactory.instance.objectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = status.putObject("details");
    details.put("name", ObjectStrategy.metadata(deleted).path("name").asText());
    details.put("group", ctx.kind.group());
    details.put("kind", ctx.kind.plural());
    details.put("uid", ObjectStrategy.metadata(deleted).path("uid").asText());
    return status;
  }
}
