package io.milo.crm.apiserver.rest;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * WriteOptions are the query parameters every write takes (CreateOptions, UpdateOptions,
 * PatchOptions): {@code dryRun}, {@code fieldValidation} and {@code fieldManager}, validated as
 * k8s.io/apimachinery's ValidateCreateOptions & co do, each failure a 422 on the options' kind.
 *
 * @param dryRun whether to do everything but the write
 * @param fieldValidation Strict, Warn or Ignore (default Warn)
 * @param fieldManager who is writing (default: the User-Agent up to its first '/')
 */
public record WriteOptions(boolean dryRun, FieldValidation fieldValidation, String fieldManager) {
  /** How unknown and duplicate fields are answered. */
  public enum FieldValidation { STRICT, WARN, IGNORE }

  /** Reads and validates the options; optionsKind is e.g. "CreateOptions" for the error. */
  public static WriteOptions parse(MultiMap query, String userAgent, String optionsKind) {
    List<Cause> causes = new ArrayList<>();
    boolean dryRun = dryRun(query.getAll("dryRun"), causes);
    String validation = query.get("fieldValidation");
    FieldValidation fieldValidation = FieldValidation.WARN;
    if (validation != null && !validation.isEmpty()) {
      switch (validation) {
        case "Strict" -> fieldValidation = FieldValidation.STRICT;
        case "Warn" -> fieldValidation = FieldValidation.WARN;
        case "Ignore" -> fieldValidation = FieldValidation.IGNORE;
        default -> causes.add(new Cause("FieldValueNotSupported", "fieldValidation",
            "Unsupported value: \"" + validation + "\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\""));
      }
    }
    String manager = query.get("fieldManager");
    if (manager == null || manager.isEmpty()) {
      manager = defaultManager(userAgent);
    } else if (manager.length() > 128) {
      causes.add(new Cause("FieldValueTooLong", "fieldManager", "Too long: may not be more than 128 bytes"));
    } else if (!manager.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      causes.add(new Cause("FieldValueInvalid", "fieldManager",
          "Invalid value: \"" + manager + "\": must only contain printable characters"));
    }
    if (!causes.isEmpty()) {
      throw Cause.invalid("meta.k8s.io", optionsKind, causes);
    }
    return new WriteOptions(dryRun, fieldValidation, manager);
  }

  /** dryRun accepts only "All" (ValidateDryRun). */
  static boolean dryRun(List<String> values, List<Cause> causes) {
    if (values.isEmpty()) {
      return false;
    }
    if (values.size() == 1 && values.get(0).equals("All")) {
      return true;
    }
    causes.add(new Cause("FieldValueNotSupported", "dryRun", "Unsupported value: []string{"
        + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "}: supported values: \"All\""));
    return false;
  }

  /** The manager upstream derives from the User-Agent: its part before the first '/', at most 128 bytes. */
  static String defaultManager(String userAgent) {
    if (userAgent == null) {
      return "";
    }
    int slash = userAgent.indexOf('/');
    String manager = slash >= 0 ? userAgent.substring(0, slash) : userAgent;
    return manager.length() > 128 ? manager.substring(0, 128) : manager;
  }
}
