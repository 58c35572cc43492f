package io.milo.crm.sync.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.milo.crm.sync.metrics.SyncMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * ProviderHttp is the one door to a provider's HTTP API: it adds the bearer key, waits for the
 * provider's rate limit, bounds the calls in flight, decodes JSON and counts every call in the
 * metrics. It never logs the key. A 429 pauses the whole provider for its {@code Retry-After}.
 *
 * <p>Order of a call: a slot among the calls in flight, then a token of the rate limit, then a wait until
 * the token's time, then, at send time, a check of the provider's pause: a call whose token was handed
 * out before a 429 arrived (waiting for its time, or for a slot) reserves again behind the pause instead
 * of going out during it. Taking the token after the slot keeps the calls as spaced as the tokens (a
 * call that waited for a slot does not go out right behind one that waited for its token).
 */
public final class ProviderHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status, Retry-After (null when absent) and the JSON body (NullNode when empty). */
  public record Response(int status, Duration retryAfter, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final Vertx vertx;
  private final Provider provider;
  private final HttpClient client;
  private final URI base;
  private final String authorization;
  private final TokenBucket bucket;
  private final int maxInFlight;
  private final long timeoutMillis;
  private final SyncMetrics metrics;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;

  public ProviderHttp(Vertx vertx, Provider provider, URI base, String apiKey, ProviderLimits limits, SyncMetrics metrics) {
    this.vertx = vertx;
    this.provider = provider;
    this.base = base;
    this.authorization = "Bearer " + apiKey;
    this.bucket = new TokenBucket(limits.ratePerSecond(), limits.burst(), System.nanoTime());
    this.maxInFlight = limits.maxInFlight();
    this.timeoutMillis = limits.timeout().toMillis();
    this.metrics = metrics;
    this.client = vertx.createHttpClient(new HttpClientOptions().setSsl("https".equals(base.getScheme()))
        .setTrustAll(limits.trustAll()).setVerifyHost(!limits.trustAll()));
  }

  /** Sends one call; a path is relative to the base URI; body null sends none. */
  public CompletionStage<Response> call(String operation, HttpMethod method, String path, Object body) {
    Promise<Response> done = Promise.promise();
    admit(() -> whenAllowed(() -> send(operation, method, path, body).onComplete(ar -> {
      release();
      done.handle(ar);
    })));
    return done.future().toCompletionStage();
  }

  /** Runs call at the time of a token of the rate limit, and not during a provider's pause. */
  private void whenAllowed(Runnable call) {
    schedule(bucket.reserve(System.nanoTime()), () -> {
      if (bucket.pausedFor(System.nanoTime()) > 0) {
        whenAllowed(call); // a 429 arrived after this token was handed out: wait behind the pause
      } else {
        call.run();
      }
    });
  }

  private void schedule(long waitNanos, Runnable task) {
    long millis = TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999);
    if (millis > 0) {
      vertx.setTimer(millis, id -> task.run());
    } else {
      vertx.runOnContext(v -> task.run());
    }
  }

  private synchronized void admit(Runnable call) {
    if (inFlight < maxInFlight) {
      inFlight++;
      vertx.runOnContext(v -> call.run());
    } else {
      waiting.add(call);
    }
  }

  private synchronized void release() {
    Runnable next = waiting.poll();
    if (next != null) {
      vertx.runOnContext(v -> next.run());
    } else {
      inFlight--;
    }
  }

  private Future<Response> send(String operation, HttpMethod method, String path, Object body) {
    Buffer payload;
    try {
      payload = body == null ? null : Buffer.buffer(JSON.writeValueAsBytes(body));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    RequestOptions options = new RequestOptions().setMethod(method)
        .setAbsoluteURI(base.toString().replaceAll("/$", "") + path)
        .putHeader("Authorization", authorization).putHeader("Accept", "application/json")
        .setIdleTimeout(timeoutMillis).setConnectTimeout(timeoutMillis);
    if (payload != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return client.request(options)
        .compose(req -> payload == null ? req.send() : req.send(payload))
        .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), retryAfter(resp.getHeader("Retry-After")),
            parse(b))))
        .andThen(ar -> {
          String status = ar.succeeded() ? Integer.toString(ar.result().status()) : "error";
          metrics.providerCall(provider.displayName(), operation, status);
          if (ar.succeeded() && ar.result().status() == 429) {
            Duration pause = ar.result().retryAfter() != null ? ar.result().retryAfter() : Duration.ofSeconds(1);
            bucket.pauseUntil(System.nanoTime() + pause.toNanos());
          }
        })
        .recover(e -> Future.failedFuture(new ProviderException(provider, operation, 0, null, e.getMessage())));
  }

  /** The failure for an answer that is not a success. */
  public ProviderException failure(String operation, Response response) {
    String message = response.body().path("message").asText("");
    return new ProviderException(provider, operation, response.status(), response.retryAfter(), message);
  }

  private static JsonNode parse(Buffer b) {
    if (b == null || b.length() == 0) {
      return NullNode.getInstance();
    }
    try {
      return JSON.readTree(b.getBytes());
    } catch (Exception e) {
      return NullNode.getInstance();
    }
  }

  static Duration retryAfter(String header) {
    return retryAfter(header, java.time.Instant.now());
  }

  /**
   * Retry-After as delta-seconds or as an HTTP-date (RFC 9110's IMF-fixdate, e.g.
   * {@code Wed, 21 Oct 2026 07:28:00 GMT}), relative to now; a date in the past is no wait (zero), any
   * other value (the obsolete date forms included) one second.
   */
  static Duration retryAfter(String header, java.time.Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value) * 1000)));
    } catch (NumberFormatException e) {
      // not delta-seconds: an HTTP-date?
    }
    try {
      java.time.Instant at = java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (java.time.format.DateTimeParseException e) {
      return Duration.ofSeconds(1);
    }
  }

  public Future<Void> close() {
    return client.close();
  }
}
