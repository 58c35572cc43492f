package io.milo.crm.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.Kinds;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** validateCreate against the seven declared kinds: each case spoils a valid object and expects upstream's errors. */
class KindValidatorCreateTest {
  private static final String NOT_CHECKED = "<nil>: Invalid value: \"null\": some validation rules were not checked "
      + "because the object was invalid; correct the existing errors to complete validation";

  static Stream<KindDeclaration> kinds() {
    return Kinds.all().stream();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aValidObjectOfEachKindHasNoErrors(KindDeclaration kind) {
    assertThat(KindValidator.of(kind).validateCreate(Objects.valid(kind.kind()))).isEmpty();
  }

  record Case(String why, String kind, String patch, List<String> expected) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // minLength is an Invalid with kube-openapi's sentence, and does not block the rules.
        new Case("empty full name", "Person", "{\"spec\":{\"name\":\"\"}}",
            List.of("spec.name: Invalid value: \"\": spec.name in body should be at least 1 chars long")),
        // maxLength counts characters but 1.33 words it in bytes; TooLong blocks the CEL rules.
        new Case("full name of 257 characters", "Person", "{\"spec\":{\"name\":\"" + "é".repeat(257) + "\"}}",
            List.of("spec.name: Too long: may not be more than 256 bytes", NOT_CHECKED)),
        // 256 two-byte characters are still 256 characters: within maxLength.
        new Case("full name of 256 two-byte characters", "Person", "{\"spec\":{\"name\":\"" + "é".repeat(256) + "\"}}",
            List.of()),
        // A required property missing: Required value, no detail.
        new Case("no full name", "Person", "{\"spec\":{\"name\":null,\"jobTitle\":\"CTO\"}}",
            List.of("spec.name: Required value", NOT_CHECKED)),
        // Properties in the object's order, then required; enum lists the supported values.
        new Case("contact ref with an unknown type and no namespace", "Person",
            "{\"spec\":{\"contactRefs\":[{\"name\":\"john\",\"type\":\"friend\"}]}}",
            List.of("spec.contactRefs[0].type: Unsupported value: \"friend\": supported values: \"work\", \"personal\", \"other\"",
                "spec.contactRefs[0].namespace: Required value", NOT_CHECKED)),
        // A list-type map with two keys: the duplicate is reported at its index with both keys.
        new Case("the same contact twice", "Person",
            "{\"spec\":{\"contactRefs\":[{\"name\":\"john\",\"namespace\":\"default\"},"
                + "{\"name\":\"john\",\"namespace\":\"default\",\"primary\":true}]}}",
            List.of("spec.contactRefs[1]: Duplicate value: map[string]interface {}{\"name\":\"john\", \"namespace\":\"default\"}")),
        // A list-type set: the repeated scalar.
        new Case("a domain twice", "Company", "{\"spec\":{\"domains\":[\"acme.com\",\"acme.io\",\"acme.com\"]}}",
            List.of("spec.domains[2]: Duplicate value: \"acme.com\"")),
        // pattern: the failing value and the pattern in quotes.
        new Case("LinkedIn profile over http", "Company", "{\"spec\":{\"linkedinProfile\":\"http://linkedin.com/acme\"}}",
            List.of("spec.linkedinProfile: Invalid value: \"http://linkedin.com/acme\": spec.linkedinProfile in body "
                + "should match '^https://([a-z0-9-]+\\.)*linkedin\\.com(/.*)?$'")),
        // Pattern on array items, with the item's path.
        new Case("an upper-case domain", "Company", "{\"spec\":{\"domains\":[\"Acme.com\"]}}",
            List.of("spec.domains[0]: Invalid value: \"Acme.com\": spec.domains[0] in body should match "
                + "'^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")),
        // format date-time: a TypeInvalid worded as an invalid type.
        new Case("interaction time not RFC 3339", "Note", "{\"spec\":{\"interactionTime\":\"yesterday\"}}",
            List.of("spec.interactionTime: Invalid value: \"yesterday\": spec.interactionTime in body must be of type "
                + "date-time: \"yesterday\"", NOT_CHECKED)),
        // An hour of 24 fails strfmt's string comparison.
        new Case("next action at 24:00", "Note", "{\"spec\":{\"nextActionTime\":\"2030-01-01T24:00:00Z\"}}",
            List.of("spec.nextActionTime: Invalid value: \"2030-01-01T24:00:00Z\": spec.nextActionTime in body must be "
                + "of type date-time: \"2030-01-01T24:00:00Z\"", NOT_CHECKED)),
        // Fractions and offsets are fine.
        new Case("next action with fraction and offset", "Note", "{\"spec\":{\"nextActionTime\":\"2030-01-01T10:00:00.5+02:00\"}}",
            List.of()),
        // A wrong JSON type: the value is the type found.
        new Case("follow-up as a string", "Note", "{\"spec\":{\"followUp\":\"yes\"}}",
            List.of("spec.followUp: Invalid value: \"string\": spec.followUp in body must be of type boolean: \"string\"",
                NOT_CHECKED)),
        // Type and enum both judge a number where an enum string is expected.
        new Case("subject kind as a number", "Note", "{\"spec\":{\"subjectRef\":{\"kind\":5}}}",
            List.of("spec.subjectRef.kind: Invalid value: \"integer\": spec.subjectRef.kind in body must be of type string: \"integer\"",
                "spec.subjectRef.kind: Unsupported value: 5: supported values: \"Person\", \"Company\", \"Contact\", \"User\"",
                NOT_CHECKED)),
        // maxItems is TooMany with the count; the list-type map duplicate follows the schema errors.
        new Case("two Loops providers", "ContactGroup",
            "{\"spec\":{\"providers\":[{\"name\":\"Loops\",\"id\":\"a\"},{\"name\":\"Loops\",\"id\":\"b\"}]}}",
            List.of("spec.providers: Too many: 2: must have at most 1 items",
                "spec.providers[1]: Duplicate value: map[string]interface {}{\"name\":\"Loops\"}", NOT_CHECKED)),
        // An enum miss on a required field.
        new Case("visibility secret", "ContactGroup", "{\"spec\":{\"visibility\":\"secret\"}}",
            List.of("spec.visibility: Unsupported value: \"secret\": supported values: \"public\", \"private\"", NOT_CHECKED)),
        // The whole spec missing.
        new Case("membership without spec", "ContactGroupMembership", "{\"spec\":null}",
            List.of("spec: Required value", NOT_CHECKED)),
        // Nested required fields of a reference.
        new Case("removal with an empty contact ref", "ContactGroupMembershipRemoval", "{\"spec\":{\"contactRef\":{\"name\":null,\"namespace\":null}}}",
            List.of("spec.contactRef.name: Required value", "spec.contactRef.namespace: Required value", NOT_CHECKED)),
        // minimum on an integer in a status condition.
        new Case("negative observed generation", "Contact",
            "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"2025-01-01T00:00:00Z\","
                + "\"reason\":\"Done\",\"message\":\"\",\"observedGeneration\":-1}]}}",
            List.of("status.conditions[0].observedGeneration: Invalid value: -1: status.conditions[0].observedGeneration "
                + "in body should be greater than or equal to 0")),
        // format int64 is stripped as a CRD strips it: a float is a type error against "integer" only.
        new Case("fractional observed generation", "Contact",
            "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"2025-01-01T00:00:00Z\","
                + "\"reason\":\"Done\",\"message\":\"\",\"observedGeneration\":1.5}]}}",
            List.of("status.conditions[0].observedGeneration: Invalid value: \"number\": status.conditions[0].observedGeneration "
                + "in body must be of type integer: \"number\"", NOT_CHECKED)),
        // A name that is not a DNS-1123 subdomain.
        new Case("upper-case name", "Contact", "{\"metadata\":{\"name\":\"John\"}}",
            List.of("metadata.name: Invalid value: \"John\": a lowercase RFC 1123 subdomain must consist of lower case "
                + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
                + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        // Neither name nor generateName: a Required with upstream's detail, which blocks the rules.
        new Case("no name", "Company", "{\"metadata\":{\"name\":null}}",
            List.of("metadata.name: Required value: name or generateName is required", NOT_CHECKED)),
        // A generateName may end in '-'.
        new Case("generated name", "Company", "{\"metadata\":{\"generateName\":\"acme-\",\"name\":\"acme-x7k2p\"}}",
            List.of()),
        // Label values: upstream's long sentence, with its double spaces.
        new Case("label value with a space", "Person", "{\"metadata\":{\"labels\":{\"crm.milo.io/source\":\"bad value\"}}}",
            List.of("metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                + "'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")),
        // Label keys: a prefix that is not a subdomain.
        new Case("label key with an upper-case prefix", "Person", "{\"metadata\":{\"labels\":{\"CRM/source\":\"web\"}}}",
            List.of("metadata.labels: Invalid value: \"CRM/source\": prefix part a lowercase RFC 1123 subdomain must consist "
                + "of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        // Finalizers: qualified names.
        new Case("finalizer with two slashes", "ContactGroup", "{\"metadata\":{\"finalizers\":[\"a/b/c\"]}}",
            List.of("metadata.finalizers: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, "
                + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS "
                + "subdomain prefix and '/' (e.g. 'example.com/MyName')")),
        // Annotations over 256 KiB in total.
        new Case("huge annotation", "Note", "{\"metadata\":{\"annotations\":{\"a\":\"" + "x".repeat(256 * 1024) + "\"}}}",
            List.of("metadata.annotations: Too long: may not be more than 262144 bytes", NOT_CHECKED)),
        // Owner references: reported without their index.
        new Case("owner reference without uid", "Contact",
            "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"c\"}]}}",
            List.of("metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty")),
        // Type meta is checked first and alone.
        new Case("wrong kind", "Person", "{\"kind\":\"Persona\",\"spec\":{\"name\":\"\"}}",
            List.of("kind: Invalid value: \"Persona\": must be Person")))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void spoiledObjectsGetUpstreamErrors(Case scenario) {
    ObjectNode object = Objects.patched(scenario.kind(), scenario.patch());
    List<FieldError> errors = KindValidator.of(Objects.kind(scenario.kind())).validateCreate(object);
    assertThat(errors).extracting(FieldError::toString).containsExactlyElementsOf(scenario.expected());
  }
}
