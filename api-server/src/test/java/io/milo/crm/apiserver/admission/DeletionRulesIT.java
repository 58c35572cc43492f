package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Api.assertConflict;
import static io.milo.crm.apiserver.admission.Objects.COMPANIES;
import static io.milo.crm.apiserver.admission.Objects.NOTES;
import static io.milo.crm.apiserver.admission.Objects.PEOPLE;
import static io.milo.crm.apiserver.admission.Objects.company;
import static io.milo.crm.apiserver.admission.Objects.companySubject;
import static io.milo.crm.apiserver.admission.Objects.contact;
import static io.milo.crm.apiserver.admission.Objects.contactRef;
import static io.milo.crm.apiserver.admission.Objects.contacts;
import static io.milo.crm.apiserver.admission.Objects.finalizer;
import static io.milo.crm.apiserver.admission.Objects.group;
import static io.milo.crm.apiserver.admission.Objects.groups;
import static io.milo.crm.apiserver.admission.Objects.membership;
import static io.milo.crm.apiserver.admission.Objects.memberships;
import static io.milo.crm.apiserver.admission.Objects.note;
import static io.milo.crm.apiserver.admission.Objects.person;
import static io.milo.crm.apiserver.admission.Objects.personAt;
import static io.milo.crm.apiserver.admission.Objects.personSubject;
import static io.milo.crm.apiserver.admission.Objects.removal;
import static io.milo.crm.apiserver.admission.Objects.removals;
import static io.milo.crm.apiserver.admission.Objects.subject;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Deletion and references" of resources.md over HTTP: a Company or Contact a Person references
 * cannot be deleted (409 naming the referrers); deleting a Person, Company or Contact deletes what
 * hangs off it as ordinary deletions, a finalizer holding a Note only marks it.
 */
class DeletionRulesIT {
  private static final String NS = "deletion";
  static TestServer server;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    api = new Api(server);
    api.create(groups(NS), group("news", "News", "public"));
    api.create(groups(NS), group("events", "Events", "public"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aReferencedCompanyCannotBeDeleted() throws Exception {
    api.create(COMPANIES, company("held-co", "Held"));
    api.create(PEOPLE, personAt("holder-one", "held-co"));
    api.create(PEOPLE, personAt("holder-two", "held-co"));

    TestServer.Response refused = api.delete(COMPANIES + "/held-co");
    String message = assertConflict(refused);
    assertThat(message).contains("held-co").containsAnyOf("holder-one", "holder-two");
    assertThat(refused.json().path("details").path("name").asText()).isEqualTo("held-co");
    assertThat(api.status(COMPANIES + "/held-co")).isEqualTo(200);

    assertThat(api.mergePatch(PEOPLE + "/holder-one", "{\"spec\":{\"companyRef\":null}}").status()).isEqualTo(200);
    assertThat(assertConflict(api.delete(COMPANIES + "/held-co"))).contains("holder-two").doesNotContain("holder-one");
    assertThat(api.delete(PEOPLE + "/holder-two").status()).isEqualTo(200);
    assertThat(api.delete(COMPANIES + "/held-co").status()).isEqualTo(200);
    assertThat(api.status(COMPANIES + "/held-co")).isEqualTo(404);
  }

  @Test
  void theConflictNamesAtMostTenReferrers() throws Exception {
    api.create(COMPANIES, company("crowded-co", "Crowded"));
    for (int i = 0; i < 12; i++) {
      api.create(PEOPLE, personAt(String.format("crowd-%02d", i), "crowded-co"));
    }
    String message = assertConflict(api.delete(COMPANIES + "/crowded-co"));
    long named = java.util.stream.IntStream.range(0, 12).filter(i -> message.contains(String.format("crowd-%02d", i))).count();
    assertThat(named).isBetween(1L, 10L);
  }

  @Test
  void aContactAPersonReferencesCannotBeDeleted() throws Exception {
    api.create(contacts(NS), contact("held-mail", "held@example.com"));
    ObjectNode p = person("mail-holder", "Mail Holder");
    contactRef(p, NS, "held-mail", "work", true);
    api.create(PEOPLE, p);

    TestServer.Response refused = api.delete(contacts(NS) + "/held-mail");
    assertThat(assertConflict(refused)).contains("held-mail").contains("mail-holder");
    assertThat(api.status(contacts(NS) + "/held-mail")).isEqualTo(200);

    // The same name in another namespace is not referenced.
    api.create(contacts(NS + "-2"), contact("held-mail", "held-2@example.com"));
    assertThat(api.delete(contacts(NS + "-2") + "/held-mail").status()).isEqualTo(200);
  }

  @Test
  void deletingAPersonDeletesItsNotes() throws Exception {
    api.create(PEOPLE, person("noted", "Noted"));
    api.create(PEOPLE, person("bystander", "Bystander"));
    api.create(NOTES, note("noted-1", personSubject("noted")));
    api.create(NOTES, note("noted-2", personSubject("noted")));
    JsonNode other = api.create(NOTES, note("bystander-1", personSubject("bystander")));
    String before = other.path("metadata").path("resourceVersion").asText();

    assertThat(api.delete(PEOPLE + "/noted").status()).isEqualTo(200);
    assertThat(api.status(NOTES + "/noted-1")).isEqualTo(404);
    assertThat(api.status(NOTES + "/noted-2")).isEqualTo(404);
    assertThat(api.status(NOTES + "/bystander-1")).isEqualTo(200);
    List<JsonNode> events = api.watch(NOTES, before, 2);
    assertThat(events).filteredOn(e -> e.path("type").asText().equals("DELETED"))
        .extracting(e -> e.path("object").path("metadata").path("name").asText())
        .contains("noted-1", "noted-2").doesNotContain("bystander-1");
  }

  @Test
  void deletingACompanyDeletesItsNotesButNotItsPeoplesNotes() throws Exception {
    api.create(COMPANIES, company("gone-co", "Gone"));
    api.create(PEOPLE, person("ex-employee", "Ex"));
    api.create(NOTES, note("gone-co-1", companySubject("gone-co")));
    api.create(NOTES, note("ex-employee-1", personSubject("ex-employee")));
    assertThat(api.delete(COMPANIES + "/gone-co").status()).isEqualTo(200);
    assertThat(api.status(NOTES + "/gone-co-1")).isEqualTo(404);
    assertThat(api.status(NOTES + "/ex-employee-1")).isEqualTo(200);
  }

  @Test
  void deletingAContactDeletesItsNotesMembershipsAndRemovals() throws Exception {
    api.create(contacts(NS), contact("leaving", "leaving@example.com"));
    api.create(contacts(NS), contact("staying", "staying@example.com"));
    api.create(NOTES, note("leaving-note", subject("notification.milo.io", "Contact", "leaving", NS)));
    api.create(NOTES, note("staying-note", subject("notification.milo.io", "Contact", "staying", NS)));
    api.create(memberships(NS), membership("leaving-news", NS, "leaving", NS, "news"));
    api.create(removals(NS), removal("leaving-events", NS, "leaving", NS, "events"));
    api.create(memberships(NS), membership("staying-news", NS, "staying", NS, "news"));

    assertThat(api.delete(contacts(NS) + "/leaving").status()).isEqualTo(200);
    assertThat(api.status(contacts(NS) + "/leaving")).isEqualTo(404);
    assertThat(api.status(NOTES + "/leaving-note")).isEqualTo(404);
    assertThat(api.status(memberships(NS) + "/leaving-news")).isEqualTo(404);
    assertThat(api.status(removals(NS) + "/leaving-events")).isEqualTo(404);
    assertThat(api.status(NOTES + "/staying-note")).isEqualTo(200);
    assertThat(api.status(memberships(NS) + "/staying-news")).isEqualTo(200);
  }

  @Test
  void aNoteWithAFinalizerIsOnlyMarkedByTheCascade() throws Exception {
    api.create(PEOPLE, person("held-subject", "Held Subject"));
    api.create(NOTES, finalizer(note("held-note", personSubject("held-subject")), "example.com/hold"));
    api.create(NOTES, note("free-note", personSubject("held-subject")));

    assertThat(api.delete(PEOPLE + "/held-subject").status()).isEqualTo(200);
    assertThat(api.status(PEOPLE + "/held-subject")).isEqualTo(404);
    assertThat(api.status(NOTES + "/free-note")).isEqualTo(404);
    JsonNode held = api.read(NOTES + "/held-note");
    assertThat(held.path("metadata").path("deletionTimestamp").isTextual()).isTrue();
    assertThat(held.path("metadata").path("finalizers").toString()).contains("example.com/hold");

    TestServer.Response released = api.mergePatch(NOTES + "/held-note", "{\"metadata\":{\"finalizers\":null}}");
    assertThat(released.status()).as(released.body()).isEqualTo(200);
    assertThat(api.status(NOTES + "/held-note")).isEqualTo(404);
  }

  @Test
  void aContactHeldByAFinalizerTakesItsMembershipsAlongWhenItsDeletionStarts() throws Exception {
    // The sync holds a Contact with its finalizer and removes it from the provider after its memberships:
    // so the cascade runs when the deletion starts, not when the last finalizer goes.
    api.create(contacts(NS), finalizer(contact("held-contact", "held@example.com"), "notification.milo.io/resend"));
    api.create(memberships(NS), finalizer(membership("held-news", NS, "held-contact", NS, "news"), "notification.milo.io/resend"));
    api.create(memberships(NS), membership("held-events", NS, "held-contact", NS, "events"));

    assertThat(api.delete(contacts(NS) + "/held-contact").status()).isEqualTo(200);
    assertThat(api.read(contacts(NS) + "/held-contact").path("metadata").path("deletionTimestamp").isTextual()).isTrue();
    assertThat(api.status(memberships(NS) + "/held-events")).isEqualTo(404);
    assertThat(api.read(memberships(NS) + "/held-news").path("metadata").path("deletionTimestamp").isTextual()).isTrue();

    assertThat(api.mergePatch(memberships(NS) + "/held-news", "{\"metadata\":{\"finalizers\":null}}").status()).isEqualTo(200);
    assertThat(api.mergePatch(contacts(NS) + "/held-contact", "{\"metadata\":{\"finalizers\":null}}").status()).isEqualTo(200);
    assertThat(api.status(memberships(NS) + "/held-news")).isEqualTo(404);
    assertThat(api.status(contacts(NS) + "/held-contact")).isEqualTo(404);
  }

  @Test
  void deletingAGroupTakesItsMembershipsAndRemovalsAlong() throws Exception {
    api.create(groups(NS), group("closing", "Closing", "public"));
    api.create(groups(NS), group("open", "Open", "public"));
    api.create(contacts(NS), contact("member", "member@example.com"));
    api.create(memberships(NS), membership("member-closing", NS, "member", NS, "closing"));
    api.create(memberships(NS), membership("member-open", NS, "member", NS, "open"));
    api.create(contacts(NS), contact("leaver", "leaver@example.com"));
    api.create(removals(NS), removal("leaver-closing", NS, "leaver", NS, "closing"));
    api.create(removals(NS), removal("leaver-open", NS, "leaver", NS, "open"));

    assertThat(api.delete(groups(NS) + "/closing").status()).isEqualTo(200);
    assertThat(api.status(memberships(NS) + "/member-closing")).isEqualTo(404);
    assertThat(api.status(removals(NS) + "/leaver-closing")).isEqualTo(404);
    assertThat(api.status(memberships(NS) + "/member-open")).as("another group's pairings stay").isEqualTo(200);
    assertThat(api.status(removals(NS) + "/leaver-open")).isEqualTo(200);
    assertThat(api.status(contacts(NS) + "/member")).isEqualTo(200);
  }
}
