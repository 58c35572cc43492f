package io.milo.crm.sync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulator is the shared part of the local provider simulators: an HTTP server on a random port that
 * checks the bearer key, counts requests, and injects faults (the next N calls answer 429 with
 * Retry-After or a 5xx, every call waits a latency) before the provider's own handler runs.
 */
public abstract class Simulator implements AutoCloseable {
  protected static final ObjectMapper JSON = new ObjectMapper();

  /** What the handler answers. */
  protected record Reply(int status, Object body) {}

  private final Vertx vertx;
  private final String apiKey;
  private HttpServer server;
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile int failStatus = 500;
  private volatile int retryAfterSeconds = 1;
  private volatile long latencyMillis;
  public final AtomicInteger requests = new AtomicInteger();
  public final AtomicInteger rejected = new AtomicInteger();

  protected Simulator(Vertx vertx, String apiKey) {
    this.vertx = vertx;
    this.apiKey = apiKey;
  }

  /** Starts listening on a random local port. */
  public Simulator start() throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle);
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return this;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** The next {@code count} calls answer {@code status} (429 carries Retry-After: retryAfterSeconds). */
  public void failNext(int count, int status, int retryAfterSeconds) {
    this.failStatus = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.failNext.set(count);
  }

  /** Ends an injected outage. */
  public void recover() {
    failNext.set(0);
  }

  public void latency(long millis) {
    this.latencyMillis = millis;
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(buffer -> {
      requests.incrementAndGet();
      Runnable answer = () -> {
        if (!("Bearer " + apiKey).equals(request.getHeader("Authorization"))) {
          rejected.incrementAndGet();
          send(request, new Reply(401, error(401, "missing_api_key", "Missing API key")));
          return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          rejected.incrementAndGet();
          if (failStatus == 429) {
            request.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds));
          }
          send(request, new Reply(failStatus, error(failStatus, "injected", "injected fault")));
          return;
        }
        JsonNode body;
        try {
          body = buffer.length() == 0 ? NullNode.getInstance() : JSON.readTree(buffer.getBytes());
        } catch (Exception e) {
          send(request, new Reply(400, error(400, "invalid_json", "body is not JSON")));
          return;
        }
        Reply reply;
        synchronized (this) {
          reply = route(request.method().name(), request.path(), body);
        }
        send(request, reply);
      };
      if (latencyMillis > 0) {
        vertx.setTimer(latencyMillis, id -> answer.run());
      } else {
        answer.run();
      }
    });
  }

  /** The provider's behaviour: method, path (undecoded) and JSON body in, reply out. Called under a lock. */
  protected abstract Reply route(String method, String path, JsonNode body);

  protected abstract Object error(int status, String name, String message);

  private static void send(HttpServerRequest request, Reply reply) {
    try {
      request.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json")
          .end(reply.body() == null ? "" : JSON.writeValueAsString(reply.body()));
    } catch (Exception e) {
      request.response().setStatusCode(500).end();
    }
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
