package io.milo.crm.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.admission.UserInfo;
import io.milo.crm.apiserver.kinds.Kinds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The activity log's lines: one audit-shaped JSON event per mutation, with the person or company it concerns. */
class ActivityLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RequestContext context(String plural, String name) {
    ServedKind kind = ServedKind.of(Kinds.byResource("crm.milo.io", plural).orElseThrow());
    return new RequestContext(null, kind, new ResourcePath("crm.milo.io", "v1alpha1", "", plural, name, ""),
        new UserInfo("ada@example.com", "", List.of("staff", "system:authenticated"), Map.of()));
  }

  private static List<JsonNode> lines(ByteArrayOutputStream out, int count) throws Exception {
    Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> out.toString(StandardCharsets.UTF_8).lines().count() >= count);
    return out.toString(StandardCharsets.UTF_8).lines().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not one JSON object per line: " + line, e);
      }
    }).toList();
  }

  @Test
  void eachMutationIsOneAuditEventNamingItsPersonOrCompany() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ActivityLog log = new ActivityLog(new PrintStream(out, true, StandardCharsets.UTF_8));
    log.record(context("people", "john-doe-acme"), "create", 201,
        JSON.readTree("{\"metadata\":{\"name\":\"john-doe-acme\",\"uid\":\"u-1\"}}"));
    log.record(context("notes", "n1"), "delete", 200,
        JSON.readTree("{\"metadata\":{\"name\":\"n1\"},\"spec\":{\"subjectRef\":{\"kind\":\"Company\",\"name\":\"acme\"}}}"));

    List<JsonNode> events = lines(out, 2);
    JsonNode created = events.get(0);
    assertThat(created.path("apiVersion").asText()).isEqualTo("audit.k8s.io/v1");
    assertThat(created.path("kind").asText()).isEqualTo("Event");
    assertThat(created.path("verb").asText()).isEqualTo("create");
    assertThat(created.path("user").path("username").asText()).isEqualTo("ada@example.com");
    assertThat(created.path("objectRef").path("resource").asText()).isEqualTo("people");
    assertThat(created.path("objectRef").path("uid").asText()).isEqualTo("u-1");
    assertThat(created.path("responseStatus").path("code").asInt()).isEqualTo(201);
    assertThat(created.path("person").asText()).isEqualTo("john-doe-acme");
    JsonNode deleted = events.get(1);
    assertThat(deleted.path("company").asText()).isEqualTo("acme");
    assertThat(deleted.has("person")).isFalse();
  }
}
