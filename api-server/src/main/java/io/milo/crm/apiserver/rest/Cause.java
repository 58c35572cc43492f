package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Cause is one field error of a 422 Invalid answer, in the shape of k8s.io/apimachinery's
 * field.Error: a cause type, the field path and the error body; {@code field: body} is its text.
 */
public record Cause(String reason, String field, String body) {
  public String text() {
    return field + ": " + body;
  }

  public ObjectNode json() {
    return JsonNodeFactory.instance.objectNode().put("reason", reason).put("message", body).put("field", field);
  }

  /** The aggregate text as ToAggregate().Error() prints it: one error alone, several in brackets. */
  public static String aggregate(List<Cause> causes) {
    if (causes.size() == 1) {
      return causes.get(0).text();
    }
    return "[" + String.join(", ", causes.stream().map(Cause::text).toList()) + "]";
  }

  /** {@code <Kind>.<group> "<name>" is invalid: ...} as errors.NewInvalid words it. */
  public static ApiError invalid(String group, String kind, String name, List<Cause> causes) {
    String qualified = group.isEmpty() ? kind : kind + "." + group;
    return ApiError.invalid(group, kind, name, qualified + " \"" + name + "\" is invalid: " + aggregate(causes),
        causes.stream().map(Cause::json).toList());
  }

  /** For options kinds, whose objects have no name. */
  public static ApiError invalid(String group, String kind, List<Cause> causes) {
    return invalid(group, kind, "", causes);
  }
}
