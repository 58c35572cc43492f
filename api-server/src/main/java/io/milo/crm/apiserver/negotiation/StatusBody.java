package io.milo.crm.apiserver.negotiation;

import io.milo.crm.apiserver.GoJson;
import java.nio.charset.StandardCharsets;

/**
 * StatusBody writes a failure {@code metav1.Status} the way {@code responsewriters.WriteRawJSON}
 * (k8s.io/apiserver pkg/endpoints/handlers/responsewriters/writers.go) does when no Accept clause allows a
 * Status: Go's {@code json.MarshalIndent} with two spaces, no trailing newline, Content-Type
 * {@code application/json}. The 406 answers of discovery and of resources usually take this path.
 */
public final class StatusBody {
  private StatusBody() {}

  /** The indented Status for a failure. */
  public static byte[] indented(int code, String reason, String message) {
    String json = "{\n"
        + "  \"kind\": \"Status\",\n"
        + "  \"apiVersion\": \"v1\",\n"
        + "  \"metadata\": {},\n"
        + "  \"status\": \"Failure\",\n"
        + "  \"message\": " + GoJson.quote(message) + ",\n"
        + "  \"reason\": " + GoJson.quote(reason) + ",\n"
        + "  \"code\": " + code + "\n"
        + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The indented Status of a negotiation failure. */
  public static byte[] indented(NegotiationException failure) {
    return indented(failure.code(), failure.reason(), failure.getMessage());
  }

}
