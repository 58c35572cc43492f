package io.milo.crm.storage.selector;

import static org.assertj.core.api.Assertions.assertThat;

import io.milo.crm.storage.sql.SqlBuilder;
import org.junit.jupiter.api.Test;

/**
 * SelectorSqlTest pins the shape of the SQL {@link SelectorSql} writes: one {@code AND} fragment
 * per requirement, selector text only in bind parameters. {@code SelectorSqlIT} proves on
 * PostgreSQL that the fragments select what the in-memory matchers accept.
 */
class SelectorSqlTest {

  @Test
  void emptySelectorsAppendNothing() {
    SqlBuilder b = new SqlBuilder().append("WHERE true");

    SelectorSql.appendLabelPredicate(LabelSelector.everything(), "labels", b);
    SelectorSql.appendFieldPredicate(FieldSelector.everything(), "name", "namespace", "fields", b);

    assertThat(b.sql()).isEqualTo("WHERE true");
    assertThat(b.params()).isEmpty();
  }

  @Test
  void labelRequirementsBecomeIndexableConditionsOnBindParameters() {
    SqlBuilder b = new SqlBuilder().append("WHERE true");

    SelectorSql.appendLabelPredicate(LabelSelector.parse("app in (web,api),!old,tier!=db,v"), "l", b);

    // keys sorted: app, old, tier, v; each an AND fragment; values only as parameters
    assertThat(b.sql()).isEqualTo("WHERE true"
        + " AND (l @> $1::text::jsonb OR l @> $2::text::jsonb)"
        + " AND NOT (l ? $3::text)"
        + " AND NOT (l @> $4::text::jsonb)"
        + " AND (l ? $5::text)");
    assertThat(b.params()).containsExactly("{\"app\":\"api\"}", "{\"app\":\"web\"}", "old", "{\"tier\":\"db\"}", "v");
  }

  @Test
  void fieldTermsUseTheColumnsOrTheFieldsDocument() {
    SqlBuilder b = new SqlBuilder().append("WHERE true");

    SelectorSql.appendFieldPredicate(
        FieldSelector.parse("metadata.name=n,metadata.namespace!=ns,spec.a=\"x\\,y\",spec.b="), "nm", "ns", "f", b);

    assertThat(b.sql()).isEqualTo("WHERE true"
        + " AND (nm = $1::text)"
        + " AND (ns <> $2::text)"
        + " AND (f @> $3::text::jsonb)"
        + " AND (f @> $4::text::jsonb OR NOT (f ? $5::text))");
    assertThat(b.params()).containsExactly("n", "ns", "{\"spec.a\":\"\\\"x,y\\\"\"}", "{\"spec.b\":\"\"}", "spec.b");
  }
}
