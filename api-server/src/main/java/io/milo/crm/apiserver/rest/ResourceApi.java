package io.milo.crm.apiserver.rest;

import io.milo.crm.admission.AdmissionChain;
import io.milo.crm.admission.UserInfo;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.negotiation.Target;
import io.milo.crm.storage.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import io.milo.crm.admission.ObjectWriter;

/**
 * ResourceApi routes every request under {@code /apis/<group>/<version>/...} that names a served kind
 * to the handler of its verb (upstream's installer and RequestInfo), after the limits every
 * non-watch request is under: the in-flight budget for reads or mutations and a 60 s deadline.
 * Routes come from the kind declarations; nothing here is per kind.
 */
public final class ResourceApi {
  static final long REQUEST_TIMEOUT_MS = 60_000;

  private final Vertx vertx;
  private final Map<String, ServedKind> kinds = new HashMap<>();
  private final InFlightLimiter limiter;
  private final GetHandler get;
  private final ListHandler list;
  private final WatchHandler watch;
  private final CreateHandler create;
  private final UpdateHandler update;
  private final PatchHandler patch;
  private final DeleteHandler delete;
  private final DeleteCollectionHandler deleteCollection;

  private AdmissionChain admission;
  private final ActivityLog activity;

  /**
   * @param admission builds the admission chain, given the writer its plugins use to write other
   *     objects through this API's own paths
   */
  public ResourceApi(Vertx vertx, Store store, Function<ObjectWriter, AdmissionChain> admission,
      List<KindDeclaration> declarations, InFlightLimiter limiter, ActivityLog activity) {
    this.vertx = vertx;
    this.activity = activity;
    this.limiter = limiter;
    List<ServedKind> served = new java.util.ArrayList<>();
    for (KindDeclaration declaration : declarations) {
      ServedKind kind = ServedKind.of(declaration);
      served.add(kind);
      kinds.put(declaration.group() + "/" + declaration.version() + "/" + declaration.plural(), kind);
    }
    Supplier<AdmissionChain> chain = () -> this.admission;
    ObjectUpdater updater = new ObjectUpdater(store, chain);
    ColumnValues columns = new ColumnValues(store);
    this.get = new GetHandler(store, columns);
    this.list = new ListHandler(store, columns);
    this.watch = new WatchHandler(vertx, store, columns);
    this.create = new CreateHandler(store, chain);
    this.update = new UpdateHandler(updater);
    this.patch = new PatchHandler(updater);
    this.delete = new DeleteHandler(store, chain);
    this.deleteCollection = new DeleteCollectionHandler(store, delete);
    this.admission = admission.apply(new InternalWriter(served, create, updater, delete));
  }

  /** Serves the request if its path names a served resource; answers false (untouched) otherwise. */
  public boolean handle(HttpServerRequest request, UserInfo user) {
    Optional<ResourcePath> parsed = ResourcePath.parse(request.path());
    if (parsed.isEmpty()) {
      return false;
    }
    ResourcePath path = parsed.get();
    ServedKind kind = kinds.get(path.group() + "/" + path.version() + "/" + path.resource());
    if (kind == null || (!kind.namespaced() && !path.namespace().isEmpty())
        || (kind.namespaced() && path.namespace().isEmpty() && !path.name().isEmpty())
        || (!path.subresource().isEmpty() && !(path.subresource().equals("status") && kind.declaration().statusSubresource()))) {
      return false;
    }
    request.pause();
    RequestContext ctx = new RequestContext(request, kind, path, user);
    if (kind.namespaced() && path.namespace().isEmpty() && request.method() != HttpMethod.GET) {
      // Only list and watch span namespaces (the CRD handler's rule); anything else is not served here.
      request.resume();
      Responses.error(ctx, ApiError.pathNotFound());
      return true;
    }
    try {
      route(ctx);
    } catch (RuntimeException e) {
      request.resume();
      Responses.error(ctx, e);
    }
    return true;
  }

  private void route(RequestContext ctx) {
    HttpMethod method = ctx.request.method();
    boolean collection = ctx.path.isCollection();
    if (ctx.isStatus() && !(method == HttpMethod.GET || method == HttpMethod.PUT || method == HttpMethod.PATCH)) {
      String verb = method == HttpMethod.POST ? "create" : method.name().toLowerCase(java.util.Locale.ROOT);
      throw ApiError.withDetails(405, "MethodNotAllowed", verb + " is not supported on resources of kind \""
          + ctx.kind.plural() + "." + ctx.kind.group() + "\"", ApiError.details(null, ctx.kind.group(), ctx.kind.plural()));
    }
    if (collection && (method == HttpMethod.PUT || method == HttpMethod.PATCH)) {
      throw ApiError.badRequest("name must be provided");
    }
    if (method == HttpMethod.GET && collection) {
      ListParameters parameters = ListParameters.parse(ctx.request.params(), ctx.kind);
      if (parameters.watch()) {
        ctx.output = Outputs.negotiate(ctx, parameters.sendInitialEvents() != null ? Target.WATCH_LIST : Target.WATCH);
        ctx.request.resume();
        watch.handle(ctx, parameters).onFailure(e -> Responses.error(ctx, e));
        return;
      }
      ctx.output = Outputs.negotiate(ctx, Target.LIST);
      limited(ctx, false, () -> list.handle(ctx, parameters));
      return;
    }
    if (method == HttpMethod.DELETE && collection) {
      ListParameters parameters = ListParameters.parse(ctx.request.params(), ctx.kind);
      ctx.output = Outputs.negotiate(ctx, Target.LIST);
      limited(ctx, true, () -> deleteCollection.handle(ctx, parameters));
      return;
    }
    ctx.output = Outputs.negotiate(ctx, Target.OBJECT);
    switch (method.name()) {
      case "GET" -> limited(ctx, false, () -> get.handle(ctx));
      case "POST" -> limited(ctx, true, () -> create.handle(ctx));
      case "PUT" -> limited(ctx, true, () -> update.handle(ctx));
      case "PATCH" -> limited(ctx, true, () -> patch.handle(ctx));
      case "DELETE" -> limited(ctx, true, () -> delete.handle(ctx));
      default -> throw ApiError.methodNotAllowed();
    }
  }

  /** Runs a non-watch handler within the in-flight budget and the request deadline. */
  private void limited(RequestContext ctx, boolean mutating, java.util.function.Supplier<Future<Void>> handler) {
    if (!limiter.tryAcquire(mutating)) {
      ctx.request.resume();
      throw ApiError.tooManyRequests();
    }
    java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    long deadline = vertx.setTimer(timeoutMs(ctx), t -> {
      Responses.error(ctx, ApiError.timeout(
          "Timeout: request did not complete within requested timeout - context deadline exceeded", null, null));
      // A client that stalls its body must not keep its slot: the slot is freed and the stream reset.
      if (!ctx.request.isEnded()) {
        ctx.request.response().reset();
      }
      if (released.compareAndSet(false, true)) {
        limiter.release(mutating);
      }
    });
    Future<Void> result;
    try {
      result = handler.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    ctx.request.resume();
    result.onComplete(ar -> {
      if (released.compareAndSet(false, true)) {
        limiter.release(mutating);
      }
      vertx.cancelTimer(deadline);
      if (ar.failed()) {
        Responses.error(ctx, ar.cause());
      } else if (mutating && !ctx.request.params().contains("dryRun") && ctx.request.response().getStatusCode() < 300) {
        activity.record(ctx, verb(ctx), ctx.request.response().getStatusCode(), ctx.written);
      }
    });
  }

  private static String verb(RequestContext ctx) {
    return switch (ctx.request.method().name()) {
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      default -> ctx.path.isCollection() ? "deletecollection" : "delete";
    };
  }

  /** The client's {@code timeout} parameter (a Go duration), capped at 60 s. */
  private static long timeoutMs(RequestContext ctx) {
    String timeout = ctx.query("timeout");
    if (timeout == null || timeout.isEmpty()) {
      return REQUEST_TIMEOUT_MS;
    }
    long requested = GoDurations.parseMillis(timeout);
    return requested <= 0 ? REQUEST_TIMEOUT_MS : Math.min(requested, REQUEST_TIMEOUT_MS);
  }
}
