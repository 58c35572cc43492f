package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.table.IncludeObject;
import io.milo.crm.apiserver.table.ListMeta;
import io.milo.crm.apiserver.table.PartialObjectMetadata;
import io.milo.crm.storage.StorageException;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.Watch;
import io.milo.crm.storage.WatchEvent;
import io.milo.crm.storage.WatchListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WatchHandler serves {@code ?watch=1} (handlers.serveWatch): 200 at once, then one JSON event per
 * line, flushed as it happens, never a Content-Length. Events are the object, a one-row Table (the
 * first with column definitions) or a PartialObjectMetadata, as negotiated. A resourceVersion that is
 * too old, or a client too slow to keep up, ends the stream with an ERROR event carrying a 410 Status.
 * Bookmarks every minute and shortly before the timeout when asked for; the timeout is
 * {@code timeoutSeconds} or a random 30-60 minutes.
 */
final class WatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WatchHandler.class);
  private static final long BOOKMARK_INTERVAL_MS = 60_000;

  private final Vertx vertx;
  private final Store store;
  private final ColumnValues columns;

  WatchHandler(Vertx vertx, Store store, ColumnValues columns) {
    this.vertx = vertx;
    this.store = store;
    this.columns = columns;
  }

  Future<Void> handle(RequestContext ctx, ListParameters parameters) {
    IncludeObject include = Outputs.includeObject(ctx);
    HttpServerResponse response = ctx.request.response();
    Stream stream = new Stream(ctx, response, include);
    String namespace = ctx.namespace().isEmpty() ? null : ctx.namespace();
    Watch watch = store.watch(ctx.kind.type(), parameters.watchOptions(namespace), stream);
    stream.watch = watch;
    response.setStatusCode(200).putHeader("Content-Type", ctx.output.contentType());
    if (ctx.request.version() != HttpVersion.HTTP_2) {
      response.setChunked(true);
    }
    Responses.addWarnings(response, ctx.warnings);
    response.writeHead();
    long timeoutMs = parameters.timeoutSeconds() != null && parameters.timeoutSeconds() > 0
        ? parameters.timeoutSeconds() * 1000
        : ThreadLocalRandom.current().nextLong(1800_000, 3600_000);
    stream.timers.add(vertx.setTimer(timeoutMs, t -> stream.finish()));
    if (parameters.allowWatchBookmarks()) {
      stream.timers.add(vertx.setPeriodic(BOOKMARK_INTERVAL_MS, t -> watch.requestBookmark()));
      if (timeoutMs > 3_000) {
        stream.timers.add(vertx.setTimer(timeoutMs - 2_000, t -> watch.requestBookmark()));
      }
    }
    response.closeHandler(v -> stream.stop());
    response.exceptionHandler(e -> stream.stop());
    return Future.succeededFuture();
  }

  /** One watch's stream of events to its client. */
  private final class Stream implements WatchListener {
    final RequestContext ctx;
    final HttpServerResponse response;
    final IncludeObject include;
    final List<Long> timers = new java.util.ArrayList<>();
    Watch watch;
    boolean firstTable = true;
    boolean stopped;

    Stream(RequestContext ctx, HttpServerResponse response, IncludeObject include) {
      this.ctx = ctx;
      this.response = response;
      this.include = include;
    }

    @Override
    public void onEvent(WatchEvent event) {
      if (stopped) {
        return;
      }
      response.write(Buffer.buffer(encode(event)));
      if (response.writeQueueFull()) {
        watch.pause();
        response.drainHandler(v -> {
          if (!stopped) {
            watch.resume();
          }
        });
      }
    }

    @Override
    public void onEnd(Throwable error) {
      if (stopped) {
        return;
      }
      // A store that shuts down or loses its database ends the stream as the kube-apiserver's cacher
      // does: closed without an ERROR event, so clients simply watch again from their resourceVersion.
      if (error != null && !(error instanceof StorageException.Unavailable)) {
        ApiError status = error instanceof StorageException storage
            ? StorageErrors.toApiError(ctx.kind, storage) : ApiError.internal(String.valueOf(error.getMessage()));
        if (!(error instanceof StorageException)) {
          LOG.error("watch of {} failed", ctx.kind.type().qualifiedName(), error);
        }
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("type", "ERROR");
        line.set("object", status.status());
        response.write(Buffer.buffer(Codec.json(line)).appendString("\n"));
      }
      finish();
    }

    /** Ends the stream cleanly (timeout, cancellation, error). */
    void finish() {
      if (stopped) {
        return;
      }
      stop();
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    }

    void stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      timers.forEach(vertx::cancelTimer);
      if (watch != null) {
        watch.cancel();
      }
    }

    private byte[] encode(WatchEvent event) {
      String type = event.type().name();
      if (Representations.isPlainJson(ctx.output) && event.object() != null) {
        String line = "{\"type\":\"" + type + "\",\"object\":" + event.object().json() + "}\n";
        return line.getBytes(StandardCharsets.UTF_8);
      }
      ObjectNode object = event.object() == null ? bookmark(event) : event.object().tree();
      ObjectNode line = JsonNodeFactory.instance.objectNode().put("type", type);
      line.set("object", transform(event, object));
      byte[] json = Codec.json(line);
      byte[] out = new byte[json.length + 1];
      System.arraycopy(json, 0, out, 0, json.length);
      out[json.length] = '\n';
      return out;
    }

    private ObjectNode transform(WatchEvent event, ObjectNode object) {
      return switch (ctx.output.representation()) {
        case PARTIAL_OBJECT_METADATA, PARTIAL_OBJECT_METADATA_LIST -> PartialObjectMetadata.of(object, ctx.output.version());
        case TABLE -> {
          if (event.type() == WatchEvent.Type.BOOKMARK) {
            yield object;
          }
          ObjectNode table = ctx.kind.table().table(List.of(object), new ListMeta(null, null, null), include,
              ctx.output.version(), firstTable, Map.of(), Instant.now());
          firstTable = false;
          yield table;
        }
        default -> object;
      };
    }

    private ObjectNode bookmark(WatchEvent event) {
      ObjectNode object = JsonNodeFactory.instance.objectNode().put("kind", ctx.kind.kind())
          .put("apiVersion", ctx.kind.declaration().apiVersion());
      ObjectNode metadata = object.putObject("metadata").put("resourceVersion", Long.toString(event.resourceVersion()));
      if (event.initialEventsEnd()) {
        metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
      }
      return object;
    }
  }
}
