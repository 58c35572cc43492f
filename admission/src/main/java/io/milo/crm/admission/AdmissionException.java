package io.milo.crm.admission;

import java.util.List;

/**
 * AdmissionException is a plugin's refusal, with what the client is told: an HTTP code, a
 * {@code metav1.Status} reason and message, and for 422 the field causes. The API layer writes it
 * as a Status naming the object.
 */
public final class AdmissionException extends RuntimeException {
  /** One field error: the cause type (FieldValueNotFound ...), the field path and the error body. */
  public record Cause(String reason, String field, String body) {
    public String text() {
      return field + ": " + body;
    }
  }

  private final int code;
  private final String reason;
  private final List<Cause> causes;
  private final String group;
  private final String kind;
  private final String name;

  private AdmissionException(int code, String reason, String message, List<Cause> causes, String group, String kind,
      String name) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.causes = List.copyOf(causes);
    this.group = group;
    this.kind = kind;
    this.name = name;
  }

  /** 422 Invalid on the request's object, message as errors.NewInvalid words it. */
  public static AdmissionException invalid(AdmissionAttributes request, List<Cause> causes) {
    String aggregate = causes.size() == 1 ? causes.get(0).text()
        : "[" + String.join(", ", causes.stream().map(Cause::text).toList()) + "]";
    return new AdmissionException(422, "Invalid", request.kind() + "." + request.group() + " \"" + request.name()
        + "\" is invalid: " + aggregate, causes, request.group(), request.kind(), request.name());
  }

  public static AdmissionException invalid(AdmissionAttributes request, Cause cause) {
    return invalid(request, List.of(cause));
  }

  /** 409 Conflict, as errors.NewConflict words it for the request's object. */
  public static AdmissionException conflict(AdmissionAttributes request, String detail) {
    return new AdmissionException(409, "Conflict", "Operation cannot be fulfilled on " + request.resource() + "."
        + request.group() + " \"" + request.name() + "\": " + detail, List.of(), request.group(), request.resource(),
        request.name());
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public List<Cause> causes() {
    return causes;
  }

  /** The Status details' group. */
  public String group() {
    return group;
  }

  /** The Status details' kind: the Kind for 422, the resource for 409, as upstream's errors do. */
  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  /** field.NotFound with a detail naming what is missing. */
  public static Cause notFound(String field, String value, String detail) {
    return new Cause("FieldValueNotFound", field, "Not found: " + quote(value) + ": " + detail);
  }

  /** field.Duplicate with a detail naming the other object. */
  public static Cause duplicate(String field, String value, String detail) {
    return new Cause("FieldValueDuplicate", field, "Duplicate value: " + quote(value) + ": " + detail);
  }

  /** field.Invalid. */
  public static Cause invalidValue(String field, String value, String detail) {
    return new Cause("FieldValueInvalid", field, "Invalid value: " + quote(value) + ": " + detail);
  }

  /** field.Forbidden. */
  public static Cause forbidden(String field, String detail) {
    return new Cause("FieldValueForbidden", field, "Forbidden: " + detail);
  }

  /** A Go %q-style quoted string. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
