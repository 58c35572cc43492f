package io.milo.crm.storage;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * ResourceType tells the store what it needs to know of one kind of object: where its objects live
 * (group and plural resource name), whether they are namespaced, and which fields beside
 * {@code metadata.name} and {@code metadata.namespace} may be used in field selectors. The values
 * of those fields are kept in an indexed form, so selecting on them costs in proportion to the
 * result.
 *
 * @param group the API group, "" for the core group
 * @param resource the plural resource name, e.g. "people"
 * @param namespaced whether objects live in namespaces
 * @param selectableFields dotted field paths such as {@code spec.companyRef.name}
 * @param uniqueFields dotted field paths whose non-empty values are unique across the resource,
 *     compared case-insensitively (a database constraint: a write that would break it fails with
 *     {@link StorageException.UniqueValueTaken})
 * @param indexes list fields indexed element by element (see {@link TermIndex})
 */
public record ResourceType(String group, String resource, boolean namespaced, List<String> selectableFields,
    List<String> uniqueFields, List<TermIndex> indexes) {
  /** The field selectors every kind supports. */
  public static final Set<String> METADATA_FIELDS = Set.of("metadata.name", "metadata.namespace");

  public ResourceType {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(resource, "resource");
    if (resource.isEmpty()) {
      throw new IllegalArgumentException("a resource type needs a resource name");
    }
    selectableFields = List.copyOf(selectableFields);
    uniqueFields = List.copyOf(uniqueFields);
    indexes = List.copyOf(indexes);
    for (String field : selectableFields) {
      if (field.isEmpty() || field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
        throw new IllegalArgumentException("selectable field of " + this.qualifiedName() + " is not a dotted path: " + field);
      }
      if (METADATA_FIELDS.contains(field)) {
        throw new IllegalArgumentException(field + " is always selectable; do not declare it");
      }
    }
  }

  public ResourceType(String group, String resource, boolean namespaced) {
    this(group, resource, namespaced, List.of(), List.of(), List.of());
  }

  public ResourceType(String group, String resource, boolean namespaced, List<String> selectableFields) {
    this(group, resource, namespaced, selectableFields, List.of(), List.of());
  }

  public ResourceType(String group, String resource, boolean namespaced, List<String> selectableFields,
      List<String> uniqueFields) {
    this(group, resource, namespaced, selectableFields, uniqueFields, List.of());
  }

  /** The index named name; throws when the type has none of that name. */
  public TermIndex index(String name) {
    return indexes.stream().filter(i -> i.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(qualifiedName() + " has no index " + name));
  }

  /** Every field a field selector may name for this type. */
  public Set<String> supportedFieldSelectors() {
    var all = new java.util.HashSet<>(METADATA_FIELDS);
    all.addAll(selectableFields);
    return Set.copyOf(all);
  }

  /** "resource.group", as Kubernetes names a resource in messages. */
  public String qualifiedName() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
