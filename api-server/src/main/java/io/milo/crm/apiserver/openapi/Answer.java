package io.milo.crm.apiserver.openapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Answer is a complete HTTP answer to an OpenAPI request, free of any HTTP library so the document
 * logic is tested on its own and the HTTP layer only copies it onto the wire.
 *
 * @param status the HTTP status: 200, 301, 304 or 406
 * @param headers the response headers, in the order to send them (read-only)
 * @param body the response body, empty for 301, 304 and 406; shared between answers, so callers
 *     must not modify it
 */
public record Answer(int status, Map<String, String> headers, byte[] body) {
  private static final byte[] EMPTY = new byte[0];

  public Answer {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    body = body == null ? EMPTY : body;
  }

  /** An answer without body. */
  static Answer empty(int status, Map<String, String> headers) {
    return new Answer(status, headers, EMPTY);
  }
}
