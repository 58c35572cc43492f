package io.milo.crm.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** FieldError's texts against field.Error.ErrorBody, ToAggregate and NewInvalid as 1.33 prints them. */
class FieldErrorTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static Stream<Arguments> bodies() {
    return Stream.of(
        // Required: no value.
        Arguments.of(FieldError.required("spec.name", ""), "FieldValueRequired", "Required value"),
        Arguments.of(FieldError.required("metadata.name", "name or generateName is required"), "FieldValueRequired",
            "Required value: name or generateName is required"),
        // Strings are Go-quoted, escapes included.
        Arguments.of(FieldError.invalid("spec.a", "x\"y\n", "bad"), "FieldValueInvalid", "Invalid value: \"x\\\"y\\n\": bad"),
        // Numbers and booleans unquoted; floats switch to exponent form as Go's %v does.
        Arguments.of(FieldError.invalid("spec.a", NODES.numberNode(-3), "bad"), "FieldValueInvalid", "Invalid value: -3: bad"),
        Arguments.of(FieldError.invalid("spec.a", NODES.numberNode(1500000.0), "bad"), "FieldValueInvalid",
            "Invalid value: 1.5e+06: bad"),
        Arguments.of(FieldError.invalid("spec.a", NODES.booleanNode(true), "bad"), "FieldValueInvalid", "Invalid value: true: bad"),
        // null prints as the quoted string "null".
        Arguments.of(FieldError.invalid("spec.a", NODES.nullNode(), "bad"), "FieldValueInvalid", "Invalid value: \"null\": bad"),
        Arguments.of(FieldError.typeInvalid("spec.a", NODES.textNode("integer"), "x"), "FieldValueTypeInvalid",
            "Invalid value: \"integer\": x"),
        Arguments.of(FieldError.notSupported("spec.v", NODES.textNode("secret"), List.of("public", "private")),
            "FieldValueNotSupported", "Unsupported value: \"secret\": supported values: \"public\", \"private\""),
        // TooLong omits the value; 1.33 says bytes.
        Arguments.of(FieldError.tooLong("spec.name", 256), "FieldValueTooLong", "Too long: may not be more than 256 bytes"),
        Arguments.of(FieldError.tooMany("spec.providers", 2, 1), "FieldValueTooMany", "Too many: 2: must have at most 1 items"),
        // Maps print as Go's %#v, keys sorted.
        Arguments.of(FieldError.duplicate("spec.l[1]", Objects.parse("{\"name\":\"a\",\"namespace\":\"b\"}")),
            "FieldValueDuplicate", "Duplicate value: map[string]interface {}{\"name\":\"a\", \"namespace\":\"b\"}"),
        Arguments.of(FieldError.forbidden("metadata.finalizers", "no"), "FieldValueForbidden", "Forbidden: no"),
        Arguments.of(FieldError.notFound("spec.companyRef.name", "acme"), "FieldValueNotFound", "Not found: \"acme\""));
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void bodyIsUpstreamsErrorBody(FieldError error, String reason, String body) {
    assertThat(error.reason()).isEqualTo(reason);
    assertThat(error.body()).isEqualTo(body);
    assertThat(error.toString()).isEqualTo(error.field() + ": " + body);
  }

  @Test
  void aggregateIsOneErrorAloneAndSeveralInBracketsWithoutRepeats() {
    FieldError name = FieldError.required("spec.name", "");
    FieldError visibility = FieldError.invalid("spec.visibility", NODES.textNode("string"), "field is immutable");
    assertThat(FieldError.aggregate(List.of(name))).isEqualTo("spec.name: Required value");
    assertThat(FieldError.aggregate(List.of(name, visibility, name)))
        .isEqualTo("[spec.name: Required value, spec.visibility: Invalid value: \"string\": field is immutable]");
    assertThat(FieldError.aggregate(List.of(name, name))).isEqualTo("spec.name: Required value");
  }

  @Test
  void invalidMessageIsNewInvalids() {
    assertThat(FieldError.invalidMessage("Person", "crm.milo.io", "john", List.of(FieldError.required("spec.name", ""))))
        .isEqualTo("Person.crm.milo.io \"john\" is invalid: spec.name: Required value");
    assertThat(FieldError.invalidMessage("Person", "crm.milo.io", "john", List.of()))
        .isEqualTo("Person.crm.milo.io \"john\" is invalid");
  }
}
