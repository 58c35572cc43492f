package io.milo.crm.apiserver.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.ResourceType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The declarations checked against a second transcription of resources.md (the tables below) and
 * against their own schemas: every name, column, selectable and immutable field must exist where the
 * HTTP layer will look for it.
 */
class KindsTest {
  private static final String CRM = "crm.milo.io";
  private static final String NOTIFICATION = "notification.milo.io";
  private static final String SOURCE_PATH = ".metadata.labels.crm\\.milo\\.io/source";
  private static final Set<String> FORMATS = Set.of("date-time", "int64");

  /** One kind as resources.md describes it. Columns are upper-cased as kubectl prints them, without the implicit NAME. */
  record Expected(String group, String kind, String plural, String singular, List<String> shortNames,
      String category, boolean namespaced, List<String> columns, List<String> wideColumns,
      List<String> selectableFields, List<String> immutableFields) {
    @Override
    public String toString() {
      return kind;
    }
  }

  static final List<Expected> RESOURCES_MD = List.of(
      new Expected(CRM, "Person", "people", "person", List.of("ppl"), "crm", false,
          List.of("FULL NAME", "COMPANY", "EMAIL", "JOB TITLE", "SOURCE", "AGE"), List.of("CREATED BY"),
          List.of("spec.companyRef.name", "spec.userRef.name", "spec.creatorRef.name", "status.createdBy"),
          List.of("spec.creatorRef")),
      new Expected(CRM, "Company", "companies", "company", List.of("co"), "crm", false,
          List.of("DISPLAY NAME", "DOMAINS", "SOURCE", "LAST INTERACTION", "AGE"), List.of("PEOPLE", "LINKEDIN", "CREATED BY"),
          List.of("spec.organizationRef.name", "spec.creatorRef.name", "status.createdBy"),
          List.of("spec.creatorRef")),
      new Expected(CRM, "Note", "notes", "note", List.of(), "crm", false,
          List.of("SUBJECT KIND", "SUBJECT", "CREATOR", "FOLLOW UP", "NEXT ACTION TIME", "AGE"), List.of(),
          List.of("spec.subjectRef.apiGroup", "spec.subjectRef.kind", "spec.subjectRef.name", "spec.subjectRef.namespace",
              "spec.creatorRef.name", "spec.followUp", "spec.nextActionTime", "status.createdBy"),
          List.of("spec.subjectRef", "spec.creatorRef")),
      new Expected(NOTIFICATION, "Contact", "contacts", "contact", List.of(), "notification", true,
          List.of("EMAIL", "GIVEN NAME", "FAMILY NAME", "READY", "AGE"), List.of(),
          List.of("spec.email", "spec.subject.name", "spec.subject.kind"),
          List.of("spec.subject")),
      new Expected(NOTIFICATION, "ContactGroup", "contactgroups", "contactgroup", List.of(), "notification", true,
          List.of("DISPLAY NAME", "VISIBILITY", "READY", "AGE"), List.of(),
          List.of("spec.visibility", "spec.displayName"),
          List.of("spec.visibility")),
      new Expected(NOTIFICATION, "ContactGroupMembership", "contactgroupmemberships", "contactgroupmembership", List.of(),
          "notification", true,
          List.of("CONTACT", "GROUP", "READY", "AGE"), List.of(),
          List.of("spec.contactRef.name", "spec.contactRef.namespace", "spec.contactGroupRef.name",
              "spec.contactGroupRef.namespace", "status.username"),
          List.of("spec")),
      new Expected(NOTIFICATION, "ContactGroupMembershipRemoval", "contactgroupmembershipremovals",
          "contactgroupmembershipremoval", List.of(), "notification", true,
          List.of("CONTACT", "GROUP", "READY", "AGE"), List.of(),
          List.of("spec.contactRef.name", "spec.contactGroupRef.name", "status.username"),
          List.of("spec")));

  /** Field rules of resources.md, as (kind, schema path, keyword, expected value as JSON). */
  static Stream<Arguments> schemaRules() {
    return Stream.of(
        rule("Person", ".spec", "required", "[\"name\"]"),
        rule("Person", ".spec.name", "minLength", "1"),
        rule("Person", ".spec.name", "maxLength", "256"),
        rule("Person", ".spec.jobTitle", "maxLength", "256"),
        rule("Person", ".spec.companyRef", "required", "[\"name\"]"),
        rule("Person", ".spec.contactRefs[*]", "required", "[\"name\",\"namespace\"]"),
        rule("Person", ".spec.contactRefs[*].type", "enum", "[\"work\",\"personal\",\"other\"]"),
        rule("Person", ".spec.contactRefs[*].primary", "type", "\"boolean\""),
        rule("Person", ".spec.contactRefs", "x-kubernetes-list-map-keys", "[\"namespace\",\"name\"]"),
        rule("Person", ".spec.userRef", "required", "[\"name\"]"),
        rule("Company", ".spec", "required", "[\"displayName\"]"),
        rule("Company", ".spec.displayName", "minLength", "1"),
        rule("Company", ".spec.displayName", "maxLength", "256"),
        rule("Company", ".spec.description", "maxLength", "4096"),
        rule("Company", ".spec.domains", "x-kubernetes-list-type", "\"set\""),
        rule("Company", ".spec.organizationRef", "required", "[\"name\"]"),
        rule("Company", ".status.lastInteractionTime", "format", "\"date-time\""),
        rule("Note", ".spec", "required", "[\"subjectRef\",\"content\"]"),
        rule("Note", ".spec.subjectRef", "required", "[\"apiGroup\",\"kind\",\"name\"]"),
        rule("Note", ".spec.subjectRef.apiGroup", "enum", "[\"crm.milo.io\",\"notification.milo.io\",\"iam.miloapis.com\"]"),
        rule("Note", ".spec.subjectRef.kind", "enum", "[\"Person\",\"Company\",\"Contact\",\"User\"]"),
        rule("Note", ".spec.content", "minLength", "1"),
        rule("Note", ".spec.content", "maxLength", "1000"),
        rule("Note", ".spec.interactionTime", "format", "\"date-time\""),
        rule("Note", ".spec.nextAction", "maxLength", "256"),
        rule("Note", ".spec.nextActionTime", "format", "\"date-time\""),
        rule("Note", ".spec.followUp", "default", "false"),
        rule("Contact", ".spec", "required", "[\"email\"]"),
        rule("Contact", ".spec.givenName", "maxLength", "256"),
        rule("Contact", ".spec.familyName", "maxLength", "256"),
        rule("Contact", ".spec.subject", "required", "[\"apiGroup\",\"kind\",\"name\"]"),
        rule("Contact", ".spec.subject.apiGroup", "enum", "[\"iam.miloapis.com\"]"),
        rule("Contact", ".spec.subject.kind", "enum", "[\"User\"]"),
        rule("Contact", ".status.providers[*].name", "enum", "[\"Resend\",\"Loops\"]"),
        rule("Contact", ".status.providers", "x-kubernetes-list-map-keys", "[\"name\"]"),
        rule("Contact", ".status.providerID", "type", "\"string\""),
        rule("ContactGroup", ".spec", "required", "[\"displayName\",\"visibility\"]"),
        rule("ContactGroup", ".spec.visibility", "enum", "[\"public\",\"private\"]"),
        rule("ContactGroup", ".spec.providers", "maxItems", "1"),
        rule("ContactGroup", ".spec.providers[*].name", "enum", "[\"Loops\"]"),
        rule("ContactGroup", ".status.providers[*].name", "enum", "[\"Resend\",\"Loops\"]"),
        rule("ContactGroup", ".status.providerID", "type", "\"string\""),
        rule("ContactGroupMembership", ".spec", "required", "[\"contactRef\",\"contactGroupRef\"]"),
        rule("ContactGroupMembership", ".spec.contactRef", "required", "[\"name\",\"namespace\"]"),
        rule("ContactGroupMembership", ".spec.contactGroupRef", "required", "[\"name\",\"namespace\"]"),
        rule("ContactGroupMembership", ".status.username", "type", "\"string\""),
        rule("ContactGroupMembership", ".status.providers[*].name", "enum", "[\"Resend\",\"Loops\"]"),
        rule("ContactGroupMembershipRemoval", ".spec", "required", "[\"contactRef\",\"contactGroupRef\"]"),
        rule("ContactGroupMembershipRemoval", ".spec.contactRef", "required", "[\"name\",\"namespace\"]"),
        rule("ContactGroupMembershipRemoval", ".spec.contactGroupRef", "required", "[\"name\",\"namespace\"]"),
        rule("ContactGroupMembershipRemoval", ".status.username", "type", "\"string\""));
  }

  private static Arguments rule(String kind, String path, String keyword, String json) {
    return Arguments.of(kind, path, keyword, json);
  }

  static List<KindDeclaration> kinds() {
    return Kinds.all();
  }

  static Stream<Arguments> columns() {
    return Kinds.all().stream().flatMap(k -> k.printerColumns().stream().map(c -> Arguments.of(k, c)));
  }

  @Test
  void exactlyTheSevenKindsOfResourcesMdAreServedInTwoGroups() {
    assertThat(Kinds.all()).extracting(KindDeclaration::kind)
        .containsExactlyElementsOf(RESOURCES_MD.stream().map(Expected::kind).toList());
    assertThat(Kinds.groups()).containsExactly(CRM, NOTIFICATION);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void namesAndScopeAreThoseOfResourcesMd(Expected e) {
    KindDeclaration k = Kinds.byKind(e.group(), e.kind()).orElseThrow();
    assertThat(Kinds.byResource(e.group(), e.plural())).containsSame(k);
    assertThat(k.version()).isEqualTo("v1alpha1");
    assertThat(k.apiVersion()).isEqualTo(e.group() + "/v1alpha1");
    assertThat(k.plural()).isEqualTo(e.plural());
    assertThat(k.singular()).isEqualTo(e.singular());
    assertThat(k.shortNames()).isEqualTo(e.shortNames());
    assertThat(k.categories()).containsExactly(e.category());
    assertThat(k.namespaced()).isEqualTo(e.namespaced());
    assertThat(k.statusSubresource()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void columnsAndFieldsAreThoseOfResourcesMd(Expected e) {
    KindDeclaration k = Kinds.byKind(e.group(), e.kind()).orElseThrow();
    assertThat(columnNames(k, 0)).as("default columns").isEqualTo(e.columns());
    assertThat(columnNames(k, 1)).as("-o wide columns").isEqualTo(e.wideColumns());
    assertThat(k.selectableFields()).containsExactlyInAnyOrderElementsOf(e.selectableFields());
    assertThat(k.immutableFields()).containsExactlyInAnyOrderElementsOf(e.immutableFields());
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("schemaRules")
  void schemaRulesAreThoseOfResourcesMd(String kind, String path, String keyword, String json) {
    JsonNode node = SchemaPaths.jsonPath(schemaOf(kind), path);
    assertThat(node).as(kind + " " + path).isNotNull();
    assertThat(node.get(keyword)).as(kind + " " + path + " " + keyword).isEqualTo(json(json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everySelectableFieldIsAScalarOfTheSchema(KindDeclaration k) {
    for (String field : k.selectableFields()) {
      JsonNode node = SchemaPaths.field(k.schema(), field);
      assertThat(node).as(k.kind() + " selectable field " + field).isNotNull();
      assertThat(node.path("type").asText()).as(k.kind() + " " + field + " type").isIn("string", "boolean", "integer");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("columns")
  void everyColumnPathLandsOnAValueOfTheColumnsType(KindDeclaration k, PrinterColumn column) {
    if (column.isResolved()) {
      return;
    }
    JsonNode node = SchemaPaths.jsonPath(k.schema(), column.jsonPath());
    assertThat(node).as(k.kind() + " column " + column.name() + " at " + column.jsonPath()).isNotNull();
    String type = node.path("type").asText();
    switch (column.type()) {
      case "date" -> assertThat(type + " " + node.path("format").asText()).isEqualTo("string date-time");
      case "boolean", "integer" -> assertThat(type).isEqualTo(column.type());
      case "number" -> assertThat(type).isIn("number", "integer");
      default -> assertThat(type.equals("string") || type.equals("array") && node.path("items").path("type").asText().equals("string"))
          .as(k.kind() + " string column " + column.name() + " is a string or a list of strings, not " + type).isTrue();
    }
  }

  @Test
  void onlyPersonEmailAndCompanyPeopleAreResolvedByTheServer() {
    List<String> resolved = new ArrayList<>();
    for (KindDeclaration k : Kinds.all()) {
      for (PrinterColumn c : k.printerColumns()) {
        if (c.isResolved()) {
          resolved.add(k.kind() + " " + c.name().toUpperCase(Locale.ROOT) + " " + c.resolver() + " " + c.type());
        }
      }
    }
    assertThat(resolved).containsExactly(
        "Person EMAIL " + Resolvers.PERSON_EMAIL + " string",
        "Company PEOPLE " + Resolvers.COMPANY_PEOPLE + " integer");
  }

  @Test
  void columnTypesAndPathsThatResourcesMdSpellsOut() {
    assertThat(column("Person", "SOURCE").jsonPath()).isEqualTo(SOURCE_PATH);
    assertThat(column("Company", "SOURCE").jsonPath()).isEqualTo(SOURCE_PATH);
    assertThat(column("Company", "DOMAINS").jsonPath()).isEqualTo(".spec.domains");
    assertThat(column("Note", "NEXT ACTION TIME").type()).isEqualTo("string");
    assertThat(column("Company", "LAST INTERACTION").type()).isEqualTo("date");
    for (KindDeclaration k : Kinds.all()) {
      assertThat(column(k.kind(), "AGE")).isEqualTo(Columns.AGE);
    }
    for (String kind : List.of("Contact", "ContactGroup", "ContactGroupMembership", "ContactGroupMembershipRemoval")) {
      assertThat(column(kind, "READY").jsonPath()).isEqualTo(".status.conditions[?(@.type==\"Ready\")].status");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyImmutableFieldIsInTheSchema(KindDeclaration k) {
    for (String field : k.immutableFields()) {
      assertThat(SchemaPaths.field(k.schema(), field)).as(k.kind() + " immutable field " + field).isNotNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyRequiredEntryIsADeclaredProperty(KindDeclaration k) {
    assertThat(k.schema().get("required")).as("the root requires spec").containsExactly(json("\"spec\""));
    SchemaPaths.walk(k.schema(), k.kind(), (path, node) -> {
      for (JsonNode required : node.path("required")) {
        assertThat(node.path("properties").has(required.asText())).as(path + " requires " + required).isTrue();
      }
      for (JsonNode key : node.path("x-kubernetes-list-map-keys")) {
        assertThat(node.path("items").path("required")).as(path + " map key " + key + " is required").contains(key);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void schemaIsStructuralAndDescribed(KindDeclaration k) {
    ObjectNode schema = k.schema();
    SchemaPaths.walk(schema, k.kind(), (path, node) -> {
      String type = node.path("type").asText();
      assertThat(type).as(path + " type").isIn("object", "array", "string", "integer", "number", "boolean");
      assertThat(node.path("description").asText()).as(path + " description").isNotBlank();
      boolean rootMetadata = node == schema.path("properties").get("metadata");
      if (type.equals("object") && !rootMetadata) {
        assertThat(node.has("properties") || node.path("x-kubernetes-preserve-unknown-fields").asBoolean())
            .as(path + " declares its properties").isTrue();
      }
      if (type.equals("array")) {
        assertThat(node.has("items")).as(path + " declares its items").isTrue();
      }
      if (node.has("format")) {
        assertThat(node.get("format").asText()).as(path + " format").isIn(FORMATS);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void defaultsAndEnumsConformToTheirOwnSchema(KindDeclaration k) {
    SchemaPaths.walk(k.schema(), k.kind(), (path, node) -> {
      if (node.has("default")) {
        assertThat(SchemaValues.violations(node, node.get("default"), path + " default")).isEmpty();
      }
      ObjectNode withoutEnum = ((ObjectNode) node).deepCopy();
      withoutEnum.remove("enum");
      for (JsonNode member : node.path("enum")) {
        assertThat(SchemaValues.violations(withoutEnum, member, path + " enum")).isEmpty();
      }
    });
  }

  @Test
  void conditionsAreMetav1ConditionsAndNotificationObjectsStartPending() {
    JsonNode condition = SchemaPaths.jsonPath(schemaOf("Person"), ".status.conditions[*]");
    assertThat(condition.get("required")).hasSize(5);
    assertThat(condition.path("properties").path("status").get("enum")).hasSize(3);
    for (KindDeclaration k : Kinds.all()) {
      JsonNode conditions = SchemaPaths.jsonPath(k.schema(), ".status.conditions");
      assertThat(conditions.get("items")).as(k.kind()).isEqualTo(condition);
      assertThat(conditions.get("x-kubernetes-list-map-keys")).as(k.kind()).containsExactly(json("\"type\""));
      JsonNode initial = conditions.path("default").path(0);
      if (k.group().equals(NOTIFICATION)) {
        assertThat(conditions.get("default")).as(k.kind()).hasSize(1);
        assertThat(initial.path("type").asText() + " " + initial.path("status").asText() + " " + initial.path("reason").asText())
            .isEqualTo("Ready Unknown CreatePending");
      } else {
        assertThat(conditions.has("default")).as(k.kind()).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void resourceTypeRoundTrips(KindDeclaration k) {
    ResourceType type = k.resourceType();
    // The store must see the declared scope and every selectable field, or field selectors fail at run time.
    assertThat(type.namespaced()).isEqualTo(k.group().equals("notification.milo.io"));
    assertThat(type.qualifiedName()).isEqualTo(k.plural() + "." + k.group());
    Set<String> supported = new HashSet<>(k.selectableFields());
    supported.addAll(ResourceType.METADATA_FIELDS);
    assertThat(type.supportedFieldSelectors()).isEqualTo(supported);
  }

  @Test
  void unknownNamesAreNotFound() {
    assertThat(Kinds.byResource(CRM, "person")).isEmpty();
    assertThat(Kinds.byResource(NOTIFICATION, "people")).isEmpty();
    assertThat(Kinds.byKind(CRM, "Contact")).isEmpty();
    assertThat(Kinds.byKind(CRM, "person")).isEmpty();
  }

  @Test
  void aDeclarationsSchemaCannotBeChangedThroughItsAccessor() {
    KindDeclaration person = Kinds.byKind(CRM, "Person").orElseThrow();
    person.schema().put("description", "changed");
    assertThat(person.schema().get("description").asText()).isNotEqualTo("changed");
  }

  @Test
  void aMissingSchemaFileStopsLoadingNamingTheKind() {
    assertThatThrownBy(() -> Kinds.load(replacing("note.json", null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("kind Note: schema file io/milo/crm/apiserver/kinds/note.json not found");
  }

  @Test
  void aBrokenSchemaFileStopsLoadingNamingTheKindAndTheProblem() {
    assertThatThrownBy(() -> Kinds.load(replacing("contact.json", "{\"type\": \"object\",")))
        .hasMessageStartingWith("kind Contact: schema file io/milo/crm/apiserver/kinds/contact.json is not valid JSON: ")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> Kinds.load(replacing("contact.json", "{\"type\": \"object\", \"type\": \"object\"}")))
        .hasMessageContaining("kind Contact").hasMessageContaining("Duplicate field 'type'");
    assertThatThrownBy(() -> Kinds.load(replacing("company.json", "[]")))
        .hasMessageStartingWith("kind Company: schema file io/milo/crm/apiserver/kinds/company.json must hold an object schema");
    assertThatThrownBy(() -> Kinds.load(replacing("company.json", "{\"type\": \"object\", \"properties\": {\"spec\": {}}}")))
        .hasMessageStartingWith("kind Company: schema file io/milo/crm/apiserver/kinds/company.json declares no property apiVersion");
  }

  @Test
  void aPrinterColumnHasEitherAPathOrAResolver() {
    assertThatThrownBy(() -> new PrinterColumn("X", "string", ".spec.x", "x", 0, "r"))
        .hasMessage("printer column X needs exactly one of jsonPath and resolver");
    assertThatThrownBy(() -> new PrinterColumn("X", "string", null, "x", 0, null))
        .hasMessage("printer column X needs exactly one of jsonPath and resolver");
    assertThatThrownBy(() -> PrinterColumn.of("X", "timestamp", ".spec.x", "x")).hasMessageContaining("type must be one of");
    assertThatThrownBy(() -> new PrinterColumn("X", "string", ".spec.x", "x", 2, null)).hasMessageContaining("priority must be 0 or 1");
  }

  static List<Expected> expectations() {
    return RESOURCES_MD;
  }

  private static List<String> columnNames(KindDeclaration k, int priority) {
    return k.printerColumns().stream().filter(c -> c.priority() == priority).map(c -> c.name().toUpperCase(Locale.ROOT)).toList();
  }

  private static PrinterColumn column(String kind, String upperCaseName) {
    KindDeclaration k = Kinds.all().stream().filter(d -> d.kind().equals(kind)).findFirst().orElseThrow();
    return k.printerColumns().stream().filter(c -> c.name().toUpperCase(Locale.ROOT).equals(upperCaseName)).findFirst().orElseThrow();
  }

  private static JsonNode json(String text) {
    return SchemaPaths.parse("{\"value\": " + text + "}").get("value");
  }

  private static ObjectNode schemaOf(String kind) {
    return Kinds.all().stream().filter(d -> d.kind().equals(kind)).findFirst().orElseThrow().schema();
  }

  /** The shipped schema files, except {@code fileName}, which has {@code content} (null: missing). */
  private static SchemaFiles replacing(String fileName, String content) {
    return new SchemaFiles(name -> !name.equals(fileName) ? SchemaFiles.openOnClasspath(name)
        : content == null ? null : (InputStream) new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }
}
