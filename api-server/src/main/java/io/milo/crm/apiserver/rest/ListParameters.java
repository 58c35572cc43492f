package io.milo.crm.apiserver.rest;

import io.milo.crm.storage.ListOptions;
import io.milo.crm.storage.ListOptions.ResourceVersionMatch;
import io.milo.crm.storage.WatchOptions;
import io.milo.crm.storage.selector.FieldSelector;
import io.milo.crm.storage.selector.LabelSelector;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * ListParameters are the query parameters of list and watch (metav1.ListOptions), parsed and then
 * validated as k8s.io/apimachinery's ValidateListOptions does: bad selectors are 400 with the
 * parser's message, invalid combinations of resourceVersion, resourceVersionMatch,
 * sendInitialEvents and allowWatchBookmarks are 422 on kind ListOptions.
 */
record ListParameters(
    LabelSelector labels,
    FieldSelector fields,
    int limit,
    String continueToken,
    String resourceVersion,
    ResourceVersionMatch match,
    boolean watch,
    boolean allowWatchBookmarks,
    Boolean sendInitialEvents,
    Long timeoutSeconds) {

  static ListParameters parse(MultiMap query, ServedKind kind) {
    LabelSelector labels = LabelSelector.parse(nonNull(query.get("labelSelector")));
    FieldSelector fields = FieldSelector.parse(nonNull(query.get("fieldSelector")));
    fields.requireSupported(kind.type().supportedFieldSelectors());
    int limit = (int) Math.min(Integer.MAX_VALUE, Math.max(0, number(query, "limit", 0L)));
    String continueToken = emptyToNull(query.get("continue"));
    String resourceVersion = query.get("resourceVersion");
    boolean watch = bool(query, "watch");
    boolean bookmarks = bool(query, "allowWatchBookmarks");
    String sendInitial = query.get("sendInitialEvents");
    Boolean sendInitialEvents = sendInitial == null || sendInitial.isEmpty() ? null : parseBool("sendInitialEvents", sendInitial);
    String timeout = query.get("timeoutSeconds");
    Long timeoutSeconds = timeout == null || timeout.isEmpty() ? null : number(query, "timeoutSeconds", 0L);
    List<Cause> causes = new ArrayList<>();
    ResourceVersionMatch match = match(query.get("resourceVersionMatch"), causes);
    validate(resourceVersion, match, continueToken, watch, bookmarks, sendInitialEvents, causes);
    if (!causes.isEmpty()) {
      throw Cause.invalid("meta.k8s.io", "ListOptions", causes);
    }
    return new ListParameters(labels, fields, limit, continueToken, resourceVersion, match, watch, bookmarks,
        sendInitialEvents, timeoutSeconds);
  }

  ListOptions listOptions(String namespace) {
    return new ListOptions(namespace, labels, fields, limit, continueToken, resourceVersion, match);
  }

  WatchOptions watchOptions(String namespace) {
    return new WatchOptions(namespace, labels, fields, resourceVersion, sendInitialEvents);
  }

  private static ResourceVersionMatch match(String value, List<Cause> causes) {
    if (value == null || value.isEmpty()) {
      return ResourceVersionMatch.UNSET;
    }
    return switch (value) {
      case "NotOlderThan" -> ResourceVersionMatch.NOT_OLDER_THAN;
      case "Exact" -> ResourceVersionMatch.EXACT;
      default -> {
        causes.add(new Cause("FieldValueNotSupported", "resourceVersionMatch", "Unsupported value: \"" + value
            + "\": supported values: \"Exact\", \"NotOlderThan\", \"\""));
        yield ResourceVersionMatch.UNSET;
      }
    };
  }

  /** ValidateListOptions: a watch's rules (validateWatchOptions) differ from a list's. */
  private static void validate(String rv, ResourceVersionMatch match, String continueToken, boolean watch,
      boolean bookmarks, Boolean sendInitialEvents, List<Cause> causes) {
    if (watch) {
      validateWatch(match, bookmarks, sendInitialEvents, causes);
      return;
    }
    if (sendInitialEvents != null) {
      causes.add(forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
    }
    if (match != ResourceVersionMatch.UNSET) {
      if (rv == null || rv.isEmpty()) {
        causes.add(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
      }
      if (continueToken != null) {
        causes.add(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
      }
      if (match == ResourceVersionMatch.EXACT && "0".equals(rv)) {
        causes.add(forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
      }
    }
  }

  private static void validateWatch(ResourceVersionMatch match, boolean bookmarks, Boolean sendInitialEvents,
      List<Cause> causes) {
    if (sendInitialEvents != null && match != ResourceVersionMatch.NOT_OLDER_THAN) {
      causes.add(forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
    }
    if (match != ResourceVersionMatch.UNSET) {
      if (sendInitialEvents == null) {
        causes.add(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
      }
      if (match != ResourceVersionMatch.NOT_OLDER_THAN) {
        causes.add(new Cause("FieldValueNotSupported", "resourceVersionMatch",
            "Unsupported value: \"Exact\": supported values: \"NotOlderThan\""));
      }
      if (!bookmarks) {
        causes.add(forbidden("allowWatchBookmarks", "allowWatchBookmarks must be set to true when resourceVersionMatch is set"));
      }
    }
  }

  private static Cause forbidden(String field, String detail) {
    return new Cause("FieldValueForbidden", field, "Forbidden: " + detail);
  }

  private static long number(MultiMap query, String name, long fallback) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
    }
  }

  private static boolean bool(MultiMap query, String name) {
    String value = query.get(name);
    return value != null && !value.isEmpty() && parseBool(name, value);
  }

  private static boolean parseBool(String name, String value) {
    return switch (value) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> throw ApiError.badRequest("strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
    };
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
