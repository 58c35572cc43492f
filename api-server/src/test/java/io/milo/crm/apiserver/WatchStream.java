package io.milo.crm.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** WatchStream reads a watch response line by line, as client-go's stream decoder does. */
final class WatchStream implements AutoCloseable {
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile boolean ended;
  final HttpClientResponse response;

  private WatchStream(HttpClientResponse response) {
    this.response = response;
    response.handler(chunk -> {
      synchronized (partial) {
        partial.append(chunk.toString());
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
          lines.add(partial.substring(0, newline));
          partial.delete(0, newline + 1);
        }
      }
    });
    response.endHandler(v -> ended = true);
  }

  static WatchStream open(TestServer server, String path, Map<String, String> headers) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(server.port())
        .setURI(path).putHeader("Authorization", "Bearer " + server.auth.token());
    headers.forEach(options::putHeader);
    // Handlers are set in the response's own callback: data arriving before them would be lost.
    return TestServer.await(server.client.request(options).compose(r -> r.send()).map(WatchStream::new));
  }

  /** The next event, or fails after the timeout. */
  JsonNode next(long timeoutSeconds) throws Exception {
    String line = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("no watch event within " + timeoutSeconds + " s");
    }
    return TestServer.JSON.readTree(line);
  }

  /** The next event if one comes within the time, else null. */
  JsonNode poll(long millis) throws Exception {
    String line = lines.poll(millis, TimeUnit.MILLISECONDS);
    return line == null ? null : TestServer.JSON.readTree(line);
  }

  boolean ended() {
    return ended;
  }

  @Override
  public void close() {
    if (!ended) {
      response.request().reset();
    }
  }
}
