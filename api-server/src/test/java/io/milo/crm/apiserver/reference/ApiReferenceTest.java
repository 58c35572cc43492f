package io.milo.crm.apiserver.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.Kinds;
import io.milo.crm.apiserver.kinds.PrinterColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md must be what {@link ApiReference} generates from the declarations, and the generated
 * reference must cover every kind, field, column and selector.
 */
class ApiReferenceTest {
  private static final String WRITE = "api.reference.write";

  /** docs/api.md from the api-server module's directory, where Maven runs the tests. */
  private static Path committedFile() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize()
        .resolveSibling("docs").resolve("api.md");
  }

  @Test
  void docsApiMdIsWhatTheGeneratorProduces() throws IOException {
    String generated = ApiReference.markdown(Kinds.all());
    Path file = committedFile();
    if (Boolean.getBoolean(WRITE)) {
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }

    assertThat(file).as("docs/api.md").exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("docs/api.md is stale; regenerate it with: " + ApiReference.REGENERATE)
        .isEqualTo(generated);
  }

  static Stream<KindDeclaration> kinds() {
    return Kinds.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyKindIsDescribedWholly(KindDeclaration kind) {
    String markdown = ApiReference.markdown(List.of(kind));
    String section = markdown.substring(markdown.indexOf("### " + kind.kind() + "\n"));

    assertThat(markdown).contains("## " + kind.apiVersion() + "\n");
    assertThat(section)
        .contains("| Resource | `" + kind.plural() + "` (singular `" + kind.singular() + "`) |")
        .contains("| Scope | " + (kind.namespaced() ? "Namespaced" : "Cluster") + " |");
    kind.shortNames().forEach(name -> assertThat(section).contains("`" + name + "`"));
    kind.categories().forEach(category -> assertThat(section).contains("`" + category + "`"));
    for (SchemaFields.Field field : SchemaFields.of(kind.schema())) {
      assertThat(section).contains("| `" + field.path() + "` | ");
    }
    for (PrinterColumn column : kind.printerColumns()) {
      assertThat(section).contains("| " + column.name().toUpperCase(Locale.ROOT) + " | " + column.type() + " | ");
    }
    String selectors = section.substring(section.indexOf("#### Field selectors"), section.indexOf("#### Immutable fields"));
    kind.selectableFields().forEach(field -> assertThat(selectors).contains("`" + field + "`"));
    String immutable = section.substring(section.indexOf("#### Immutable fields"));
    kind.immutableFields().forEach(field -> assertThat(immutable).contains("`" + field + "`"));
  }

  @Test
  void fieldsCarryTypeRequirednessAndConstraintsFromTheSchema() {
    KindDeclaration company = Kinds.byKind("crm.milo.io", "Company").orElseThrow();

    List<SchemaFields.Field> fields = SchemaFields.of(company.schema());

    JsonNode displayName = company.schema().at("/properties/spec/properties/displayName");
    assertThat(fields).filteredOn(f -> f.path().equals("spec.displayName")).singleElement().satisfies(f -> {
      assertThat(f.type()).isEqualTo("string");
      assertThat(f.required()).isTrue();
      assertThat(f.constraints()).containsExactly(
          "length " + displayName.get("minLength") + "-" + displayName.get("maxLength"));
    });
    assertThat(fields).filteredOn(f -> f.path().equals("spec.domains")).singleElement()
        .satisfies(f -> assertThat(f.type()).isEqualTo("[]string"))
        .satisfies(f -> assertThat(f.constraints()).contains("unique items"));
    assertThat(fields).filteredOn(f -> f.path().equals("spec.domains[]")).singleElement()
        .satisfies(f -> assertThat(f.constraints()).anyMatch(c -> c.startsWith("pattern `")));
    assertThat(fields).filteredOn(f -> f.path().equals("status.lastInteractionTime")).singleElement()
        .satisfies(f -> assertThat(f.type()).isEqualTo("string (date-time)"))
        .satisfies(f -> assertThat(f.required()).isFalse());
  }
}
