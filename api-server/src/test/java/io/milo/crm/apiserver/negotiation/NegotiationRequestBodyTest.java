package io.milo.crm.apiserver.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NegotiationRequestBodyTest {
  private static final String UNSUPPORTED_BODY = "the body of the request was in an unknown format - accepted "
      + "media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf";
  private static final String UNSUPPORTED_PATCH = "the body of the request was in an unknown format - accepted "
      + "media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // kubectl create/apply/replace and client-go send exactly this
      "application/json|JSON",
      // client-java: OkHttp adds the charset
      ClientHeaders.CLIENT_JAVA_BODY + "|JSON",
      // Go's mime parser lowercases and trims the media type and ignores a trailing semicolon
      "Application/JSON|JSON",
      "' application/json ;'|JSON",
      "application/json;charset=\"utf-8\"|JSON",
      "application/yaml|YAML",
  })
  void decodable(String contentType, BodyType expected) throws Exception {
    assertThat(Negotiation.body(contentType)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noContentTypeIsJson(String contentType) throws Exception {
    // NegotiateInputSerializerForMediaType: an empty Content-Type means the first serializer
    assertThat(Negotiation.body(contentType)).isEqualTo(BodyType.JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "application/vnd.kubernetes.protobuf", // listed upstream, but custom resources are not protobuf
      "application/cbor",
      "text/plain",
      "application/x-yaml",
      "application/json;charset",          // a parameter without a value
      "application/json;a=1;a=2",          // a repeated parameter
      "application/json;a=\"unterminated", // an open quoted string
      "application json",                  // no slash
      "application/json/x",
      "/json",
  })
  void undecodable(String contentType) {
    assertThatThrownBy(() -> Negotiation.body(contentType))
        .isInstanceOfSatisfying(UnsupportedMediaType.class, e -> {
          assertThat(e.code()).isEqualTo(415);
          assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
        })
        .hasMessage(UNSUPPORTED_BODY);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "application/json-patch+json|JSON_PATCH",
      // the garbage collector's fallback after a 415 to its strategic merge patch
      ClientHeaders.GC_MERGE_PATCH + "|MERGE_PATCH",
      "application/apply-patch+yaml|APPLY_PATCH",
      // patch.go cuts at the first semicolon, so parameters are ignored...
      "application/merge-patch+json; charset=utf-8|MERGE_PATCH",
      "application/apply-patch+yaml;charset=utf-8|APPLY_PATCH",
  })
  void patchTypes(String contentType, PatchType expected) throws Exception {
    assertThat(Negotiation.patch(contentType)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      ClientHeaders.GC_STRATEGIC_MERGE_PATCH, // the GC falls back to merge patch on this 415
      "application/json",
      "application/apply-patch+cbor",         // only behind the CBOR gate, off in 1.33
      // ...but nothing is trimmed or lowercased
      "Application/merge-patch+json",
      "application/merge-patch+json ",
      " application/merge-patch+json",
      ";application/merge-patch+json",
      "",
  })
  void unsupportedPatchTypes(String contentType) {
    assertThatThrownBy(() -> Negotiation.patch(contentType))
        .isInstanceOf(UnsupportedMediaType.class)
        .hasMessage(UNSUPPORTED_PATCH);
  }

  @org.junit.jupiter.api.Test
  void aMissingPatchContentTypeIsUnsupported() {
    assertThatThrownBy(() -> Negotiation.patch(null)).isInstanceOf(UnsupportedMediaType.class);
  }
}
