package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * ObjectMetaValidator is k8s.io/apimachinery's ValidateObjectMetaAccessor and
 * ValidateObjectMetaAccessorUpdate (pkg/api/validation/objectmeta.go) for the metadata of a custom
 * resource: name and generateName, generation, labels, annotations, owner references, finalizers and
 * managed fields, and on update the fields that may never change. The namespace rules (required for
 * a namespaced kind, forbidden for a cluster-scoped one, a DNS label) are left to the caller, which
 * takes the namespace from the URL. Values are read as the decoder would have typed them; a field of
 * the wrong JSON type is the decoder's error and reads here as absent.
 */
final class ObjectMetaValidator {
  static final String FIELD_IMMUTABLE = "field is immutable";
  private static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10);
  private static final int FIELD_MANAGER_MAX_LENGTH = 128;
  private static final int MAX_SUBRESOURCE_NAME_LENGTH = 256;
  private static final String ORPHAN = "orphan";
  private static final String FOREGROUND = "foregroundDeletion";
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private ObjectMetaValidator() {}

  /** ValidateObjectMetaAccessor with NameIsDNSSubdomain, the create-time rules of a custom resource. */
  static List<FieldError> validateCreate(JsonNode metadata) {
    return validate(meta(metadata), NameRules::objectName);
  }

  /**
   * The rules BeforeUpdate applies to every resource's new metadata (validateCommonFields): those of
   * create, with path-segment names instead of DNS subdomains.
   */
  static List<FieldError> validateCommon(JsonNode metadata) {
    return validate(meta(metadata), NameRules::pathSegmentName);
  }

  /**
   * ValidateObjectMetaAccessorUpdate: no new finalizers while deleting, a resourceVersion, no lower
   * generation, name, namespace, uid and timestamps unchanged, and labels, annotations, owner
   * references and managed fields valid.
   */
  static List<FieldError> validateTransition(JsonNode metadata, JsonNode oldMetadata) {
    return checkTransition(meta(metadata), meta(oldMetadata));
  }

  private static List<FieldError> validate(JsonNode meta, BiFunction<String, Boolean, List<String>> nameRule) {
    List<FieldError> errors = new ArrayList<>();
    String generateName = string(meta, "generateName");
    if (!generateName.isEmpty()) {
      nameRule.apply(generateName, true)
          .forEach(message -> errors.add(FieldError.invalid("metadata.generateName", generateName, message)));
    }
    String name = string(meta, "name");
    if (name.isEmpty()) {
      errors.add(FieldError.required("metadata.name", "name or generateName is required"));
    } else {
      nameRule.apply(name, false).forEach(message -> errors.add(FieldError.invalid("metadata.name", name, message)));
    }
    long generation = meta.path("generation").asLong(0);
    if (generation < 0) {
      errors.add(FieldError.invalid("metadata.generation", JsonNodeFactory.instance.numberNode(generation),
          "must be greater than or equal to 0"));
    }
    errors.addAll(labels(meta.path("labels")));
    errors.addAll(annotations(meta.path("annotations")));
    errors.addAll(OwnerReferences.validate(meta.path("ownerReferences")));
    errors.addAll(finalizers(meta.path("finalizers")));
    errors.addAll(managedFields(meta.path("managedFields")));
    return errors;
  }

  private static List<FieldError> checkTransition(JsonNode next, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    if (isSet(old.path("deletionTimestamp"))) {
      TreeSet<String> added = new TreeSet<>(strings(next.path("finalizers")));
      added.removeAll(strings(old.path("finalizers")));
      if (!added.isEmpty()) {
        errors.add(FieldError.forbidden("metadata.finalizers",
            "no new finalizers can be added if the object is being deleted, found new finalizers "
                + goStrings(new ArrayList<>(added))));
      }
    }
    if (string(next, "resourceVersion").isEmpty()) {
      errors.add(FieldError.invalid("metadata.resourceVersion", "", "must be specified for an update"));
    }
    long generation = next.path("generation").asLong(0);
    if (generation < old.path("generation").asLong(0)) {
      errors.add(FieldError.invalid("metadata.generation", JsonNodeFactory.instance.numberNode(generation),
          "must not be decremented"));
    }
    for (String field : List.of("name", "namespace", "uid")) {
      if (!string(next, field).equals(string(old, field))) {
        errors.add(FieldError.invalid("metadata." + field, string(next, field), FIELD_IMMUTABLE));
      }
    }
    JsonNode created = next.path("creationTimestamp");
    if (!sameTime(created, old.path("creationTimestamp"))) {
      errors.add(new FieldError(FieldError.FIELD_VALUE_INVALID, "metadata.creationTimestamp", FIELD_IMMUTABLE,
          goTime(created)));
    }
    JsonNode deleted = next.path("deletionTimestamp");
    if (!sameTime(deleted, old.path("deletionTimestamp"))) {
      String value = isSet(deleted) ? goTime(deleted) : GoFormat.quote("null");
      errors.add(new FieldError(FieldError.FIELD_VALUE_INVALID, "metadata.deletionTimestamp", FIELD_IMMUTABLE, value));
    }
    JsonNode grace = next.path("deletionGracePeriodSeconds");
    if (!JsonValues.deepEqual(numberOrNull(grace), numberOrNull(old.path("deletionGracePeriodSeconds")))) {
      errors.add(FieldError.invalid("metadata.deletionGracePeriodSeconds", numberOrNull(grace), FIELD_IMMUTABLE));
    }
    errors.addAll(labels(next.path("labels")));
    errors.addAll(annotations(next.path("annotations")));
    errors.addAll(OwnerReferences.validate(next.path("ownerReferences")));
    errors.addAll(managedFields(next.path("managedFields")));
    return errors;
  }

  /** v1validation.ValidateLabels: each key a qualified name, each value a label value. */
  private static List<FieldError> labels(JsonNode labels) {
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      NameRules.qualifiedName(label.getKey())
          .forEach(message -> errors.add(FieldError.invalid("metadata.labels", label.getKey(), message)));
      String value = label.getValue().asText("");
      NameRules.labelValue(value).forEach(message -> errors.add(FieldError.invalid("metadata.labels", value, message)));
    }
    return errors;
  }

  /** ValidateAnnotations: keys are qualified names once lower-cased; keys and values total at most 256 KiB. */
  private static List<FieldError> annotations(JsonNode annotations) {
    List<FieldError> errors = new ArrayList<>();
    long totalSize = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> annotation = it.next();
      String key = annotation.getKey();
      NameRules.qualifiedName(key.toLowerCase(java.util.Locale.ROOT))
          .forEach(message -> errors.add(FieldError.invalid("metadata.annotations", key, message)));
      totalSize += NameRules.byteLength(key) + NameRules.byteLength(annotation.getValue().asText(""));
    }
    if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errors.add(FieldError.tooLong("metadata.annotations", TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    return errors;
  }

  /** ValidateFinalizers: each a qualified name, and not both orphan and foregroundDeletion. */
  private static List<FieldError> finalizers(JsonNode finalizers) {
    List<FieldError> errors = new ArrayList<>();
    List<String> names = strings(finalizers);
    for (String finalizer : names) {
      NameRules.qualifiedName(finalizer)
          .forEach(message -> errors.add(FieldError.invalid("metadata.finalizers", finalizer, message)));
    }
    if (names.contains(ORPHAN) && names.contains(FOREGROUND)) {
      errors.add(new FieldError(FieldError.FIELD_VALUE_INVALID, "metadata.finalizers",
          "finalizer " + ORPHAN + " and " + FOREGROUND + " cannot be both set", goStrings(names)));
    }
    return errors;
  }

  /** v1validation.ValidateManagedFields. */
  private static List<FieldError> managedFields(JsonNode entries) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      String path = "metadata.managedFields[" + i + "]";
      String operation = string(entry, "operation");
      if (!operation.equals("Apply") && !operation.equals("Update")) {
        errors.add(FieldError.invalid(path + ".operation", operation, "must be `Apply` or `Update`"));
      }
      String fieldsType = string(entry, "fieldsType");
      if (!fieldsType.isEmpty() && !fieldsType.equals("FieldsV1")) {
        errors.add(FieldError.invalid(path + ".fieldsType", fieldsType, "must be `FieldsV1`"));
      }
      String manager = string(entry, "manager");
      if (NameRules.byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) {
        errors.add(FieldError.tooLong(path + ".manager", FIELD_MANAGER_MAX_LENGTH));
      }
      int position = 0;
      for (int offset = 0; offset < manager.length(); ) {
        int codePoint = manager.codePointAt(offset);
        if (!GoFormat.isPrint(codePoint)) {
          errors.add(FieldError.invalid(path + ".manager", manager,
              String.format("invalid character U+%04X (at position %d)", codePoint, position)));
        }
        position += NameRules.byteLength(new String(Character.toChars(codePoint)));
        offset += Character.charCount(codePoint);
      }
      if (NameRules.byteLength(string(entry, "subresource")) > MAX_SUBRESOURCE_NAME_LENGTH) {
        errors.add(FieldError.tooLong(path + ".subresource", MAX_SUBRESOURCE_NAME_LENGTH));
      }
    }
    return errors;
  }

  private static JsonNode meta(JsonNode metadata) {
    return metadata != null && metadata.isObject() ? metadata : MissingNode.getInstance();
  }

  static String string(JsonNode object, String field) {
    JsonNode value = object.path(field);
    return value.isTextual() ? value.textValue() : "";
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.asText("")));
    return out;
  }

  private static boolean isSet(JsonNode value) {
    return value != null && !value.isMissingNode() && !value.isNull();
  }

  private static JsonNode numberOrNull(JsonNode value) {
    return value.isNumber() ? value : JsonNodeFactory.instance.nullNode();
  }

  /** Semantic equality of two metav1.Time values: the same instant, or both unset. */
  private static boolean sameTime(JsonNode a, JsonNode b) {
    if (!isSet(a) || !isSet(b)) {
      return isSet(a) == isSet(b);
    }
    OffsetDateTime first = parse(a.asText());
    OffsetDateTime second = parse(b.asText());
    if (first == null || second == null) {
      return Objects.equals(a.asText(), b.asText());
    }
    return first.toInstant().equals(second.toInstant());
  }

  /** A metav1.Time as Go's Time.String prints it in the server's zone (UTC). */
  private static String goTime(JsonNode value) {
    OffsetDateTime time = isSet(value) ? parse(value.asText()) : null;
    if (time == null) {
      return "0001-01-01 00:00:00 +0000 UTC";
    }
    OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
    String fraction = "";
    if (utc.getNano() != 0) {
      fraction = String.format(".%09d", utc.getNano()).replaceAll("0+$", "");
    }
    return GO_TIME.format(utc) + fraction + " +0000 UTC";
  }

  private static OffsetDateTime parse(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code %#v} of a []string. */
  static String goStrings(List<String> values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(value -> quoted.add(GoFormat.quote(value)));
    return "[]string{" + String.join(", ", quoted) + "}";
  }
}
