package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.ObjectWriter;
import io.milo.crm.admission.UserInfo;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.Preconditions;
import io.milo.crm.storage.ResourceType;
import io.milo.crm.storage.Tx;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * InternalWriter is how admission plugins write other objects: through the same create, update and
 * delete paths a request takes (server-set metadata, admission of the other kind, finalizers,
 * validation), inside the request's unit of work, recorded under the server's own field manager.
 */
final class InternalWriter implements ObjectWriter {
  static final String MANAGER = "milo-crm-apiserver";
  /** Who status updates made by the server itself are attributed to. */
  static final UserInfo SERVER = new UserInfo("system:serviceaccount:milo-crm:milo-crm-apiserver", "",
      List.of("system:masters", "system:authenticated"), Map.of());

  private final Map<String, ServedKind> byResource;
  private final Map<String, ServedKind> byKind;
  private final CreateHandler creator;
  private final ObjectUpdater updater;
  private final DeleteHandler deleter;

  InternalWriter(List<ServedKind> kinds, CreateHandler creator, ObjectUpdater updater, DeleteHandler deleter) {
    this.byResource = new java.util.HashMap<>();
    this.byKind = new java.util.HashMap<>();
    for (ServedKind kind : kinds) {
      byResource.put(kind.group() + "/" + kind.plural(), kind);
      byKind.put(kind.group() + "/" + kind.kind(), kind);
    }
    this.creator = creator;
    this.updater = updater;
    this.deleter = deleter;
  }

  @Override
  public ResourceType type(String group, String resource) {
    return served(group, resource).type();
  }

  @Override
  public Future<ObjectNode> create(Tx tx, ObjectNode object, UserInfo user) {
    String apiVersion = object.path("apiVersion").asText("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    ServedKind kind = byKind.get(group + "/" + object.path("kind").asText(""));
    if (kind == null) {
      throw new IllegalArgumentException("not a served kind: " + apiVersion + " " + object.path("kind").asText());
    }
    ObjectNode metadata = ObjectStrategy.metadata(object);
    RequestContext ctx = context(kind, metadata.path("namespace").asText(""), metadata.path("name").asText(""), "", user);
    CreateHandler.prepare(ctx, object, MANAGER);
    return creator.createIn(tx, ctx, object, false);
  }

  @Override
  public Future<Void> delete(Tx tx, String group, String resource, ObjectKey key, UserInfo user) {
    RequestContext ctx = context(served(group, resource), key.namespace(), key.name(), "", user);
    return deleter.delete(ctx, tx, key, DeleteOptions.none()).mapEmpty();
  }

  @Override
  public Future<Void> updateStatus(Tx tx, String group, String resource, ObjectKey key, UnaryOperator<ObjectNode> change) {
    RequestContext ctx = context(served(group, resource), key.namespace(), key.name(), "status", SERVER);
    WriteOptions options = new WriteOptions(false, WriteOptions.FieldValidation.IGNORE, MANAGER);
    return updater.updateIn(tx, ctx, options, change::apply).mapEmpty();
  }

  private ServedKind served(String group, String resource) {
    ServedKind kind = byResource.get(group + "/" + resource);
    if (kind == null) {
      throw new IllegalArgumentException("not a served resource: " + resource + "." + group);
    }
    return kind;
  }

  private static RequestContext context(ServedKind kind, String namespace, String name, String subresource, UserInfo user) {
    ResourcePath path = new ResourcePath(kind.group(), kind.declaration().version(), kind.namespaced() ? namespace : "",
        kind.plural(), name, subresource);
    return new RequestContext(null, kind, path, user);
  }
}
