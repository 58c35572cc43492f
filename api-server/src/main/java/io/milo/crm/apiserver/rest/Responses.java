package io.milo.crm.apiserver.rest;

import io.milo.crm.apiserver.negotiation.Negotiated;
import io.milo.crm.storage.StorageException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses writes what handlers answer: bodies with their Content-Type and the request's warnings,
 * and every failure as a {@code metav1.Status} (errors are always JSON, as client-go reads them).
 * A failure that is not an {@link ApiError} is first mapped by {@link StorageErrors}; whatever is left
 * is a bug, logged and answered 500.
 */
public final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  static void write(RequestContext ctx, int code, Negotiated output, byte[] body) {
    HttpServerResponse response = ctx.request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    addWarnings(response, ctx.warnings);
    response.setStatusCode(code).putHeader("Content-Type", output.contentType()).end(Buffer.buffer(body));
  }

  static void addWarnings(HttpServerResponse response, List<String> warnings) {
    for (String warning : warnings) {
      if (!printable(warning)) {
        continue; // NewWarningHeader refuses control characters; the warning is dropped, not the response
      }
      response.headers().add("Warning", "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
  }

  private static boolean printable(String text) {
    return text.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
  }

  /** Writes the failure as a Status; kind gives storage errors their resource. */
  public static void error(HttpServerResponse response, ServedKind kind, Throwable failure) {
    if (response.ended() || response.closed()) {
      return;
    }
    ApiError error = toApiError(kind, failure);
    if (error.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", Integer.toString(error.retryAfterSeconds()));
    }
    response.setStatusCode(error.code()).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(Codec.json(error.status())));
  }

  static void error(RequestContext ctx, Throwable failure) {
    addWarnings(ctx.request.response(), ctx.warnings);
    error(ctx.request.response(), ctx.kind, failure);
  }

  static ApiError toApiError(ServedKind kind, Throwable failure) {
    if (failure instanceof ApiError error) {
      return error;
    }
    if (failure instanceof io.milo.crm.admission.AdmissionException refused) {
      return AdmissionErrors.toApiError(refused);
    }
    if (failure instanceof StorageException storage) {
      return StorageErrors.toApiError(kind, storage);
    }
    if (failure instanceof io.milo.crm.storage.selector.SelectorParseException parse) {
      return ApiError.badRequest(parse.getMessage());
    }
    LOG.error("request failed with an unexpected error (a bug)", failure);
    return ApiError.internal(String.valueOf(failure.getMessage()));
  }
}
