package io.milo.crm.apiserver.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.ResourceType;
import io.milo.crm.storage.TermIndex;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * KindDeclaration is everything the server needs to serve one kind the way the kube-apiserver serves a
 * CustomResourceDefinition: its names for discovery, its schema for validation, defaulting and
 * OpenAPI, its printer columns for Tables, the fields it can be selected by and the fields that may
 * not change. The HTTP layer is driven by these declarations alone; {@link Kinds} holds all of them.
 *
 * @param group the API group, e.g. "crm.milo.io"
 * @param version the served (and stored) version, "v1alpha1"
 * @param kind the kind, e.g. "Person"
 * @param plural the resource name in URLs, e.g. "people"
 * @param singular the singular name kubectl accepts, e.g. "person"
 * @param shortNames the short names kubectl accepts, e.g. "ppl"
 * @param categories the categories the kind belongs to ({@code kubectl get crm})
 * @param namespaced whether objects live in namespaces
 * @param schema the OpenAPI v3 structural schema of the whole object, in the form
 *     apiextensions.k8s.io/v1 uses (the accessor returns a copy)
 * @param printerColumns the Table columns after the implicit NAME, in order
 * @param selectableFields the field selectors the kind supports besides metadata.name and
 *     metadata.namespace
 * @param immutableFields dotted paths whose value may not change once set ("spec" for a whole spec);
 *     a change is refused with 422 "field is immutable"
 * @param statusSubresource whether {@code /status} is served (then the main resource ignores status)
 * @param uniqueFields dotted paths whose values no two objects of the kind may share (compared
 *     case-insensitively; the store guarantees it)
 * @param indexes list fields the store indexes element by element, for reverse lookups
 */
public record KindDeclaration(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    List<String> categories,
    boolean namespaced,
    ObjectNode schema,
    List<PrinterColumn> printerColumns,
    List<String> selectableFields,
    List<String> immutableFields,
    boolean statusSubresource,
    List<String> uniqueFields,
    List<TermIndex> indexes) {

  /** A kind without unique fields. */
  public KindDeclaration(String group, String version, String kind, String plural, String singular,
      List<String> shortNames, List<String> categories, boolean namespaced, ObjectNode schema,
      List<PrinterColumn> printerColumns, List<String> selectableFields, List<String> immutableFields,
      boolean statusSubresource) {
    this(group, version, kind, plural, singular, shortNames, categories, namespaced, schema, printerColumns,
        selectableFields, immutableFields, statusSubresource, List.of(), List.of());
  }

  /** This declaration with the store's unique fields and list indexes. */
  public KindDeclaration withStorage(List<String> unique, List<TermIndex> indexed) {
    return new KindDeclaration(group, version, kind, plural, singular, shortNames, categories, namespaced, schema,
        printerColumns, selectableFields, immutableFields, statusSubresource, unique, indexed);
  }

  public KindDeclaration {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plural, "plural");
    Objects.requireNonNull(singular, "singular");
    Objects.requireNonNull(schema, "schema");
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    schema = schema.deepCopy();
    printerColumns = List.copyOf(printerColumns);
    selectableFields = List.copyOf(selectableFields);
    immutableFields = List.copyOf(immutableFields);
    uniqueFields = List.copyOf(uniqueFields);
    indexes = List.copyOf(indexes);
    var columnNames = new HashSet<String>();
    for (PrinterColumn column : printerColumns) {
      if (!columnNames.add(column.name())) {
        throw new IllegalArgumentException(kind + ": two printer columns are named " + column.name());
      }
    }
  }

  /** A copy of the schema: the declaration stays as loaded whatever the caller does with it. */
  @Override
  public ObjectNode schema() {
    return schema.deepCopy();
  }

  /** "group/version", as objects of this kind carry it in {@code apiVersion}. */
  public String apiVersion() {
    return group + "/" + version;
  }

  /** What the store needs to know of this kind. */
  public ResourceType resourceType() {
    return new ResourceType(group, plural, namespaced, selectableFields, uniqueFields, indexes);
  }
}
