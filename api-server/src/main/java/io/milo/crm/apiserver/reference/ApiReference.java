package io.milo.crm.apiserver.reference;

import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.PrinterColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * ApiReference writes docs/api.md, the API reference, from the kind declarations alone: for each
 * group and kind its resource names, scope, short names and categories, every schema field with its
 * type, whether it is required, its constraints and description, the printer columns
 * ({@code kubectl get}, and which need {@code -o wide}), the field selectors and the immutable fields.
 * Generating it keeps the reference true to what the server serves; ApiReferenceTest fails when the
 * committed file differs.
 */
public final class ApiReference {
  /** How to regenerate docs/api.md; written at its top and in the test's failure message. */
  public static final String REGENERATE =
      "mvn -pl api-server test -Dtest=ApiReferenceTest -Dapi.reference.write=true";

  private ApiReference() {}

  /** The whole reference as Markdown. */
  public static String markdown(List<KindDeclaration> kinds) {
    StringBuilder out = new StringBuilder();
    out.append("# API reference\n\n");
    out.append("Generated from the kind declarations in `api-server/src/main/java/io/milo/crm/apiserver/kinds/` by\n");
    out.append("`io.milo.crm.apiserver.reference.ApiReference`. Do not edit by hand; regenerate with\n");
    out.append("`").append(REGENERATE).append("`.\n\n");
    out.append("Every kind is served as the kube-apiserver serves a CustomResourceDefinition: `metadata` is the\n");
    out.append("standard ObjectMeta, `/status` is a subresource, and `kubectl get` prints the columns below.\n");
    List<String> groups = kinds.stream().map(KindDeclaration::apiVersion).distinct().toList();
    for (String group : groups) {
      out.append("\n## ").append(group).append("\n");
      for (KindDeclaration kind : kinds) {
        if (kind.apiVersion().equals(group)) {
          kind(kind, out);
        }
      }
    }
    out.append("\n").append(rules());
    return out.toString();
  }

  /** The hand-written section on the admission rules, kept next to this class. */
  private static String rules() {
    try (var in = ApiReference.class.getResourceAsStream("rules.md")) {
      if (in == null) {
        throw new IllegalStateException("rules.md is missing next to ApiReference");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void kind(KindDeclaration kind, StringBuilder out) {
    out.append("\n### ").append(kind.kind()).append("\n\n");
    String description = kind.schema().path("description").asText("");
    if (!description.isEmpty()) {
      out.append(description).append("\n\n");
    }
    out.append("| | |\n| --- | --- |\n");
    out.append("| Resource | `").append(kind.plural()).append("` (singular `").append(kind.singular()).append("`) |\n");
    out.append("| Scope | ").append(kind.namespaced() ? "Namespaced" : "Cluster").append(" |\n");
    out.append("| Short names | ").append(codes(kind.shortNames())).append(" |\n");
    out.append("| Categories | ").append(codes(kind.categories())).append(" |\n");
    out.append("| Subresources | ").append(kind.statusSubresource() ? "`status`" : "none").append(" |\n");
    fields(kind, out);
    columns(kind, out);
    out.append("\n#### Field selectors\n\n");
    out.append(codes(selectors(kind))).append("\n");
    out.append("\n#### Immutable fields\n\n");
    if (kind.immutableFields().isEmpty()) {
      out.append("none\n");
    } else {
      out.append("Once set, these may not change (422 `field is immutable`): ")
          .append(codes(kind.immutableFields())).append("\n");
    }
  }

  private static void fields(KindDeclaration kind, StringBuilder out) {
    out.append("\n#### Fields\n\n");
    out.append("| Field | Type | Required | Constraints | Description |\n| --- | --- | --- | --- | --- |\n");
    for (SchemaFields.Field field : SchemaFields.of(kind.schema())) {
      out.append("| `").append(field.path()).append("` | ").append(cell(field.type()))
          .append(" | ").append(field.required() ? "yes" : "")
          .append(" | ").append(cell(String.join("; ", field.constraints())))
          .append(" | ").append(cell(field.description())).append(" |\n");
    }
  }

  private static void columns(KindDeclaration kind, StringBuilder out) {
    out.append("\n#### Printer columns\n\n");
    out.append("| Column | Type | Value | Shown | Description |\n| --- | --- | --- | --- | --- |\n");
    out.append("| NAME | string | `.metadata.name` | always | The object's name. |\n");
    for (PrinterColumn column : kind.printerColumns()) {
      String value = column.isResolved()
          ? "resolved by the server (`" + column.resolver() + "`)"
          : "`" + column.jsonPath() + "`";
      out.append("| ").append(column.name().toUpperCase(Locale.ROOT))
          .append(" | ").append(column.type())
          .append(" | ").append(cell(value))
          .append(" | ").append(column.priority() == 0 ? "always" : "`-o wide`")
          .append(" | ").append(cell(column.description())).append(" |\n");
    }
  }

  private static List<String> selectors(KindDeclaration kind) {
    List<String> selectors = new ArrayList<>(List.of("metadata.name"));
    if (kind.namespaced()) {
      selectors.add("metadata.namespace");
    }
    kind.selectableFields().stream().filter(field -> !selectors.contains(field)).forEach(selectors::add);
    return selectors;
  }

  private static String codes(List<String> values) {
    return values.isEmpty() ? "none" : values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
  }

  /** A table cell: pipes escaped, line breaks flattened. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
