package io.milo.crm.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The YAML text gnostic keeps in {@code Any.yaml}: yaml.v3's block style with an indentation of four
 * (what gnostic's {@code compiler.Marshal} writes), and read back by a YAML parser as the same value.
 */
class YamlTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Table: a JSON value and its YAML text. */
  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("{\"group\":\"crm.milo.io\",\"kind\":\"Person\",\"version\":\"v1alpha1\"}",
            "group: crm.milo.io\nkind: Person\nversion: v1alpha1\n"),
        Arguments.of("[{\"group\":\"\",\"kind\":\"DeleteOptions\",\"version\":\"v1\"}]",
            "-   group: \"\"\n    kind: DeleteOptions\n    version: v1\n"),
        Arguments.of("\"patch\"", "patch\n"),
        Arguments.of("[\"type\",\"name\"]", "- type\n- name\n"),
        Arguments.of("{\"a\":{\"b\":[1,2.5]},\"c\":[]}", "a:\n    b:\n        - 1\n        - 2.5\nc: []\n"),
        Arguments.of("[[\"x\"],{}]", "-   - x\n- {}\n"),
        Arguments.of("[{\"fieldPath\":\".spec.email\"}]", "-   fieldPath: .spec.email\n"),
        Arguments.of("\"retainKeys,merge\"", "retainKeys,merge\n"),
        Arguments.of("true", "true\n"),
        Arguments.of("null", "null\n"),
        Arguments.of("\"true\"", "\"true\"\n"),
        Arguments.of("\"no\"", "\"no\"\n"),
        Arguments.of("\"42\"", "\"42\"\n"),
        Arguments.of("\"1.5e3\"", "\"1.5e3\"\n"),
        Arguments.of("\"~\"", "\"~\"\n"),
        Arguments.of("\"2024-01-02\"", "\"2024-01-02\"\n"),
        Arguments.of("\"\"", "\"\"\n"),
        Arguments.of("\"a: b\"", "'a: b'\n"),
        Arguments.of("\"it's #1\"", "'it''s #1'\n"),
        Arguments.of("\"- item\"", "'- item'\n"),
        Arguments.of("\"line one\\nline \\\"two\\\"\\t\"", "\"line one\\nline \\\"two\\\"\\t\"\n"),
        Arguments.of("{\"key: with colon\":\"ünïcode\"}", "'key: with colon': ünïcode\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void rendersBlockYamlThatReadsBackAsTheSameValue(String json, String yaml) throws Exception {
    JsonNode value = JSON.readTree(json);
    String text = YamlText.of(value);
    assertThat(text).isEqualTo(yaml);
    assertThat(YAML.readTree(text)).isEqualTo(value);
  }
}
