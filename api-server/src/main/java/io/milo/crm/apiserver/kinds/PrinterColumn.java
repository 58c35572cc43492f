package io.milo.crm.apiserver.kinds;

import java.util.Objects;
import java.util.Set;

/**
 * PrinterColumn is one column of the Table a kind answers {@code kubectl get} with, declared the way a
 * CRD declares its {@code additionalPrinterColumns}. As for CRDs, the {@code NAME} column is implicit
 * (the Table always starts with it) and every other column, {@code AGE} included, is declared.
 *
 * <p>A column takes its value either from the object itself through {@code jsonPath} (CRD syntax:
 * {@code .spec.name}, {@code .metadata.labels.crm\.milo\.io/source},
 * {@code .status.conditions[?(@.type=="Ready")].status}), or, where the value lives in other objects,
 * from the server-side {@code resolver} of that name (see {@link Resolvers}) - something no CRD can
 * print. Exactly one of the two is set. A {@code string} column whose path selects a list of strings
 * prints the elements joined with commas.
 *
 * @param name the column name as the Table carries it; kubectl prints it upper-cased
 * @param type the CRD column type: string, integer, number, boolean or date
 * @param jsonPath where the value is in the object, or null for a resolved column
 * @param description what the column shows (the Table's column description)
 * @param priority 0 for the default view, 1 for columns shown only with {@code -o wide}
 * @param resolver the name of the server-side resolver, or null for a column read from the object
 */
public record PrinterColumn(String name, String type, String jsonPath, String description, int priority, String resolver) {
  /** The column types CRDs allow. */
  public static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "date");

  public PrinterColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a printer column needs a name");
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("printer column " + name + ": type must be one of " + TYPES + ", got " + type);
    }
    if (priority != 0 && priority != 1) {
      throw new IllegalArgumentException("printer column " + name + ": priority must be 0 or 1, got " + priority);
    }
    if ((jsonPath == null) == (resolver == null)) {
      throw new IllegalArgumentException("printer column " + name + " needs exactly one of jsonPath and resolver");
    }
    if (jsonPath != null && !jsonPath.startsWith(".")) {
      throw new IllegalArgumentException("printer column " + name + ": jsonPath must start with '.', got " + jsonPath);
    }
  }

  /** A default-view column read from the object at {@code jsonPath}. */
  public static PrinterColumn of(String name, String type, String jsonPath, String description) {
    return new PrinterColumn(name, type, jsonPath, description, 0, null);
  }

  /** A default-view column whose value the server resolves from other objects. */
  public static PrinterColumn resolvedBy(String name, String type, String resolver, String description) {
    return new PrinterColumn(name, type, null, description, 0, resolver);
  }

  /** This column, shown only with {@code -o wide}. */
  public PrinterColumn wide() {
    return new PrinterColumn(name, type, jsonPath, description, 1, resolver);
  }

  /** Whether the value comes from a resolver rather than from the object. */
  public boolean isResolved() {
    return resolver != null;
  }
}
