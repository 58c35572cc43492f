package io.milo.crm.apiserver.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusBodyTest {
  @Test
  void aRefusalIsWrittenAsGoIndentsIt() {
    NotAcceptable refusal = new NotAcceptable(Negotiation.NOT_ACCEPTABLE);
    // json.MarshalIndent(status, "", "  ") of metav1.Status: empty metadata as {}, no trailing newline
    assertThat(new String(StatusBody.indented(refusal), StandardCharsets.UTF_8)).isEqualTo("""
        {
          "kind": "Status",
          "apiVersion": "v1",
          "metadata": {},
          "status": "Failure",
          "message": "only the following media types are accepted: application/json, application/yaml, \
        application/vnd.kubernetes.protobuf",
          "reason": "NotAcceptable",
          "code": 406
        }""");
  }

  @Test
  void stringsAreEscapedAsGoDoes() {
    assertThat(io.milo.crm.apiserver.GoJson.quote("a\"b\\c\n<x>&\u2028\u0001\uD83D\uDE00\uD800"))
        .isEqualTo("\"a\\\"b\\\\c\\n\\u003cx\\u003e\\u0026\\u2028\\u0001\uD83D\uDE00\\ufffd\"");
  }
}
