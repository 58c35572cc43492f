package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * FieldError is one field-level validation failure, as k8s.io/apimachinery's field.Error carries it
 * into a 422 Invalid status: the cause type ({@code reason}), the field path, the bad value as Go
 * prints it and a detail. {@link #body()} is upstream's ErrorBody() (a cause's message) and
 * {@link #toString()} its Error() ({@code field: body}), so callers can build
 * {@code details.causes[]} and the status message without knowing the formats.
 *
 * @param reason the cause type, one of the {@code FIELD_VALUE_*} constants
 * @param field the field path, e.g. {@code spec.contactRefs[0].name}
 * @param detail the explanation after the value, empty when there is none
 * @param value the bad value as ErrorBody prints it ({@code "x"}, {@code 5}, {@code map[...]...}),
 *     or null when the body shows no value (Required, Forbidden, TooLong, and TooMany without a count)
 */
public record FieldError(String reason, String field, String detail, String value) {
  public static final String FIELD_VALUE_REQUIRED = "FieldValueRequired";
  public static final String FIELD_VALUE_INVALID = "FieldValueInvalid";
  public static final String FIELD_VALUE_NOT_SUPPORTED = "FieldValueNotSupported";
  public static final String FIELD_VALUE_TOO_LONG = "FieldValueTooLong";
  public static final String FIELD_VALUE_TOO_MANY = "FieldValueTooMany";
  public static final String FIELD_VALUE_DUPLICATE = "FieldValueDuplicate";
  public static final String FIELD_VALUE_FORBIDDEN = "FieldValueForbidden";
  public static final String FIELD_VALUE_NOT_FOUND = "FieldValueNotFound";
  public static final String FIELD_VALUE_TYPE_INVALID = "FieldValueTypeInvalid";

  public FieldError {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(field, "field");
    detail = detail == null ? "" : detail;
    if (typeText(reason) == null) {
      throw new IllegalArgumentException("unknown field error reason " + reason);
    }
  }

  /** field.Required: {@code Required value[: detail]}. */
  public static FieldError required(String field, String detail) {
    return new FieldError(FIELD_VALUE_REQUIRED, field, detail, null);
  }

  /** field.Invalid: {@code Invalid value: <value>[: detail]}. */
  public static FieldError invalid(String field, JsonNode value, String detail) {
    return new FieldError(FIELD_VALUE_INVALID, field, detail, GoFormat.errorValue(value));
  }

  /** field.Invalid with a string value. */
  public static FieldError invalid(String field, String value, String detail) {
    return invalid(field, text(value), detail);
  }

  /** field.TypeInvalid: worded as Invalid, reported as FieldValueTypeInvalid. */
  public static FieldError typeInvalid(String field, JsonNode value, String detail) {
    return new FieldError(FIELD_VALUE_TYPE_INVALID, field, detail, GoFormat.errorValue(value));
  }

  /** field.NotSupported: {@code Unsupported value: <value>: supported values: "a", "b"}. */
  public static FieldError notSupported(String field, JsonNode value, List<String> supported) {
    String detail = "";
    if (!supported.isEmpty()) {
      List<String> quoted = new ArrayList<>();
      supported.forEach(each -> quoted.add(GoFormat.quote(each)));
      detail = "supported values: " + String.join(", ", quoted);
    }
    return new FieldError(FIELD_VALUE_NOT_SUPPORTED, field, detail, GoFormat.errorValue(value));
  }

  /** field.TooLong: {@code Too long: may not be more than <max> bytes} (1.33 wording, whatever unit was counted). */
  public static FieldError tooLong(String field, long maxLength) {
    String detail = maxLength >= 0 ? "may not be more than " + maxLength + " bytes" : "value is too long";
    return new FieldError(FIELD_VALUE_TOO_LONG, field, detail, null);
  }

  /** field.TooMany: {@code Too many: <actual>: must have at most <max> items}. */
  public static FieldError tooMany(String field, long actual, long max) {
    String detail = max >= 0 ? "must have at most " + max + " items" : "has too many items";
    return new FieldError(FIELD_VALUE_TOO_MANY, field, detail, actual >= 0 ? Long.toString(actual) : null);
  }

  /** field.Duplicate: {@code Duplicate value: <value>}. */
  public static FieldError duplicate(String field, JsonNode value) {
    return new FieldError(FIELD_VALUE_DUPLICATE, field, "", GoFormat.errorValue(value));
  }

  /** field.Forbidden: {@code Forbidden[: detail]}. */
  public static FieldError forbidden(String field, String detail) {
    return new FieldError(FIELD_VALUE_FORBIDDEN, field, detail, null);
  }

  /** field.NotFound: {@code Not found: <value>}. */
  public static FieldError notFound(String field, JsonNode value) {
    return new FieldError(FIELD_VALUE_NOT_FOUND, field, "", GoFormat.errorValue(value));
  }

  /** field.NotFound with a string value. */
  public static FieldError notFound(String field, String value) {
    return notFound(field, text(value));
  }

  /** Upstream's ErrorBody(): the cause's message. */
  public String body() {
    String body = typeText(reason);
    if (value != null) {
      body += ": " + value;
    }
    if (!detail.isEmpty()) {
      body += ": " + detail;
    }
    return body;
  }

  /** Upstream's Error(): {@code field: body}. */
  @Override
  public String toString() {
    return field + ": " + body();
  }

  /**
   * ErrorList.ToAggregate().Error(): the errors' texts without repeats, alone when there is one,
   * otherwise joined with ", " inside brackets; empty for no errors.
   */
  public static String aggregate(List<FieldError> errors) {
    Set<String> messages = new LinkedHashSet<>();
    errors.forEach(error -> messages.add(error.toString()));
    if (messages.size() == 1) {
      return messages.iterator().next();
    }
    return messages.isEmpty() ? "" : "[" + String.join(", ", messages) + "]";
  }

  /**
   * The message of apierrors.NewInvalid: {@code Person.crm.milo.io "x" is invalid: <aggregate>}, or
   * without the colon part when there are no errors.
   */
  public static String invalidMessage(String kind, String group, String name, List<FieldError> errors) {
    String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
    String message = qualifiedKind + " " + GoFormat.quote(name) + " is invalid";
    return errors.isEmpty() ? message : message + ": " + aggregate(errors);
  }

  private static JsonNode text(String value) {
    return value == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(value);
  }

  private static String typeText(String reason) {
    return switch (reason) {
      case FIELD_VALUE_NOT_FOUND -> "Not found";
      case FIELD_VALUE_REQUIRED -> "Required value";
      case FIELD_VALUE_DUPLICATE -> "Duplicate value";
      case FIELD_VALUE_INVALID, FIELD_VALUE_TYPE_INVALID -> "Invalid value";
      case FIELD_VALUE_NOT_SUPPORTED -> "Unsupported value";
      case FIELD_VALUE_FORBIDDEN -> "Forbidden";
      case FIELD_VALUE_TOO_LONG -> "Too long";
      case FIELD_VALUE_TOO_MANY -> "Too many";
      default -> null;
    };
  }
}
