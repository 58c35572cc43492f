package io.milo.crm.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** prune and applyDefaults: what the CRD decoder removes, reports and fills in. */
class KindValidatorPruneAndDefaultTest {
  record PruneCase(String why, String kind, String patch, List<String> unknown, String expectedAfter) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Arguments> pruneCases() {
    return Stream.of(
        // A valid object loses nothing.
        new PruneCase("nothing unknown", "Person", "{}", List.of(), null),
        // metadata's unknown fields first, then the others sorted; nested and item paths as upstream writes them.
        new PruneCase("unknown everywhere", "Person",
            "{\"zeta\":1,\"metadata\":{\"foo\":1},\"spec\":{\"x\":true,\"contactRefs\":[{\"name\":\"a\",\"namespace\":\"n\",\"foo\":2}]}}",
            List.of("metadata.foo", "spec.contactRefs[0].foo", "spec.x", "zeta"),
            "{\"spec\":{\"name\":\"John Doe\",\"contactRefs\":[{\"name\":\"a\",\"namespace\":\"n\"}]}}"),
        // Owner reference fields are known to ObjectMeta too.
        new PruneCase("unknown owner reference field", "Contact",
            "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"c\",\"uid\":\"u\",\"colour\":\"red\"}]}}",
            List.of("metadata.ownerReferences[0].colour"), null),
        // Field names are case-sensitive.
        new PruneCase("capitalised field", "ContactGroup", "{\"spec\":{\"DisplayName\":\"x\"}}", List.of("spec.DisplayName"),
            null),
        // A null the schema does not allow goes silently, so "required" reports it as missing.
        new PruneCase("null job title", "Person", "{\"spec\":{\"jobTitle\":null}}", List.of(),
            "{\"spec\":{\"name\":\"John Doe\"}}"))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("pruneCases")
  void pruneRemovesAndReportsUnknownFields(PruneCase scenario) {
    ObjectNode object = Objects.patched(scenario.kind(), scenario.patch());
    List<String> unknown = KindValidator.of(Objects.kind(scenario.kind())).prune(object);
    assertThat(unknown).containsExactlyElementsOf(scenario.unknown());
    assertThat(object.get("apiVersion").asText()).isEqualTo(Objects.kind(scenario.kind()).apiVersion());
    assertThat(object.path("metadata").path("name").asText()).isEqualTo("object-1");
    if (scenario.expectedAfter() != null) {
      assertThat(object.get("spec")).isEqualTo(Objects.parse(scenario.expectedAfter()).get("spec"));
    }
    for (String path : unknown) {
      assertThat(object.toString()).doesNotContain("\"" + path.substring(path.lastIndexOf('.') + 1) + "\"");
    }
  }

  record DefaultCase(String why, String kind, String patch, String pointer, String expected) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Arguments> defaultCases() {
    return Stream.of(
        // An absent property with a default gets it.
        new DefaultCase("follow-up absent", "Note", "{}", "/spec/followUp", "false"),
        // A null where null is not allowed gets the default too.
        new DefaultCase("follow-up null", "Note", "{\"spec\":{\"followUp\":null}}", "/spec/followUp", "false"),
        // A value is kept.
        new DefaultCase("follow-up set", "Note", "{\"spec\":{\"followUp\":true}}", "/spec/followUp", "true"),
        // A default list inside an existing status.
        new DefaultCase("empty status", "Contact", "{\"status\":{}}", "/status/conditions/0/reason", "\"CreatePending\""),
        // No status object, no defaults inside it.
        new DefaultCase("no status", "ContactGroup", "{}", "/status", null))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("defaultCases")
  void applyDefaultsFillsWhatTheSchemaDefaults(DefaultCase scenario) {
    ObjectNode object = Objects.patched(scenario.kind(), scenario.patch());
    KindValidator.of(Objects.kind(scenario.kind())).applyDefaults(object);
    if (scenario.expected() == null) {
      assertThat(object.at(scenario.pointer()).isMissingNode()).isTrue();
    } else {
      assertThat(object.at(scenario.pointer()).toString()).isEqualTo(scenario.expected());
    }
  }
}
