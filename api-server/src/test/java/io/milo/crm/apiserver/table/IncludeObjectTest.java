package io.milo.crm.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/** The includeObject query parameter as the kube-apiserver reads it. */
class IncludeObjectTest {
  @ParameterizedTest
  @NullAndEmptySource
  void absentMeansMetadata(String value) {
    assertThat(IncludeObject.parse(value)).isEqualTo(IncludeObject.METADATA);
  }

  @ParameterizedTest
  @CsvSource({"None, NONE", "Metadata, METADATA", "Object, OBJECT"})
  void readsTheThreePolicies(String value, IncludeObject expected) {
    assertThat(IncludeObject.parse(value)).isEqualTo(expected);
    assertThat(expected.value()).isEqualTo(value);
  }

  /** Anything else is a 400 with ValidateTableOptions' message; matching is case-sensitive. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "metadata|\"metadata\"",
      "All|\"All\"",
      "Obj\"ect|\"Obj\\\"ect\""})
  void refusesOtherValuesWithUpstreamsMessage(String value, String quoted) {
    assertThatThrownBy(() -> IncludeObject.parse(value)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unable to convert to Table as requested: includeObject: Invalid value: " + quoted
            + ": must be 'Metadata', 'Object', 'None', or empty");
  }
}
