package io.milo.crm.storage.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requirement a selective list walks the term index by. */
class SelectorDriverTest {
  private static SelectorSql.Driver driver(String labels, String fields) {
    return SelectorSql.driver(LabelSelector.parse(labels), FieldSelector.parse(fields)).orElse(null);
  }

  @Test
  void aLabelEqualityOrSetDrivesFirst() {
    assertThat(driver("crm.milo.io/source=events", "spec.companyRef.name=acme"))
        .isEqualTo(new SelectorSql.Driver("l", "crm.milo.io/source", List.of("events")));
    assertThat(driver("tier in (a,b)", "")).isEqualTo(new SelectorSql.Driver("l", "tier", List.of("a", "b")));
  }

  @Test
  void amongFieldsANameDrivesWhereverItStands() {
    // A kind matches every note about people; the subject's name only a few.
    assertThat(driver("", "spec.subjectRef.kind=Person,spec.subjectRef.apiGroup=crm.milo.io,spec.subjectRef.name=ada"))
        .isEqualTo(new SelectorSql.Driver("f", "spec.subjectRef.name", List.of("ada")));
    assertThat(driver("", "spec.visibility=public")).isEqualTo(new SelectorSql.Driver("f", "spec.visibility", List.of("public")));
  }

  @Test
  void negationsEmptyValuesAndMetadataDoNotDrive() {
    assertThat(driver("tier!=a,!gone", "spec.companyRef.name!=acme,spec.userRef.name=,metadata.name=x")).isNull();
  }
}
