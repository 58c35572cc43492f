package io.milo.crm.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.PrinterColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * TableConvertor answers {@code kubectl get} for one kind: it turns objects into the meta.k8s.io Table
 * the kube-apiserver builds for a custom resource from its additionalPrinterColumns. Column definitions
 * and cells follow k8s.io/apiextensions-apiserver pkg/registry/customresource/tableconvertor (an
 * implicit Name column, then the declared columns; string cells printed by client-go jsonpath, typed
 * cells for integer, number and boolean, ages for date columns, null where the path finds nothing), and
 * the Table and its rows' {@code object} follow k8s.io/apiserver pkg/endpoints/handlers/response.go
 * (asTable). Columns resolved from other objects (Person EMAIL, Company PEOPLE) are not read here:
 * the caller passes their values, one per row.
 *
 * <p>A convertor is immutable and may be shared; build one per kind at startup.
 */
public final class TableConvertor {
  /** ObjectMeta's description of {@code name}, which the kube-apiserver gives the Name column. */
  public static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating "
      + "resources, although some resources may allow a client to request the generation of an appropriate name "
      + "automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be "
      + "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A declared column with its parsed path (null for a resolved column). */
  private record Column(PrinterColumn declared, JsonPath path) {}

  private final List<Column> columns;
  private final ArrayNode definitions;

  private TableConvertor(List<Column> columns, ArrayNode definitions) {
    this.columns = columns;
    this.definitions = definitions;
  }

  /**
   * The convertor of {@code kind}'s printer columns.
   *
   * @throws IllegalArgumentException when a column's jsonPath does not parse, with upstream's message
   *     {@code unrecognized column definition ".x"}
   */
  public static TableConvertor of(KindDeclaration kind) {
    List<Column> columns = new ArrayList<>();
    ArrayNode definitions = JSON.arrayNode();
    definitions.add(definition("Name", "string", "name", NAME_DESCRIPTION, 0));
    for (PrinterColumn column : kind.printerColumns()) {
      JsonPath path = column.isResolved() ? null : parse(column.jsonPath());
      columns.add(new Column(column, path));
      String description = column.description();
      if (description.isEmpty() && path != null) {
        description = "Custom resource definition column (in JSONPath format): " + column.jsonPath();
      }
      // PrinterColumn declares no format; a CRD column without one has format "".
      definitions.add(definition(column.name(), column.type(), "", description, column.priority()));
    }
    return new TableConvertor(List.copyOf(columns), definitions);
  }

  private static JsonPath parse(String path) {
    try {
      return JsonPath.parse(path);
    } catch (JsonPathException e) {
      throw new IllegalArgumentException("unrecognized column definition " + GoText.quote(path), e);
    }
  }

  private static ObjectNode definition(String name, String type, String format, String description, int priority) {
    ObjectNode definition = JSON.objectNode();
    definition.put("name", name);
    definition.put("type", type);
    definition.put("format", format);
    definition.put("description", description);
    definition.put("priority", priority);
    return definition;
  }

  /** The Table's {@code columnDefinitions}: Name, then the declared columns (a copy). */
  public ArrayNode columnDefinitions() {
    return definitions.deepCopy();
  }

  /**
   * The Table of {@code objects}: one row per object, in order. For a single-object get pass that
   * object alone with {@link ListMeta#of(ObjectNode)}.
   *
   * @param objects the objects, as served (apiVersion, kind, metadata, spec, status)
   * @param meta the list's resourceVersion, continue token and remaining item count
   * @param include what each row's {@code object} holds
   * @param tableVersion the meta.k8s.io version asked for: v1 or v1beta1
   * @param withColumnDefinitions false for the watch events after the first, whose Table carries
   *     {@code "columnDefinitions": null} as upstream's (TableOptions.NoHeaders)
   * @param resolved per resolved column name (e.g. "Email"), one value per object in the same order;
   *     a resolved column not in the map (or a null map) has null cells. Values: null, String, Long/Integer, Double,
   *     Boolean, Instant (date columns) or a Jackson node
   * @param now the time ages are measured to
   * @throws IllegalArgumentException when {@code tableVersion} is not served (upstream answers 406 with
   *     this message), or {@code resolved} names a column that is not resolved or has a list of the
   *     wrong length
   */
  public ObjectNode table(List<ObjectNode> objects, ListMeta meta, IncludeObject include, String tableVersion,
      boolean withColumnDefinitions, Map<String, List<Object>> resolved, Instant now) {
    Objects.requireNonNull(include, "include");
    Objects.requireNonNull(now, "now");
    String apiVersion = MetaVersions.apiVersion(tableVersion, "Table");
    Map<String, List<Object>> values = resolved == null ? Map.of() : resolved;
    checkResolved(values, objects.size());
    ObjectNode table = JSON.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", apiVersion);
    table.set("metadata", meta.toJson());
    table.set("columnDefinitions", withColumnDefinitions ? columnDefinitions() : NullNode.getInstance());
    ArrayNode rows = table.putArray("rows");
    for (int i = 0; i < objects.size(); i++) {
      ObjectNode object = objects.get(i);
      ObjectNode row = rows.addObject();
      row.set("cells", cells(object, values, i, now));
      row.set("object", rowObject(object, include, apiVersion));
    }
    return table;
  }

  private void checkResolved(Map<String, List<Object>> resolved, int rows) {
    for (Map.Entry<String, List<Object>> entry : resolved.entrySet()) {
      boolean known = columns.stream()
          .anyMatch(column -> column.declared().isResolved() && column.declared().name().equals(entry.getKey()));
      if (!known) {
        throw new IllegalArgumentException("no resolved column is named " + entry.getKey());
      }
      if (entry.getValue().size() != rows) {
        throw new IllegalArgumentException("resolved column " + entry.getKey() + " has " + entry.getValue().size()
            + " values for " + rows + " rows");
      }
    }
  }

  private ArrayNode cells(ObjectNode object, Map<String, List<Object>> resolved, int row, Instant now) {
    ArrayNode cells = JSON.arrayNode();
    JsonNode name = object.path("metadata").path("name");
    cells.add(TextNode.valueOf(name.isTextual() ? name.textValue() : ""));
    for (Column column : columns) {
      PrinterColumn declared = column.declared();
      if (declared.isResolved()) {
        List<Object> values = resolved.get(declared.name());
        cells.add(values == null ? NullNode.getInstance() : Cells.resolved(declared.type(), values.get(row), now));
      } else {
        cells.add(cell(column, object, now));
      }
    }
    return cells;
  }

  private static JsonNode cell(Column column, ObjectNode object, Instant now) {
    try {
      return Cells.fromPath(column.declared().type(), column.path().evaluate(object), now);
    } catch (JsonPathException e) {
      return NullNode.getInstance(); // upstream: a path that fails on this object gives an empty cell
    }
  }

  private static JsonNode rowObject(ObjectNode object, IncludeObject include, String apiVersion) {
    return switch (include) {
      case NONE -> NullNode.getInstance();
      case METADATA -> PartialObjectMetadata.partial(object, apiVersion);
      case OBJECT -> object.deepCopy();
    };
  }
}
