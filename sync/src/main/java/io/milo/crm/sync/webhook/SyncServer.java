package io.milo.crm.sync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.sync.metrics.SyncMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SyncServer is the sync process's own HTTPS endpoint: {@code POST /webhooks/resend} (Svix headers),
 * {@code POST /webhooks/loops} (Standard Webhooks headers), {@code GET /metrics} (Prometheus text) and
 * {@code GET /healthz}. A delivery is verified before anything is read from it; an unverifiable one
 * gets 401, and nothing changes. A body over 1 MiB is refused with 413 before it is read whole, one
 * that cannot be read with 400. A verified redelivery of an event already answered 2xx (same
 * {@code svix-id}/{@code webhook-id}, see {@link RecentDeliveries}) gets 200 and changes nothing; a 503
 * carries {@code Retry-After}.
 */
public final class SyncServer {
  private static final Logger LOG = LoggerFactory.getLogger(SyncServer.class);
  /** The largest webhook body read (provider events are a few KiB); a larger one gets 413 unread. */
  static final int MAX_BODY = 1024 * 1024;
  /** The Retry-After of a 503 (the work cannot be done yet, or failed): the provider redelivers. */
  static final long RETRY_AFTER_SECONDS = 5;

  private final Vertx vertx;
  private final WebhookSignature resend;
  private final WebhookSignature loops;
  private final WebhookEvents events;
  private final SyncMetrics metrics;
  private final RecentDeliveries recent;
  private final java.util.function.BooleanSupplier ready;
  private HttpServer server;

  /**
   * resend or loops null: that provider's webhooks are refused (404). {@code ready}: whether the informer
   * caches have synced; until then {@code /readyz} answers 503.
   */
  public SyncServer(Vertx vertx, WebhookSignature resend, WebhookSignature loops, WebhookEvents events,
      SyncMetrics metrics, RecentDeliveries recent, java.util.function.BooleanSupplier ready) {
    this.ready = ready;
    this.vertx = vertx;
    this.resend = resend;
    this.loops = loops;
    this.events = events;
    this.metrics = metrics;
    this.recent = recent;
  }

  public Future<Integer> start(String host, int port, KeyCertOptions keyCert) {
    server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(keyCert))
        .requestHandler(this::handle);
    return server.listen(port, host).map(HttpServer::actualPort);
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (request.method() == HttpMethod.GET && path.equals("/metrics")) {
      request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    } else if (request.method() == HttpMethod.GET && path.equals("/healthz")) {
      request.response().end("ok");
    } else if (request.method() == HttpMethod.GET && path.equals("/readyz")) {
      if (ready.getAsBoolean()) {
        request.response().end("ok");
      } else {
        request.response().setStatusCode(503).putHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS))
            .end("the informer caches have not synced yet");
      }
    } else if (request.method() == HttpMethod.POST && path.equals("/webhooks/resend") && resend != null) {
      webhook(request, "resend", resend, "svix-", events::resend);
    } else if (request.method() == HttpMethod.POST && path.equals("/webhooks/loops") && loops != null) {
      webhook(request, "loops", loops, "webhook-", events::loops);
    } else {
      request.response().setStatusCode(404).end("not found");
    }
  }

  private void webhook(HttpServerRequest request, String provider, WebhookSignature signature, String prefix,
      Function<JsonNode, WebhookEvents.Answer> apply) {
    String length = request.getHeader("Content-Length");
    if (length != null && tooLong(length)) {
      request.response().setStatusCode(413).putHeader("Connection", "close")
          .end("request body is larger than " + MAX_BODY + " bytes");
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] answered = {false};
    request.handler(chunk -> {
      if (answered[0]) {
        return;
      }
      if (body.length() + chunk.length() > MAX_BODY) {
        answered[0] = true;
        request.response().setStatusCode(413).putHeader("Connection", "close")
            .end("request body is larger than " + MAX_BODY + " bytes");
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> {
      if (!answered[0]) {
        answered[0] = true;
        LOG.info("webhook {}: reading the body failed: {}", request.path(), e.toString());
        request.response().setStatusCode(400).end("the request body could not be read");
      }
    });
    request.endHandler(v -> {
      if (!answered[0]) {
        answered[0] = true;
        deliver(request, provider, signature, prefix, apply, body);
      }
    });
  }

  private static boolean tooLong(String contentLength) {
    try {
      return Long.parseLong(contentLength.trim()) > MAX_BODY;
    } catch (NumberFormatException e) {
      return false; // the server's codec refuses a malformed length itself
    }
  }

  private void deliver(HttpServerRequest request, String provider, WebhookSignature signature, String prefix,
      Function<JsonNode, WebhookEvents.Answer> apply, Buffer body) {
    String id = request.getHeader(prefix + "id");
    try {
      signature.verify(id, request.getHeader(prefix + "timestamp"), request.getHeader(prefix + "signature"),
          body.getBytes(), Instant.now());
    } catch (WebhookSignature.Invalid e) {
      LOG.info("webhook {} refused: {}", request.path(), e.getMessage());
      request.response().setStatusCode(401).end(e.getMessage());
      return;
    }
    if (recent.seen(provider, id, Instant.now())) {
      // A redelivery of an event already acted on: done, whatever has changed since.
      metrics.webhookDuplicate(provider);
      request.response().setStatusCode(200).end("already processed");
      return;
    }
    JsonNode event;
    try {
      event = WebhookEvents.JSON.readTree(body.getBytes());
    } catch (Exception e) {
      request.response().setStatusCode(400).end("body is not JSON");
      return;
    }
    vertx.executeBlocking(() -> apply.apply(event), false).onComplete(ar -> {
      WebhookEvents.Answer answer = ar.succeeded() ? ar.result() : new WebhookEvents.Answer(503, "try again");
      if (ar.failed()) {
        LOG.warn("webhook {} failed: {}", request.path(), ar.cause().toString());
      }
      if (answer.status() / 100 == 2) {
        recent.remember(provider, id, Instant.now());
      }
      if (answer.status() == 503) {
        request.response().putHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
      }
      request.response().setStatusCode(answer.status()).end(answer.message());
    });
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
