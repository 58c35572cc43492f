package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.StorageException;

/**
 * StorageErrors turns the store's failures into the API's (upstream storeerr.Interpret*): not found,
 * already exists and conflicts name the resource and object; an expired resourceVersion is 410; a
 * resourceVersion the store has not reached is 504 with Retry-After; an unreachable database 503.
 */
final class StorageErrors {
  private StorageErrors() {}

  static ApiError toApiError(ServedKind kind, StorageException failure) {
    String group = kind == null ? "" : kind.group();
    String plural = kind == null ? "" : kind.plural();
    if (failure instanceof StorageException.NotFound notFound) {
      return ApiError.notFound(group, plural, notFound.key().name());
    }
    if (failure instanceof StorageException.AlreadyExists exists) {
      return ApiError.alreadyExists(group, plural, exists.key().name());
    }
    if (failure instanceof StorageException.UniqueValueTaken taken && kind != null) {
      return Cause.invalid(group, kind.kind(), taken.key().name(), java.util.List.of(new Cause("FieldValueDuplicate",
          taken.field(), "Duplicate value: \"" + taken.value() + "\"")));
    }
    if (failure instanceof StorageException.Conflict conflict) {
      return ApiError.conflict(group, plural, conflict.key().name(), conflict.getMessage());
    }
    if (failure instanceof StorageException.Expired expired) {
      return ApiError.gone(expired.getMessage(), expired.continueToken());
    }
    if (failure instanceof StorageException.TooLargeResourceVersion) {
      ObjectNode details = JsonNodeFactory.instance.objectNode();
      details.putArray("causes").addObject().put("reason", "ResourceVersionTooLarge").put("message", "Too large resource version");
      details.put("retryAfterSeconds", 1);
      return ApiError.timeout("Timeout: " + failure.getMessage(), 1, details);
    }
    if (failure instanceof StorageException.BadRequest) {
      return ApiError.badRequest(failure.getMessage());
    }
    return ApiError.unavailable(failure.getMessage());
  }
}
