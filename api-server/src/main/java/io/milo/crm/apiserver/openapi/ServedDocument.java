package io.milo.crm.apiserver.openapi;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ServedDocument is one document as served: its bytes (JSON or protobuf), built once, with entity tag and
 * modification time. {@link #answer} answers a GET for it the way Go's {@code http.ServeContent}
 * does behind kube-openapi's handlers: 304 without body, Content-Type and Last-Modified when
 * If-None-Match matches, else 200 with the bytes.
 *
 * @param body the document's bytes (shared; never modified)
 * @param etag the entity tag, unquoted
 * @param lastModified when the document was built
 */
record ServedDocument(byte[] body, String etag, Instant lastModified) {
  static final String CONTENT_TYPE = "Content-Type";
  static final String JSON = "application/json";
  /** HTTP dates as Go's http.TimeFormat writes them. */
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  static ServedDocument of(byte[] body, Instant builtAt) {
    return new ServedDocument(body, EntityTags.of(body), builtAt);
  }

  /**
   * The answer to a GET with {@code ifNoneMatch}; {@code headers} are the handler's own (Vary,
   * Content-Type, cache headers) and come first, ETag and Last-Modified are added here.
   */
  Answer answer(String ifNoneMatch, Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>(headers);
    out.put("ETag", EntityTags.quoted(etag));
    if (EntityTags.noneMatchHits(ifNoneMatch, etag)) {
      out.remove(CONTENT_TYPE);
      return Answer.empty(304, out);
    }
    out.put("Last-Modified", HTTP_DATE.format(lastModified));
    return new Answer(200, out, body);
  }
}
