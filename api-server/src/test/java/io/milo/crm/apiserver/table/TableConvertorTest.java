package io.milo.crm.apiserver.table;

import static io.milo.crm.apiserver.table.SampleObjects.NOW;
import static io.milo.crm.apiserver.table.SampleObjects.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.Kinds;
import io.milo.crm.apiserver.kinds.PrinterColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables of every declared kind, compared with what the kube-apiserver builds for the same CRD columns. */
class TableConvertorTest {
  private static final Map<String, List<Object>> NONE_RESOLVED = Map.of();

  private static KindDeclaration kind(String group, String kind) {
    return Kinds.byKind(group, kind).orElseThrow();
  }

  private static TableConvertor convertor(String group, String kind) {
    return TableConvertor.of(kind(group, kind));
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        // EMAIL is resolved; the other cells come from the object; CREATED BY is -o wide but always sent
        Arguments.of("crm.milo.io", "Person", SampleObjects.PERSON, Map.of("Email", List.of("john@acme.com")),
            "[\"john-doe-acme\",\"John Doe\",\"acme\",\"john@acme.com\",\"CTO\",\"newsletter-signup\",\"2d2h\","
                + "\"alice@milo.io\"]"),
        // no resolver values: EMAIL is null
        Arguments.of("crm.milo.io", "Person", SampleObjects.PERSON, NONE_RESOLVED,
            "[\"john-doe-acme\",\"John Doe\",\"acme\",null,\"CTO\",\"newsletter-signup\",\"2d2h\",\"alice@milo.io\"]"),
        // a list of strings in a string column is joined with commas (a CRD would print JSON), an hour ago is 60m
        Arguments.of("crm.milo.io", "Company", SampleObjects.COMPANY, Map.of("People", List.of(3L)),
            "[\"acme\",\"Acme Corp\",\"acme.com,acme.io\",\"referral\",\"60m\",\"2d2h\",3,"
                + "\"https://www.linkedin.com/company/acme\",\"alice@milo.io\"]"),
        // every optional field missing: null cells; an Integer count is an integer cell
        Arguments.of("crm.milo.io", "Company", SampleObjects.BARE_COMPANY, Map.of("People", List.of(0)),
            "[\"initech\",\"Initech\",null,null,null,\"30s\",0,null,null]"),
        // a boolean column keeps the boolean; NEXT ACTION TIME is a string column, printed as stored
        Arguments.of("crm.milo.io", "Note", SampleObjects.NOTE, NONE_RESOLVED,
            "[\"call-2026-11-20\",\"Person\",\"john-doe-acme\",\"alice@milo.io\",true,\"2026-12-01T09:00:00Z\","
                + "\"2d2h\"]"),
        // READY is the status of the condition of type Ready, wherever it is in the list
        Arguments.of("notification.milo.io", "Contact", SampleObjects.CONTACT, NONE_RESOLVED,
            "[\"john\",\"john@acme.com\",\"John\",\"Doe\",\"True\",\"2d2h\"]"),
        Arguments.of("notification.milo.io", "ContactGroup", SampleObjects.CONTACT_GROUP, NONE_RESOLVED,
            "[\"newsletter\",\"Newsletter\",\"public\",\"Unknown\",\"2d2h\"]"),
        Arguments.of("notification.milo.io", "ContactGroupMembership", SampleObjects.MEMBERSHIP, NONE_RESOLVED,
            "[\"john-newsletter\",\"john\",\"newsletter\",\"False\",\"2d2h\"]"),
        // no status yet: READY is null
        Arguments.of("notification.milo.io", "ContactGroupMembershipRemoval", SampleObjects.REMOVAL, NONE_RESOLVED,
            "[\"john-newsletter\",\"john\",\"newsletter\",null,\"2m30s\"]"));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("rows")
  void cellsFollowTheColumns(String group, String kind, String object, Map<String, List<Object>> resolved,
      String expectedCells) throws JsonProcessingException {
    ObjectNode table = convertor(group, kind).table(List.of(object(object)), ListMeta.of(object(object)),
        IncludeObject.NONE, "v1", true, resolved, NOW);

    assertThat(table.get("rows")).hasSize(1);
    assertThat(table.at("/rows/0/cells")).hasToString(SampleObjects.JSON.readTree(expectedCells).toString());
    assertThat(table.at("/columnDefinitions")).hasSize(table.at("/rows/0/cells").size());
  }

  static Stream<KindDeclaration> kinds() {
    return Kinds.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void columnDefinitionsAreNameThenTheDeclaredColumns(KindDeclaration kind) {
    JsonNode definitions = TableConvertor.of(kind).columnDefinitions();

    assertThat(definitions).hasSize(kind.printerColumns().size() + 1);
    assertThat(definitions.get(0)).isEqualTo(definition("Name", "string", "name", TableConvertor.NAME_DESCRIPTION, 0));
    for (int i = 0; i < kind.printerColumns().size(); i++) {
      PrinterColumn column = kind.printerColumns().get(i);
      assertThat(definitions.get(i + 1))
          .isEqualTo(definition(column.name(), column.type(), "", column.description(), column.priority()));
    }
  }

  @Test
  void personColumnsAreThePeopleOverviewPage() {
    JsonNode definitions = convertor("crm.milo.io", "Person").columnDefinitions();

    assertThat(definitions).map(d -> d.get("name").asText() + "/" + d.get("type").asText() + "/" + d.get("priority"))
        .containsExactly("Name/string/0", "Full Name/string/0", "Company/string/0", "Email/string/0",
            "Job Title/string/0", "Source/string/0", "Age/date/0", "Created By/string/1");
    assertThat(definitions.get(0).get("description").asText()).startsWith("Name must be unique within a namespace.");
  }

  @Test
  void aColumnWithoutDescriptionGetsUpstreamsDefault() {
    KindDeclaration person = kind("crm.milo.io", "Person");
    KindDeclaration bare = withColumns(person, List.of(PrinterColumn.of("Raw", "string", ".spec.name", "")));

    assertThat(TableConvertor.of(bare).columnDefinitions().get(1).get("description").asText())
        .isEqualTo("Custom resource definition column (in JSONPath format): .spec.name");
  }

  @Test
  void aColumnWhosePathDoesNotParseIsRefusedAtStartup() {
    KindDeclaration broken = withColumns(kind("crm.milo.io", "Person"),
        List.of(PrinterColumn.of("Broken", "string", ".spec.domains[", "never parses")));

    assertThatThrownBy(() -> TableConvertor.of(broken)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unrecognized column definition \".spec.domains[\"");
  }

  static Stream<Arguments> typedCells() {
    return Stream.of(
        // integer: int64 kept, float64 truncated, a string is null
        Arguments.of("integer", "{\"v\": 7}", "7"),
        Arguments.of("integer", "{\"v\": 7.9}", "7"),
        Arguments.of("integer", "{\"v\": \"7\"}", "null"),
        // number: any number as float64 (integral values print without a fraction, as Go's)
        Arguments.of("number", "{\"v\": 2}", "2"),
        Arguments.of("number", "{\"v\": 2.25}", "2.25"),
        Arguments.of("number", "{\"v\": true}", "null"),
        Arguments.of("boolean", "{\"v\": false}", "false"),
        Arguments.of("boolean", "{\"v\": \"true\"}", "null"),
        // date: only strings, aged
        Arguments.of("date", "{\"v\": \"2026-11-22T11:59:00Z\"}", "\"60s\""),
        Arguments.of("date", "{\"v\": \"yesterday\"}", "\"<invalid>\""),
        Arguments.of("date", "{\"v\": \"\"}", "\"<unknown>\""),
        Arguments.of("date", "{\"v\": 12}", "null"),
        // string: scalars printed with fmt, JSON null as <no value>, objects as JSON
        Arguments.of("string", "{\"v\": 12}", "\"12\""),
        Arguments.of("string", "{\"v\": true}", "\"true\""),
        Arguments.of("string", "{\"v\": null}", "\"<no value>\""),
        Arguments.of("string", "{\"v\": {\"b\": 1, \"a\": \"x\"}}", "\"{\\\"a\\\":\\\"x\\\",\\\"b\\\":1}\""),
        // nothing found: null for every type
        Arguments.of("string", "{}", "null"),
        Arguments.of("date", "{}", "null"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("typedCells")
  void cellsAreTypedByTheColumnType(String type, String spec, String expected) throws JsonProcessingException {
    KindDeclaration kind = withColumns(kind("crm.milo.io", "Person"), List.of(PrinterColumn.of("V", type, ".spec.v", "v")));
    ObjectNode object = object("{\"metadata\": {\"name\": \"x\"}, \"spec\": " + spec + "}");

    ObjectNode table = TableConvertor.of(kind).table(List.of(object), ListMeta.EMPTY, IncludeObject.NONE, "v1", true,
        NONE_RESOLVED, NOW);

    assertThat(table.at("/rows/0/cells/1")).hasToString(SampleObjects.JSON.readTree(expected).toString());
  }

  @Test
  void aPathThatFailsOnTheObjectGivesANullCell() {
    ObjectNode contact = object(SampleObjects.CONTACT);
    ((ObjectNode) contact.get("status")).put("conditions", "not a list");

    ObjectNode table = convertor("notification.milo.io", "Contact").table(List.of(contact), ListMeta.EMPTY,
        IncludeObject.NONE, "v1", true, NONE_RESOLVED, NOW);

    assertThat(table.at("/rows/0/cells/4").isNull()).isTrue();
  }

  @Test
  void aListTableCarriesTheListMetadataAndOneRowPerObjectInOrder() {
    TableConvertor companies = convertor("crm.milo.io", "Company");
    List<ObjectNode> objects = List.of(object(SampleObjects.COMPANY), object(SampleObjects.BARE_COMPANY));

    ObjectNode table = companies.table(objects, new ListMeta("2001", "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ", 5L),
        IncludeObject.METADATA, "v1", true, Map.of("People", Arrays.asList(3L, null)), NOW);

    assertThat(table.fieldNames()).toIterable().containsExactly("kind", "apiVersion", "metadata", "columnDefinitions", "rows");
    assertThat(table.get("kind").asText()).isEqualTo("Table");
    assertThat(table.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(table.get("metadata")).hasToString(
        "{\"resourceVersion\":\"2001\",\"continue\":\"eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ\",\"remainingItemCount\":5}");
    assertThat(table.get("rows")).map(row -> row.at("/cells/0").asText()).containsExactly("acme", "initech");
    assertThat(table.get("rows")).map(row -> row.at("/cells/6").toString()).containsExactly("3", "null");
  }

  @Test
  void anEmptyListHasNoRowsAndASingleObjectTableItsResourceVersion() {
    TableConvertor people = convertor("crm.milo.io", "Person");
    ObjectNode person = object(SampleObjects.PERSON);

    ObjectNode empty = people.table(List.of(), new ListMeta("99", null, null), IncludeObject.METADATA, "v1", true,
        NONE_RESOLVED, NOW);
    ObjectNode single = people.table(List.of(person), ListMeta.of(person), IncludeObject.METADATA, "v1", true,
        NONE_RESOLVED, NOW);

    assertThat(empty.get("rows").isArray()).isTrue();
    assertThat(empty.get("rows")).isEmpty();
    assertThat(empty.at("/metadata/resourceVersion").asText()).isEqualTo("99");
    assertThat(single.get("metadata").toString()).isEqualTo("{\"resourceVersion\":\"1042\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "v1beta1"})
  void metadataRowsHoldPartialObjectMetadataOfTheTablesVersion(String version) {
    ObjectNode person = object(SampleObjects.PERSON);

    ObjectNode table = convertor("crm.milo.io", "Person").table(List.of(person), ListMeta.of(person),
        IncludeObject.METADATA, version, true, NONE_RESOLVED, NOW);

    JsonNode rowObject = table.at("/rows/0/object");
    assertThat(table.get("apiVersion").asText()).isEqualTo("meta.k8s.io/" + version);
    assertThat(rowObject).isEqualTo(PartialObjectMetadata.of(person, version));
    assertThat(rowObject.get("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(rowObject.has("spec")).isFalse();
  }

  @ParameterizedTest
  @EnumSource(IncludeObject.class)
  void includeObjectDecidesWhatEachRowCarries(IncludeObject include) {
    ObjectNode contact = object(SampleObjects.CONTACT);

    JsonNode row = convertor("notification.milo.io", "Contact").table(List.of(contact), ListMeta.of(contact), include,
        "v1", true, NONE_RESOLVED, NOW).at("/rows/0");

    assertThat(row.fieldNames()).toIterable().containsExactly("cells", "object");
    switch (include) {
      case NONE -> assertThat(row.get("object").isNull()).isTrue();
      case METADATA -> assertThat(row.get("object")).isEqualTo(PartialObjectMetadata.of(contact, "v1"));
      case OBJECT -> assertThat(row.get("object")).isEqualTo(contact).isNotSameAs(contact);
      default -> throw new AssertionError(include);
    }
  }

  @Test
  void watchEventsAfterTheFirstCarryNullColumnDefinitions() {
    ObjectNode note = object(SampleObjects.NOTE);

    ObjectNode table = convertor("crm.milo.io", "Note").table(List.of(note), ListMeta.of(note), IncludeObject.METADATA,
        "v1", false, NONE_RESOLVED, NOW);

    assertThat(table.get("columnDefinitions").isNull()).isTrue();
    assertThat(table.at("/rows/0/cells")).hasSize(7);
  }

  @Test
  void aTableVersionOtherThanV1OrV1beta1IsNotAcceptable() {
    TableConvertor notes = convertor("crm.milo.io", "Note");

    assertThatThrownBy(() -> notes.table(List.of(), ListMeta.EMPTY, IncludeObject.NONE, "v2", true, NONE_RESOLVED, NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no Table exists in group version meta.k8s.io/v2");
  }

  @Test
  void resolvedValuesMustNameAResolvedColumnAndCoverEveryRow() {
    TableConvertor people = convertor("crm.milo.io", "Person");
    List<ObjectNode> two = List.of(object(SampleObjects.PERSON), object(SampleObjects.PERSON));
    Map<String, List<Object>> notResolved = Map.of("Full Name", List.of("x", "y"));
    Map<String, List<Object>> short1 = new HashMap<>(Map.of("Email", new ArrayList<>(List.of("a@b.c"))));

    assertThatThrownBy(() -> people.table(two, ListMeta.EMPTY, IncludeObject.NONE, "v1", true, notResolved, NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no resolved column is named Full Name");
    assertThatThrownBy(() -> people.table(two, ListMeta.EMPTY, IncludeObject.NONE, "v1", true, short1, NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("resolved column Email has 1 values for 2 rows");
  }

  private static ObjectNode definition(String name, String type, String format, String description, int priority) {
    ObjectNode definition = SampleObjects.JSON.createObjectNode();
    definition.put("name", name).put("type", type).put("format", format).put("description", description)
        .put("priority", priority);
    return definition;
  }

  private static KindDeclaration withColumns(KindDeclaration kind, List<PrinterColumn> columns) {
    return new KindDeclaration(kind.group(), kind.version(), kind.kind(), kind.plural(), kind.singular(),
        kind.shortNames(), kind.categories(), kind.namespaced(), kind.schema(), columns, kind.selectableFields(),
        kind.immutableFields(), kind.statusSubresource());
  }
}
