package io.milo.crm.sync.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulator is the shared part of the local provider simulators: an HTTP server on a random port that
 * checks the bearer key, counts requests, and injects faults (the next N calls answer 429 with
 * Retry-After or a 5xx, calls matching a test's refusal answer its status, every call waits a latency)
 * before the provider's own handler runs, and keeps an ordered, timestamped log of the calls answered.
 */
public abstract class Simulator implements AutoCloseable {
  protected static final ObjectMapper JSON = new ObjectMapper();

  /** What the handler answers. */
  protected record Reply(int status, Object body) {}

  /**
   * One call as the simulator saw it, in the order answered: when it arrived and when it was answered
   * ({@link System#nanoTime()}), method, path, body text and the status it got.
   */
  public record Call(long arrivedNanos, long answeredNanos, String method, String path, String body, int status) {}

  /** A standing refusal: calls with this method whose path or body contains {@code needle} get {@code status}. */
  private record Refusal(String method, String needle, int status) {}

  /** Calls with this method whose path or body contains needle are done, but answered 500 ({@code left} more times). */
  private record LostAnswer(String method, String needle, AtomicInteger left) {}

  private final Vertx vertx;
  private final String apiKey;
  private HttpServer server;
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile int failStatus = 500;
  private volatile int retryAfterSeconds = 1;
  private volatile long latencyMillis;
  public final AtomicInteger requests = new AtomicInteger();
  public final AtomicInteger rejected = new AtomicInteger();
  private final List<Call> calls = new ArrayList<>();
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private final List<LostAnswer> lostAnswers = new CopyOnWriteArrayList<>();
  /** Until when ({@link System#nanoTime()}) every call answers outageStatus. */
  private volatile long outageUntil = System.nanoTime();
  private volatile int outageStatus = 503;
  private volatile int outageRetryAfter = 1;

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

  /**
   * An outage in time: for {@code length}, every call (whoever makes it) answers {@code status}; a 429
   * carries {@code Retry-After: retryAfterSeconds}. Unlike {@link #failNext} it does not depend on how
   * many calls other work makes meanwhile.
   */
  public void outage(java.time.Duration length, int status, int retryAfterSeconds) {
    this.outageStatus = status;
    this.outageRetryAfter = retryAfterSeconds;
    this.outageUntil = System.nanoTime() + length.toNanos();
  }

  /** When the current outage ends ({@link System#nanoTime()}). */
  public long outageEnd() {
    return outageUntil;
  }

  /**
   * The next {@code count} calls with method whose path or body contains needle are carried out, but
   * their answer is lost (500): what a timeout after the provider committed looks like. A client that is
   * not idempotent makes a second object.
   */
  public void loseAnswers(String method, String needle, int count) {
    lostAnswers.add(new LostAnswer(method, needle, new AtomicInteger(count)));
  }

  /** From now on, calls with method whose path or body contains needle answer status (until {@link #recover}). */
  public void refuse(String method, String needle, int status) {
    refusals.add(new Refusal(method, needle, status));
  }

  /** The calls answered so far, oldest first. */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Ends an injected outage and every standing refusal. */
  public void recover() {
    failNext.set(0);
    refusals.clear();
    lostAnswers.clear();
    outageUntil = System.nanoTime();
  }

  public void latency(long millis) {
    this.latencyMillis = millis;
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(buffer -> {
      requests.incrementAndGet();
      long arrived = System.nanoTime();
      String text = buffer.toString(StandardCharsets.UTF_8);
      Consumer<Reply> send = reply -> {
        synchronized (calls) {
          calls.add(new Call(arrived, System.nanoTime(), request.method().name(), request.path(), text, reply.status()));
        }
        send(request, reply);
      };
      Runnable answer = () -> {
        if (!("Bearer " + apiKey).equals(request.getHeader("Authorization"))) {
          rejected.incrementAndGet();
          send.accept(new Reply(401, error(401, "missing_api_key", "Missing API key")));
          return;
        }
        if (outageUntil - System.nanoTime() > 0) {
          int status = outageStatus;
          rejected.incrementAndGet();
          if (status == 429) {
            request.response().putHeader("Retry-After", Integer.toString(outageRetryAfter));
          }
          send.accept(new Reply(status, error(status, "outage", "injected outage")));
          return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          rejected.incrementAndGet();
          if (failStatus == 429) {
            request.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds));
          }
          send.accept(new Reply(failStatus, error(failStatus, "injected", "injected fault")));
          return;
        }
        for (Refusal r : refusals) {
          if (r.method().equals(request.method().name())
              && (URLDecoder.decode(request.path(), StandardCharsets.UTF_8).contains(r.needle())
              || text.contains(r.needle()))) {
            rejected.incrementAndGet();
            send.accept(new Reply(r.status(), error(r.status(), "refused", "refused by the test")));
            return;
          }
        }
        JsonNode body;
        try {
          body = buffer.length() == 0 ? NullNode.getInstance() : JSON.readTree(buffer.getBytes());
        } catch (Exception e) {
          send.accept(new Reply(400, error(400, "invalid_json", "body is not JSON")));
          return;
        }
        Reply reply;
        synchronized (this) {
          reply = route(request.method().name(), request.path(), body);
        }
        for (LostAnswer lost : lostAnswers) {
          if (lost.method().equals(request.method().name())
              && (URLDecoder.decode(request.path(), StandardCharsets.UTF_8).contains(lost.needle())
              || text.contains(lost.needle()))
              && lost.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send.accept(new Reply(500, error(500, "lost", "done, but the answer was lost")));
            return;
          }
        }
        send.accept(reply);
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
