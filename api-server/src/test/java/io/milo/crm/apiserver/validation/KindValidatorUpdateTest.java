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

/** validateUpdate against the declared kinds: an old object, a patch to it, and upstream's errors. */
class KindValidatorUpdateTest {
  static Stream<KindDeclaration> kinds() {
    return Kinds.all().stream();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anUnchangedObjectOfEachKindHasNoErrors(KindDeclaration kind) {
    ObjectNode old = Objects.valid(kind.kind());
    assertThat(KindValidator.of(kind).validateUpdate(old.deepCopy(), old)).isEmpty();
  }

  record Case(String why, String kind, String oldPatch, String patch, List<String> expected) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // A whole immutable spec: the CEL rule's error, value the schema type, upstream's message.
        new Case("membership moved to another contact", "ContactGroupMembership", "{}",
            "{\"spec\":{\"contactRef\":{\"name\":\"jane\"}}}",
            List.of("spec: Invalid value: \"object\": spec is immutable")),
        new Case("removal moved to another group", "ContactGroupMembershipRemoval", "{}",
            "{\"spec\":{\"contactGroupRef\":{\"name\":\"other\"}}}",
            List.of("spec: Invalid value: \"object\": spec is immutable")),
        // An immutable string field.
        new Case("group made private", "ContactGroup", "{}", "{\"spec\":{\"visibility\":\"private\"}}",
            List.of("spec.visibility: Invalid value: \"string\": field is immutable")),
        // Other fields of the group may change.
        new Case("group renamed", "ContactGroup", "{}", "{\"spec\":{\"displayName\":\"Weekly\"}}", List.of()),
        // Unset to set is allowed.
        new Case("contact subject set the first time", "Contact", "{}",
            "{\"spec\":{\"subject\":{\"apiGroup\":\"iam.miloapis.com\",\"kind\":\"User\",\"name\":\"john\"}}}", List.of()),
        // Set to another value is not.
        new Case("contact subject changed", "Contact",
            "{\"spec\":{\"subject\":{\"apiGroup\":\"iam.miloapis.com\",\"kind\":\"User\",\"name\":\"john\"}}}",
            "{\"spec\":{\"subject\":{\"name\":\"jane\"}}}",
            List.of("spec.subject: Invalid value: \"object\": field is immutable")),
        // Set to unset is a change too.
        new Case("contact subject removed", "Contact",
            "{\"spec\":{\"subject\":{\"apiGroup\":\"iam.miloapis.com\",\"kind\":\"User\",\"name\":\"john\"}}}",
            "{\"spec\":{\"subject\":null}}",
            List.of("spec.subject: Invalid value: \"object\": field is immutable")),
        // Two immutable fields of a note, both changed.
        new Case("note about someone else by someone else", "Note", "{\"spec\":{\"creatorRef\":{\"name\":\"alice\"}}}",
            "{\"spec\":{\"subjectRef\":{\"name\":\"jane-doe\"},\"creatorRef\":{\"name\":\"bob\"}}}",
            List.of("spec.subjectRef: Invalid value: \"object\": field is immutable",
                "spec.creatorRef: Invalid value: \"object\": field is immutable")),
        // Schema errors block the rules: upstream's single "not checked" error instead of the immutability one.
        new Case("group made secret", "ContactGroup", "{}", "{\"spec\":{\"visibility\":\"secret\"}}",
            List.of("spec.visibility: Unsupported value: \"secret\": supported values: \"public\", \"private\"",
                "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; "
                    + "correct the existing errors to complete validation")),
        // Metadata immutability: reported by ValidateObjectMetaAccessorUpdate twice, as upstream does.
        new Case("renamed", "Person", "{}", "{\"metadata\":{\"name\":\"object-2\"}}",
            List.of("metadata.name: Invalid value: \"object-2\": field is immutable",
                "metadata.name: Invalid value: \"object-2\": field is immutable")),
        new Case("no resourceVersion", "Company", "{}", "{\"metadata\":{\"resourceVersion\":null}}",
            List.of("metadata.resourceVersion: Invalid value: \"\": must be specified for an update",
                "metadata.resourceVersion: Invalid value: \"\": must be specified for an update")),
        // Timestamps print as Go's Time.String.
        new Case("creation time rewritten", "Note", "{}", "{\"metadata\":{\"creationTimestamp\":\"2024-06-01T12:30:00Z\"}}",
            List.of("metadata.creationTimestamp: Invalid value: 2024-06-01 12:30:00 +0000 UTC: field is immutable",
                "metadata.creationTimestamp: Invalid value: 2024-06-01 12:30:00 +0000 UTC: field is immutable")),
        // The same instant in another offset is no change.
        new Case("creation time in another offset", "Note", "{}",
            "{\"metadata\":{\"creationTimestamp\":\"2025-01-02T05:04:05+02:00\"}}", List.of()),
        // No new finalizers on an object being deleted.
        new Case("finalizer added while deleting", "Contact",
            "{\"metadata\":{\"deletionTimestamp\":\"2025-02-01T00:00:00Z\",\"finalizers\":[\"crm.milo.io/sync\"]}}",
            "{\"metadata\":{\"finalizers\":[\"crm.milo.io/sync\",\"crm.milo.io/audit\"]}}",
            List.of("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, "
                    + "found new finalizers []string{\"crm.milo.io/audit\"}",
                "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, "
                    + "found new finalizers []string{\"crm.milo.io/audit\"}")),
        // Ratcheting: an old value the schema no longer accepts may stay while something else changes.
        new Case("old too-long job title kept", "Person", "{\"spec\":{\"jobTitle\":\"" + "x".repeat(300) + "\"}}",
            "{\"spec\":{\"name\":\"John Q. Doe\"}}", List.of()),
        // ... but a changed value is judged.
        new Case("too-long job title changed", "Person", "{\"spec\":{\"jobTitle\":\"" + "x".repeat(300) + "\"}}",
            "{\"spec\":{\"jobTitle\":\"" + "y".repeat(300) + "\"}}",
            List.of("spec.jobTitle: Too long: may not be more than 256 bytes",
                "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; "
                    + "correct the existing errors to complete validation")),
        // Ratcheting follows list-type map items by their keys, wherever they moved.
        new Case("old invalid contact ref kept after reordering", "Person",
            "{\"spec\":{\"contactRefs\":[{\"name\":\"a\",\"namespace\":\"n\",\"type\":\"friend\"},{\"name\":\"b\",\"namespace\":\"n\"}]}}",
            "{\"spec\":{\"contactRefs\":[{\"name\":\"b\",\"namespace\":\"n\"},{\"name\":\"a\",\"namespace\":\"n\",\"type\":\"friend\"}]}}",
            List.of()),
        // List-type errors are only checked when the old object had none.
        new Case("old duplicate domains kept", "Company", "{\"spec\":{\"domains\":[\"a.com\",\"a.com\"]}}",
            "{\"spec\":{\"domains\":[\"a.com\",\"a.com\",\"b.com\",\"b.com\"]}}", List.of()),
        new Case("duplicate domains introduced", "Company", "{\"spec\":{\"domains\":[\"a.com\"]}}",
            "{\"spec\":{\"domains\":[\"a.com\",\"a.com\"]}}", List.of("spec.domains[1]: Duplicate value: \"a.com\"")))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void updatesGetUpstreamErrors(Case scenario) {
    ObjectNode old = Objects.patched(scenario.kind(), scenario.oldPatch());
    ObjectNode next = old.deepCopy();
    Objects.merge(next, Objects.parse(scenario.patch()));
    List<FieldError> errors = KindValidator.of(Objects.kind(scenario.kind())).validateUpdate(next, old);
    assertThat(errors).extracting(FieldError::toString).containsExactlyElementsOf(scenario.expected());
  }
}
