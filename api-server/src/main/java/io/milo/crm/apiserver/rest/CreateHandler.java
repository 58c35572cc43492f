package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionChain;
import io.milo.crm.admission.Operation;
import io.milo.crm.apiserver.table.IncludeObject;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.StorageException;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoredObject;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateHandler serves POST on a collection (upstream handlers.CreateResource with rest.BeforeCreate):
 * decode with field validation, namespace and name (generateName), server-set metadata, defaults,
 * validation, then admission and the write in one unit of work; 201 with the stored object.
 */
final class CreateHandler {
  private static final int GENERATE_NAME_ATTEMPTS = 8;

  private final Store store;
  private final AdmissionChain admission;

  CreateHandler(Store store, AdmissionChain admission) {
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
      if (!ctx.name().isEmpty()) {
        Writes.checkName(ctx, object);
      }
      Instant now = Instant.now();
      ObjectStrategy.prepareForCreate(ctx.kind.declaration(), object, now);
      ctx.kind.validator().applyDefaults(object);
      ManagedFields.record(object, null, options.fieldManager(), "Update", ctx.kind.declaration().apiVersion(), "", now);
      return create(ctx, object, options, 0);
    }).map(created -> {
      Responses.write(ctx, 201, ctx.output, Representations.object(ctx.kind, ctx.output, created, IncludeObject.METADATA));
      return null;
    });
  }

  private Future<ObjectNode> create(RequestContext ctx, ObjectNode template, WriteOptions options, int attempt) {
    ObjectNode object = template.deepCopy();
    ObjectNode metadata = ObjectStrategy.metadata(object);
    String generateName = metadata.path("generateName").asText("");
    boolean generated = metadata.path("name").asText("").isEmpty() && !generateName.isEmpty();
    if (generated) {
      metadata.put("name", Names.generate(generateName));
    }
    Writes.requireValid(ctx.kind, object, validate(ctx, object));
    return store.inTransaction(tx -> admission.run(Writes.attributes(ctx, Operation.CREATE, object, null, options.dryRun()), tx)
        .compose(v -> {
          Writes.requireValid(ctx.kind, object, validate(ctx, object));
          if (options.dryRun()) {
            return tx.find(ctx.kind.type(), key(ctx, object)).map(existing -> {
              if (existing.isPresent()) {
                throw new StorageException.AlreadyExists(ctx.kind.type(), key(ctx, object));
              }
              return object;
            });
          }
          return tx.create(ctx.kind.type(), object).map(StoredObject::tree);
        })).recover(failure -> {
          if (generated && failure instanceof StorageException.AlreadyExists && attempt + 1 < GENERATE_NAME_ATTEMPTS) {
            return create(ctx, template, options, attempt + 1);
          }
          return Future.failedFuture(failure);
        });
  }

  private static List<io.milo.crm.apiserver.validation.FieldError> validate(RequestContext ctx, ObjectNode object) {
    List<io.milo.crm.apiserver.validation.FieldError> errors = new ArrayList<>(ctx.kind.validator().validateCreate(object));
    errors.addAll(NamespaceRules.check(ctx.kind, object));
    return errors;
  }

  static ObjectKey key(RequestContext ctx, ObjectNode object) {
    ObjectNode metadata = ObjectStrategy.metadata(object);
    return new ObjectKey(ctx.kind.namespaced() ? metadata.path("namespace").asText("") : "", metadata.path("name").asText(""));
  }
}
