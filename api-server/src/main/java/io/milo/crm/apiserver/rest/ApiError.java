package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * ApiError is a request's failure as the client will see it: a {@code metav1.Status} with the
 * upstream code, reason, message and details (k8s.io/apimachinery pkg/api/errors). Handlers throw or
 * fail futures with it; {@link Responses#error} writes it.
 */
public final class ApiError extends RuntimeException {
  private final int code;
  private final String reason;
  private final ObjectNode details;
  private final Integer retryAfterSeconds;
  private String continueToken;

  private ApiError(int code, String reason, String message, ObjectNode details, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** The Retry-After the response carries, or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The Status object. */
  public ObjectNode status() {
    ObjectNode status = JsonNodeFactory.instance.objectNode().put("kind", "Status").put("apiVersion", "v1");
    ObjectNode metadata = status.putObject("metadata");
    if (continueToken != null) {
      metadata.put("continue", continueToken);
    }
    status.put("status", "Failure").put("message", getMessage()).put("reason", reason);
    if (details != null) {
      status.set("details", details.deepCopy());
    }
    return status.put("code", code);
  }

  static ObjectNode details(String name, String group, String kind) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    if (name != null && !name.isEmpty()) {
      details.put("name", name);
    }
    if (group != null && !group.isEmpty()) {
      details.put("group", group);
    }
    if (kind != null) {
      details.put("kind", kind);
    }
    return details;
  }

  public static ApiError of(int code, String reason, String message) {
    return new ApiError(code, reason, message, null, null);
  }

  public static ApiError badRequest(String message) {
    return of(400, "BadRequest", message);
  }

  public static ApiError notFound(String group, String plural, String name) {
    return new ApiError(404, "NotFound", qualified(plural, group) + " \"" + name + "\" not found",
        details(name, group, plural), null);
  }

  /** The generic 404 for a path nothing is served at. */
  public static ApiError pathNotFound() {
    return new ApiError(404, "NotFound", "the server could not find the requested resource", JsonNodeFactory.instance.objectNode(), null);
  }

  public static ApiError alreadyExists(String group, String plural, String name) {
    return new ApiError(409, "AlreadyExists", qualified(plural, group) + " \"" + name + "\" already exists",
        details(name, group, plural), null);
  }

  public static ApiError conflict(String group, String plural, String name, String message) {
    return new ApiError(409, "Conflict", message, details(name, group, plural), null);
  }

  /** 422 with one cause per field error, kind being the Kind (upstream NewInvalid). */
  public static ApiError invalid(String group, String kind, String name, String message, List<ObjectNode> causes) {
    ObjectNode details = details(name, group, kind);
    ArrayNode list = details.putArray("causes");
    causes.forEach(list::add);
    return new ApiError(422, "Invalid", message, details, null);
  }

  public static ApiError methodNotAllowed() {
    return new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
        JsonNodeFactory.instance.objectNode(), null);
  }

  /** 410 Expired; for a list, continueToken lets the client carry on inconsistently. */
  public static ApiError gone(String message, String continueToken) {
    ApiError error = of(410, "Expired", message);
    error.continueToken = continueToken;
    return error;
  }

  public static ApiError tooLarge(long limit) {
    return of(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit);
  }

  public static ApiError tooManyRequests() {
    ObjectNode details = JsonNodeFactory.instance.objectNode().put("retryAfterSeconds", 1);
    return new ApiError(429, "TooManyRequests", "Too many requests, please try again later.", details, 1);
  }

  public static ApiError timeout(String message, Integer retryAfterSeconds, ObjectNode details) {
    return new ApiError(504, "Timeout", message, details, retryAfterSeconds);
  }

  public static ApiError unavailable(String message) {
    ObjectNode details = JsonNodeFactory.instance.objectNode().put("retryAfterSeconds", 1);
    return new ApiError(503, "ServiceUnavailable", message, details, 1);
  }

  public static ApiError internal(String message) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.putArray("causes").addObject().put("message", message);
    return new ApiError(500, "InternalError", "Internal error occurred: " + message, details, null);
  }

  /** An error with a custom details object (e.g. an Expired list carrying a continue token in metadata). */
  public static ApiError withDetails(int code, String reason, String message, ObjectNode details) {
    return new ApiError(code, reason, message, details, null);
  }

  static String qualified(String plural, String group) {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}
