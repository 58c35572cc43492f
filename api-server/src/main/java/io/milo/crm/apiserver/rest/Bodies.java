package io.milo.crm.apiserver.rest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Bodies reads a request body up to the limit the kube-apiserver sets (3 MiB): a larger body, by its
 * Content-Length or as it arrives, is refused with 413 and not read further.
 */
final class Bodies {
  static final long LIMIT = 3L * 1024 * 1024;

  private Bodies() {}

  static Future<byte[]> read(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > LIMIT) {
          return Future.failedFuture(ApiError.tooLarge(LIMIT));
        }
      } catch (NumberFormatException e) {
        return Future.failedFuture(ApiError.badRequest("invalid Content-Length: " + length));
      }
    }
    Promise<byte[]> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return; // over the limit: the rest is read and dropped, so the connection stays usable
      }
      if (body.length() + chunk.length() > LIMIT) {
        promise.tryFail(ApiError.tooLarge(LIMIT));
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body.getBytes()));
    request.resume();
    return promise.future();
  }
}
