package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * ImmutableFields enforces a declaration's immutable fields the way a CRD does with the transition
 * rule {@code x-kubernetes-validations: [{rule: "self == oldSelf", message: ...}]} on each field:
 * once the field is set it may not change. The error is the CEL validator's: FieldValueInvalid at
 * the field, with the field's schema type as the value and the rule's message ("spec is immutable"
 * for a whole spec, as the upstream notification CRDs word it; "field is immutable" otherwise).
 * A field that was unset may be set; unlike a bare transition rule, removing a set field counts as
 * a change too, as resources.md wants ("once set it is immutable").
 */
final class ImmutableFields {
  /** hasBlockingErr's error: the rules were skipped because the object already had errors. */
  static final String RULES_NOT_CHECKED = "some validation rules were not checked because the object was invalid; "
      + "correct the existing errors to complete validation";

  private final SchemaNode root;
  private final List<String> paths;

  ImmutableFields(SchemaNode root, List<String> paths) {
    this.root = root;
    this.paths = List.copyOf(paths);
    for (String path : this.paths) {
      if (schemaAt(path) == null) {
        throw new IllegalArgumentException("immutable field " + path + " is not in the schema");
      }
    }
  }

  /** Whether the kind has rules at all (a CRD without x-kubernetes-validations has no CEL validator). */
  boolean hasRules() {
    return !paths.isEmpty();
  }

  /**
   * The CEL step of the CRD strategy: when earlier errors would block the rules (NotSupported,
   * Required, TooLong, TooMany, TypeInvalid), upstream's single "not checked" error instead of them.
   */
  List<FieldError> validate(JsonNode next, JsonNode old, List<FieldError> earlier) {
    if (!hasRules()) {
      return List.of();
    }
    for (FieldError error : earlier) {
      if (blocks(error)) {
        return List.of(new FieldError(FieldError.FIELD_VALUE_INVALID, "<nil>", RULES_NOT_CHECKED,
            GoFormat.errorValue(JsonNodeFactory.instance.nullNode())));
      }
    }
    if (old == null) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    for (String path : paths) {
      JsonNode before = valueAt(old, path);
      if (before == null) {
        continue;
      }
      JsonNode after = valueAt(next, path);
      if (after == null || !JsonValues.deepEqual(after, before)) {
        String message = path.equals("spec") ? "spec is immutable" : ObjectMetaValidator.FIELD_IMMUTABLE;
        errors.add(FieldError.invalid(path, JsonNodeFactory.instance.textNode(schemaAt(path).type), message));
      }
    }
    return errors;
  }

  private static boolean blocks(FieldError error) {
    return switch (error.reason()) {
      case FieldError.FIELD_VALUE_NOT_SUPPORTED, FieldError.FIELD_VALUE_REQUIRED, FieldError.FIELD_VALUE_TOO_LONG,
          FieldError.FIELD_VALUE_TOO_MANY, FieldError.FIELD_VALUE_TYPE_INVALID -> true;
      default -> false;
    };
  }

  private SchemaNode schemaAt(String path) {
    SchemaNode schema = root;
    for (String name : path.split("\\.")) {
      schema = schema == null ? null : schema.property(name);
    }
    return schema;
  }

  private static JsonNode valueAt(JsonNode object, String path) {
    JsonNode value = object;
    for (String name : path.split("\\.")) {
      if (value == null || !value.isObject()) {
        return null;
      }
      value = value.get(name);
    }
    return value == null || value.isNull() ? null : value;
  }
}
