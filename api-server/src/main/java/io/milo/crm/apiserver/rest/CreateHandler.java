package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.AdmissionChain;
import io.milo.crm.admission.Operation;
import io.milo.crm.apiserver.table.IncludeObject;
import io.milo.crm.apiserver.validation.FieldError;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.StorageException;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoredObject;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * CreateHandler serves POST on a collection (upstream handlers.CreateResource with rest.BeforeCreate):
 * decode with field validation, namespace and name (generateName), server-set metadata and defaults;
 * then, in one unit of work, mutating admission, schema validation, validating admission, the write
 * and what follows from it; 201 with the stored object.
 */
final class CreateHandler {
  private static final int GENERATE_NAME_ATTEMPTS = 8;

  private final Store store;
  private final Supplier<AdmissionChain> admission;

  CreateHandler(Store store, Supplier<AdmissionChain> admission) {
    this.store = store;
    this.admission = admission;
  }

  Future<Void> handle(RequestContext ctx) {
    WriteOptions options = WriteOptions.parse(ctx.request.params(), ctx.request.getHeader("User-Agent"), "CreateOptions");
    return Bodies.read(ctx.request).compose(body -> {
      ObjectNode object = Writes.decode(ctx, body, options);
      if (ctx.kind.namespaced() && ctx.namespace().isEmpty()) {
        throw ApiError.pathNotFound();
      }
      Writes.checkNamespace(ctx, object);
      prepare(ctx, object, options.fieldManager());
      return create(ctx, object, options.dryRun(), 0);
    }).map(created -> {
      ctx.written = created;
      Responses.write(ctx, 201, ctx.output, Representations.object(ctx.kind, ctx.output, created, IncludeObject.METADATA));
      return null;
    });
  }

  /** Server-set metadata, defaults and the manager's fields. */
  static void prepare(RequestContext ctx, ObjectNode object, String fieldManager) {
    Instant now = Instant.now();
    ObjectStrategy.prepareForCreate(ctx.kind.declaration(), object, now);
    ctx.kind.validator().applyDefaults(object);
    ManagedFields.record(object, null, fieldManager, "Update", ctx.kind.declaration().apiVersion(), "", now);
  }

  private Future<ObjectNode> create(RequestContext ctx, ObjectNode template, boolean dryRun, int attempt) {
    ObjectNode object = template.deepCopy();
    ObjectNode metadata = ObjectStrategy.metadata(object);
    boolean generated = metadata.path("name").asText("").isEmpty() && !metadata.path("generateName").asText("").isEmpty();
    if (generated) {
      metadata.put("name", Names.generate(metadata.path("generateName").asText()));
    }
    return store.inTransaction(tx -> createIn(tx, ctx, object, dryRun)).recover(failure -> {
      if (generated && failure instanceof StorageException.AlreadyExists && attempt + 1 < GENERATE_NAME_ATTEMPTS) {
        return create(ctx, template, dryRun, attempt + 1);
      }
      return Future.failedFuture(failure);
    });
  }

  /** The create inside a unit of work: admission, validation, the write and its follow-ups. */
  Future<ObjectNode> createIn(Tx tx, RequestContext ctx, ObjectNode object, boolean dryRun) {
    AdmissionAttributes attributes = Writes.attributes(ctx, Operation.CREATE, object, null, dryRun);
    AdmissionChain chain = admission.get();
    return chain.admit(attributes, tx).compose(v -> {
      Writes.requireValid(ctx.kind, object, validate(ctx, object));
      if (dryRun) {
        return chain.validate(attributes, tx).compose(v2 -> tx.find(ctx.kind.type(), key(ctx, object))).map(existing -> {
          if (existing.isPresent()) {
            throw new StorageException.AlreadyExists(ctx.kind.type(), key(ctx, object));
          }
          return object;
        });
      }
      return chain.validateThenWrite(attributes, tx, () -> tx.create(ctx.kind.type(), object)).map(StoredObject::tree)
          .compose(written -> chain.afterWrite(attributes, written, tx).map(written));
    });
  }

  private static List<FieldError> validate(RequestContext ctx, ObjectNode object) {
    List<FieldError> errors = new ArrayList<>(ctx.kind.validator().validateCreate(object));
    errors.addAll(NamespaceRules.check(ctx.kind, object));
    return errors;
  }

  static ObjectKey key(RequestContext ctx, ObjectNode object) {
    ObjectNode metadata = ObjectStrategy.metadata(object);
    return new ObjectKey(ctx.kind.namespaced() ? metadata.path("namespace").asText("") : "", metadata.path("name").asText(""));
  }
}
