package io.milo.crm.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.apiserver.kinds.Kinds;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP answers, as kube-openapi's handler (v2) and handler3 (v3) give them behind the
 * kube-apiserver's filters: entity tags, 304, the v3 hash redirect and immutable caching, content
 * negotiation and the default {@code Cache-Control: no-cache, private}.
 */
class OpenApiAnswersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final OpenApiDocuments DOCUMENTS =
      OpenApiDocuments.build(Kinds.all(), OpenApiDocuments.SERVED_PATCH_TYPES, Clock.fixed(NOW, ZoneOffset.UTC));
  private static final String CRM = "apis/crm.milo.io/v1alpha1";

  @Test
  void v2IsJsonWithAQuotedSha512EntityTagAndNoCache() throws Exception {
    Answer answer = DOCUMENTS.v2("application/json", null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).containsEntry("Content-Type", "application/json")
        .containsEntry("Vary", "Accept")
        .containsEntry("Cache-Control", "no-cache, private")
        .containsEntry("ETag", "\"" + sha512(answer.body()) + "\"")
        .containsEntry("Last-Modified", "Wed, 04 Mar 2026 05:06:07 GMT");
    assertThat(JSON.readTree(answer.body()).path("swagger").asText()).isEqualTo("2.0");
  }

  /** Table: If-None-Match headers and whether they match the current tag (Go's checkIfNoneMatch). */
  static Stream<Arguments> ifNoneMatch() {
    String tag = "\"" + sha512(DOCUMENTS.v2(null, null).body()) + "\"";
    return Stream.of(
        Arguments.of(tag, 304),
        Arguments.of("W/" + tag, 304),
        Arguments.of("\"other\", " + tag, 304),
        Arguments.of("*", 304),
        Arguments.of("\"other\"", 200),
        Arguments.of(tag.replace("\"", ""), 200), // unquoted: malformed, never matches
        Arguments.of("", 200),
        Arguments.of(null, 200));
  }

  @ParameterizedTest(name = "If-None-Match {0} -> {1}")
  @MethodSource("ifNoneMatch")
  void v2AnswersNotModifiedWhenTheTagMatches(String header, int status) {
    Answer answer = DOCUMENTS.v2(null, header);
    assertThat(answer.status()).isEqualTo(status);
    if (status == 304) {
      assertThat(answer.body()).isEmpty();
      assertThat(answer.headers()).doesNotContainKeys("Content-Type", "Last-Modified")
          .containsKeys("ETag", "Vary", "Cache-Control");
    } else {
      assertThat(answer.body()).isNotEmpty();
    }
  }

  private static final String PB = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
  private static final String PB_DEPRECATED = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

  /**
   * Table: Accept headers and what /openapi/v2 and a v3 document answer with (a Content-Type, or null
   * for 406), as kube-openapi's handlers pick: the clauses in goautoneg order, the first that matches
   * an offered form wins (v2 offers JSON and both protobuf spellings, v3 here only JSON); q only orders.
   */
  static Stream<Arguments> accepts() {
    return Stream.of(
        Arguments.of(null, "application/json", "application/json"),
        Arguments.of("", "application/json", "application/json"),
        Arguments.of("*/*", "application/json", "application/json"),
        Arguments.of("application/*", "application/json", "application/json"),
        Arguments.of("application/json, */*", "application/json", "application/json"),
        Arguments.of(PB_DEPRECATED, PB, null), // kubectl 1.27, client-go OpenAPISchema
        Arguments.of(PB, PB, null),
        Arguments.of(PB_DEPRECATED + ", application/json;q=0.5", PB, "application/json"),
        Arguments.of("application/json;q=0.5, " + PB, PB, "application/json"),
        Arguments.of("*/*;q=0.8, " + PB_DEPRECATED + ";q=0.9", PB, "application/json"),
        Arguments.of("application/json, " + PB, "application/json", "application/json"),
        Arguments.of("application/json;q=0", "application/json", "application/json"),
        Arguments.of("Application/JSON", null, null), // goautoneg compares verbatim
        Arguments.of("text/html", null, null));
  }

  @ParameterizedTest(name = "Accept {0} -> v2 {1}, v3 {2}")
  @MethodSource("accepts")
  void contentNegotiation(String accept, String v2Type, String v3Type) {
    assertNegotiated(DOCUMENTS.v2(accept, null), v2Type);
    assertNegotiated(DOCUMENTS.v3(CRM, null, accept, null).orElseThrow(), v3Type);
  }

  private static void assertNegotiated(Answer answer, String contentType) {
    assertThat(answer.headers()).containsEntry("Vary", "Accept");
    if (contentType == null) {
      assertThat(answer.status()).isEqualTo(406);
      assertThat(answer.body()).isEmpty();
      assertThat(answer.headers()).doesNotContainKey("Content-Type");
    } else {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers()).containsEntry("Content-Type", contentType);
      assertThat(answer.body()).isNotEmpty();
    }
  }

  @Test
  void v2AsProtobufIsTheGnosticDocumentWithTheEntityTagOfTheJson() throws IOException {
    Answer json = DOCUMENTS.v2("application/json", null);
    Answer protobuf = DOCUMENTS.v2(PB_DEPRECATED, null);
    assertThat(protobuf.status()).isEqualTo(200);
    assertThat(protobuf.headers()).containsEntry("Content-Type", PB)
        .containsEntry("Cache-Control", "no-cache, private")
        .containsEntry("ETag", json.headers().get("ETag"))
        .containsEntry("Last-Modified", "Wed, 04 Mar 2026 05:06:07 GMT");
    assertThat(protobuf.body()).isEqualTo(GnosticV2Encoder.encode(JSON.readTree(json.body())));
    assertThat(DecodedMessage.parse(protobuf.body()).string(1)).isEqualTo("2.0");

    Answer notModified = DOCUMENTS.v2(PB_DEPRECATED, json.headers().get("ETag"));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers()).doesNotContainKeys("Content-Type", "Last-Modified");
  }

  @Test
  void theV3RootPointsToEachGroupVersionWithTheHashOfItsCurrentDocument() throws IOException {
    Answer root = DOCUMENTS.v3Root(null);
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.headers()).containsEntry("Content-Type", "application/json")
        .containsEntry("Cache-Control", "no-cache, private")
        .containsEntry("ETag", "\"" + sha512(root.body()) + "\"");
    JsonNode paths = JSON.readTree(root.body()).path("paths");
    assertThat(paths.size()).isEqualTo(DOCUMENTS.v3GroupVersions().size());
    for (String groupVersion : DOCUMENTS.v3GroupVersions()) {
      byte[] document = DOCUMENTS.v3(groupVersion, null, null, null).orElseThrow().body();
      assertThat(paths.path(groupVersion).path("serverRelativeURL").asText())
          .isEqualTo("/openapi/v3/" + groupVersion + "?hash=" + sha512(document));
    }
    assertThat(DOCUMENTS.v3Root(root.headers().get("ETag")).status()).isEqualTo(304);
  }

  @Test
  void theRightHashIsCachedImmutablyForAYear() {
    String hash = currentHash(CRM);
    Answer answer = DOCUMENTS.v3(CRM, hash, null, null).orElseThrow();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).containsEntry("Cache-Control", "public, immutable")
        .containsEntry("Expires", "Thu, 04 Mar 2027 05:06:07 GMT")
        .containsEntry("ETag", "\"" + hash + "\"")
        .containsEntry("Vary", "Accept");

    Answer notModified = DOCUMENTS.v3(CRM, hash, null, "\"" + hash + "\"").orElseThrow();
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.headers()).containsEntry("Cache-Control", "public, immutable");
  }

  @Test
  void aWrongHashIsRedirectedToTheCurrentDocument() {
    Answer answer = DOCUMENTS.v3(CRM, "0123ABCD", null, null).orElseThrow();
    assertThat(answer.status()).isEqualTo(301);
    assertThat(answer.headers()).containsEntry("Location", "/openapi/v3/" + CRM + "?hash=" + currentHash(CRM))
        .containsEntry("Cache-Control", "no-cache, private");
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void withoutHashTheDocumentIsServedUncached() {
    Answer answer = DOCUMENTS.v3(CRM, null, null, null).orElseThrow();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).containsEntry("Cache-Control", "no-cache, private").doesNotContainKey("Expires");
    assertThat(DOCUMENTS.v3(CRM, "", null, null).orElseThrow().headers()).containsEntry("Cache-Control", "no-cache, private");
    assertThat(DOCUMENTS.v3(CRM, null, null, answer.headers().get("ETag")).orElseThrow().status()).isEqualTo(304);
  }

  /** Table: request paths and whether an OpenAPI document lives there. */
  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("/openapi/v2", true),
        Arguments.of("/openapi/v3", true),
        Arguments.of("/openapi/v3/" + CRM, true),
        Arguments.of("/openapi/v3/apis/notification.milo.io/v1alpha1", true),
        Arguments.of("/openapi/v3/apis/crm.milo.io/v1", false),
        Arguments.of("/openapi/v3/apis/apps/v1", false),
        Arguments.of("/openapi/v3/", false),
        Arguments.of("/openapi/v4", false),
        Arguments.of("/apis", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("paths")
  void answersOnlyForItsOwnPaths(String path, boolean served) {
    Optional<Answer> answer = DOCUMENTS.answer(path, null, null, null);
    assertThat(answer.isPresent()).isEqualTo(served);
    answer.ifPresent(a -> assertThat(a.status()).isEqualTo(200));
  }

  @Test
  void theAnswerFunctionPassesHashAndConditionsThrough() {
    String hash = currentHash(CRM);
    assertThat(DOCUMENTS.answer("/openapi/v3/" + CRM, "stale", null, null).orElseThrow().status()).isEqualTo(301);
    assertThat(DOCUMENTS.answer("/openapi/v3/" + CRM, hash, "\"" + hash + "\"", null).orElseThrow().status()).isEqualTo(304);
    Answer protobuf = DOCUMENTS.answer("/openapi/v2", null, null, PB_DEPRECATED).orElseThrow();
    assertThat(protobuf.status()).isEqualTo(200);
    assertThat(protobuf.headers()).containsEntry("Content-Type", PB);
    assertThat(DOCUMENTS.answer("/openapi/v2", null, null, "text/html").orElseThrow().status()).isEqualTo(406);
  }

  @Test
  void documentsAreBuiltOnceAndServedIdentically() {
    OpenApiDocuments again = OpenApiDocuments.build(Kinds.all(), OpenApiDocuments.SERVED_PATCH_TYPES);
    assertThat(again.v2(null, null).headers().get("ETag")).isEqualTo(DOCUMENTS.v2(null, null).headers().get("ETag"));
    assertThat(DOCUMENTS.v2(null, null).body()).isSameAs(DOCUMENTS.v2(null, null).body());
  }

  private static String currentHash(String groupVersion) {
    return sha512(DOCUMENTS.v3(groupVersion, null, null, null).orElseThrow().body());
  }

  private static String sha512(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
