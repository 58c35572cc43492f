package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionChain;
import io.milo.crm.admission.Operation;
import io.milo.crm.apiserver.validation.FieldError;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.Preconditions;
import io.milo.crm.storage.StorageException;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoredObject;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * ObjectUpdater is the update path PUT and PATCH share (upstream Store.Update with
 * rest.BeforeUpdate): in one unit of work it reads the object, lets the verb compute the requested
 * state from it, checks the resourceVersion and uid the request carries, applies the main-resource or
 * {@code /status} strategy, runs mutating admission, validates, runs validating admission and writes.
 * An update that changes nothing writes nothing; one that removes the last finalizer of an object
 * being deleted deletes it.
 */
final class ObjectUpdater {
  /** What the update wrote: the object, and whether it is now gone. */
  record Result(ObjectNode object, boolean deleted) {}

  private final Store store;
  private final Supplier<AdmissionChain> admission;

  ObjectUpdater(Store store, Supplier<AdmissionChain> admission) {
    this.store = store;
    this.admission = admission;
  }

  /**
   * @param requested computes the requested object from the current one (PUT: the body; PATCH: the
   *     patched current object); it runs inside the unit of work
   */
  Future<Result> update(RequestContext ctx, WriteOptions options, Function<ObjectNode, ObjectNode> requested) {
    return store.inTransaction(tx -> updateIn(tx, ctx, options, requested));
  }

  Future<Result> updateIn(Tx tx, RequestContext ctx, WriteOptions options, Function<ObjectNode, ObjectNode> requested) {
    ObjectKey key = new ObjectKey(ctx.namespace(), ctx.name());
    AdmissionChain chain = admission.get();
    return tx.get(ctx.kind.type(), key).compose(current -> {
      ObjectNode old = current.tree();
      ObjectNode next = prepare(ctx, old, requested.apply(old.deepCopy()), current);
      AdmissionAttributes attributes = Writes.attributes(ctx, Operation.UPDATE, next, old, options.dryRun());
      return chain.admit(attributes, tx).compose(v -> {
        validate(ctx, next, old);
        ManagedFields.record(next, old, options.fieldManager(), "Update", ctx.kind.declaration().apiVersion(),
            ctx.path.subresource(), Instant.now());
        if (next.equals(old)) {
          return Future.succeededFuture(new Result(old, false));
        }
        return chain.validate(attributes, tx).compose(w -> write(ctx, options, tx, key, current, next, chain, attributes));
      });
    });
  }

  private static ObjectNode prepare(RequestContext ctx, ObjectNode old, ObjectNode request, StoredObject current) {
    checkPreconditions(ctx, request, current);
    Writes.checkNamespaceOnUpdate(ctx, request);
    Writes.checkName(ctx, request);
    // Defaults first, as decoding applies them upstream: a request that only omits a defaulted field changes nothing.
    ctx.kind.validator().applyDefaults(request);
    ObjectNode next;
    if (ctx.isStatus()) {
      next = ObjectStrategy.prepareForStatusUpdate(request, old);
    } else {
      next = request;
      ObjectStrategy.prepareForUpdate(ctx.kind.declaration(), next, old);
    }
    ObjectStrategy.metadata(next).put("resourceVersion", Long.toString(current.resourceVersion()));
    return next;
  }

  private static void validate(RequestContext ctx, ObjectNode next, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(ctx.kind.validator().validateUpdate(next, old));
    Writes.requireValid(ctx.kind, next, errors);
  }

  /** The resourceVersion and uid in the request are preconditions (409 when they do not hold). */
  private static void checkPreconditions(RequestContext ctx, ObjectNode request, StoredObject current) {
    long rv = Writes.resourceVersionOf(request);
    String uid = ObjectStrategy.metadata(request).path("uid").asText("");
    if (rv != 0 && rv != current.resourceVersion()) {
      throw new StorageException.Conflict(ctx.kind.type(), current.key(), StorageException.OPTIMISTIC_LOCK_MESSAGE);
    }
    new Preconditions(uid.isEmpty() ? null : uid, null).check(ctx.kind.type(), current);
  }

  private static Future<Result> write(RequestContext ctx, WriteOptions options, Tx tx, ObjectKey key, StoredObject current,
      ObjectNode next, AdmissionChain chain, AdmissionAttributes attributes) {
    Preconditions unchanged = Preconditions.resourceVersion(current.resourceVersion());
    if (ObjectStrategy.readyToDelete(next)) {
      if (options.dryRun()) {
        return Future.succeededFuture(new Result(next, true));
      }
      AdmissionAttributes deletion = Writes.attributes(ctx, Operation.DELETE, null, current.tree(), false);
      // As deleteWithoutFinalizers: the client that removed the last finalizer gets the object it wrote.
      return tx.delete(ctx.kind.type(), key, unchanged).map(StoredObject::tree)
          .compose(deleted -> chain.afterWrite(deletion, deleted, tx).map(new Result(next, true)));
    }
    if (options.dryRun()) {
      return Future.succeededFuture(new Result(next, false));
    }
    return tx.update(ctx.kind.type(), next, unchanged).map(StoredObject::tree)
        .compose(written -> chain.afterWrite(attributes, written, tx).map(new Result(written, false)));
  }
}
