package io.milo.crm.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.apiserver.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Api is a test's view of the running server for the admission rules: requests with JSON trees,
 * the accepted-case shortcuts (create, read) that fail loudly, and the refusal checks the
 * resources contract promises (422 Invalid with a field cause, 409 Conflict).
 */
public final class Api {
  public final TestServer server;

  public Api(TestServer server) {
    this.server = server;
  }

  public TestServer.Response post(String collection, JsonNode body) throws Exception {
    return server.post(collection, body.toString());
  }

  public TestServer.Response put(String collection, JsonNode body) throws Exception {
    return server.put(collection + "/" + body.path("metadata").path("name").asText(), body.toString());
  }

  public TestServer.Response mergePatch(String objectPath, String patch) throws Exception {
    return server.patch(objectPath, "application/merge-patch+json", patch);
  }

  public TestServer.Response delete(String objectPath) throws Exception {
    return server.delete(objectPath, null);
  }

  /** Creates the object, which must be accepted; answers the stored object. */
  public JsonNode create(String collection, JsonNode body) throws Exception {
    TestServer.Response response = post(collection, body);
    assertThat(response.status()).as("create %s: %s", body.path("metadata").path("name").asText(), response.body())
        .isEqualTo(201);
    return response.json();
  }

  /** Reads the object, which must exist. */
  public JsonNode read(String objectPath) throws Exception {
    TestServer.Response response = server.get(objectPath);
    assertThat(response.status()).as("GET %s: %s", objectPath, response.body()).isEqualTo(200);
    return response.json();
  }

  public int status(String objectPath) throws Exception {
    return server.get(objectPath).status();
  }

  /** The names of the items a list answers (a field selector is URL-encoded here). */
  public List<JsonNode> list(String collection, String fieldSelector) throws Exception {
    String path = fieldSelector == null ? collection
        : collection + "?fieldSelector=" + URLEncoder.encode(fieldSelector, StandardCharsets.UTF_8);
    TestServer.Response response = server.get(path);
    assertThat(response.status()).as("list %s: %s", path, response.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    response.json().path("items").forEach(items::add);
    return items;
  }

  /**
   * Checks a 422 Invalid refusal carrying a cause of the given reason whose field starts with
   * fieldPrefix (a reference may be reported at the ref or at its name); answers that cause.
   */
  public static JsonNode assertInvalid(TestServer.Response response, String causeReason, String fieldPrefix) {
    assertThat(response.status()).as(response.body()).isEqualTo(422);
    JsonNode status = response.json();
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("reason").asText()).isEqualTo("Invalid");
    assertThat(status.path("code").asInt()).isEqualTo(422);
    for (JsonNode cause : status.path("details").path("causes")) {
      if (cause.path("reason").asText().equals(causeReason) && cause.path("field").asText().startsWith(fieldPrefix)) {
        assertThat(status.path("message").asText()).contains(cause.path("field").asText());
        return cause;
      }
    }
    throw new AssertionError("no " + causeReason + " cause at " + fieldPrefix + "*: " + response.body());
  }

  /**
   * Checks the refusal of a change to an immutable field: FieldValueInvalid "field is immutable" at
   * field (or below it, e.g. spec.creatorRef.name for spec.creatorRef).
   */
  public static void assertImmutable(TestServer.Response response, String field) {
    JsonNode cause = assertInvalid(response, "FieldValueInvalid", field);
    assertThat(cause.path("message").asText()).contains("field is immutable");
  }

  /** Checks a 422 Invalid refusal with some cause at or below fieldPrefix, whatever its reason; answers it. */
  public static JsonNode assertInvalidAt(TestServer.Response response, String fieldPrefix) {
    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.json().path("reason").asText()).isEqualTo("Invalid");
    for (JsonNode cause : response.json().path("details").path("causes")) {
      if (cause.path("field").asText().startsWith(fieldPrefix)) {
        return cause;
      }
    }
    throw new AssertionError("no cause at " + fieldPrefix + "*: " + response.body());
  }

  /** Checks a 409 Conflict Status; answers its message. */
  public static String assertConflict(TestServer.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(409);
    JsonNode status = response.json();
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("Conflict");
    return status.path("message").asText();
  }

  /**
   * The events a watch from resourceVersion delivers within the given seconds (the server ends the
   * watch then, so the whole body is read at once).
   */
  public List<JsonNode> watch(String collection, String resourceVersion, int seconds) throws Exception {
    TestServer.Response response = server.get(collection + "?watch=true&allowWatchBookmarks=false&resourceVersion="
        + resourceVersion + "&timeoutSeconds=" + seconds);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (!line.isBlank()) {
        events.add(TestServer.JSON.readTree(line));
      }
    }
    return events;
  }

  /** The Warning headers of a response. */
  public static List<String> warnings(TestServer.Response response) {
    return response.headers().getAll("Warning");
  }
}
