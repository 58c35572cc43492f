package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Api.warnings;
import static io.milo.crm.apiserver.admission.Objects.NOTIFICATION;
import static io.milo.crm.apiserver.admission.Objects.PEOPLE;
import static io.milo.crm.apiserver.admission.Objects.contact;
import static io.milo.crm.apiserver.admission.Objects.contactRef;
import static io.milo.crm.apiserver.admission.Objects.contacts;
import static io.milo.crm.apiserver.admission.Objects.group;
import static io.milo.crm.apiserver.admission.Objects.groups;
import static io.milo.crm.apiserver.admission.Objects.label;
import static io.milo.crm.apiserver.admission.Objects.membership;
import static io.milo.crm.apiserver.admission.Objects.memberships;
import static io.milo.crm.apiserver.admission.Objects.person;
import static io.milo.crm.apiserver.admission.Objects.removal;
import static io.milo.crm.apiserver.admission.Objects.removals;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The newsletter auto-add over HTTP: a Person labelled crm.milo.io/source=newsletter-signup gets
 * its primary Contact into the group newsletter in namespace default, once, unless the contact
 * opted out; without the group the Person is still accepted, with a Warning. The first test runs
 * before the group exists.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewsletterIT {
  private static final String NS = "signups";
  private static final String SOURCE = "crm.milo.io/source";
  static TestServer server;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    api = new Api(server);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** The memberships of contact (in NS) in default/newsletter, wherever they are stored. */
  private static List<JsonNode> newsletterMemberships(String contact) throws Exception {
    return api.list(NOTIFICATION + "contactgroupmemberships", "spec.contactRef.name=" + contact).stream()
        .filter(m -> m.path("spec").path("contactRef").path("namespace").asText().equals(NS))
        .filter(m -> m.path("spec").path("contactGroupRef").path("name").asText().equals("newsletter"))
        .filter(m -> m.path("spec").path("contactGroupRef").path("namespace").asText().equals("default"))
        .toList();
  }

  private static ObjectNode signup(String name, String primaryContact) throws Exception {
    api.create(contacts(NS), contact(primaryContact, primaryContact + "@example.com"));
    ObjectNode p = label(person(name, "Signup " + name), SOURCE, "newsletter-signup");
    contactRef(p, NS, primaryContact, "personal", true);
    return p;
  }

  private static void ensureGroup() throws Exception {
    if (api.status(groups("default") + "/newsletter") == 404) {
      api.create(groups("default"), group("newsletter", "Newsletter", "public"));
    }
  }

  @Test
  @Order(1)
  void withoutTheGroupThePersonIsCreatedWithAWarning() throws Exception {
    assertThat(api.status(groups("default") + "/newsletter")).isEqualTo(404);
    TestServer.Response created = api.post(PEOPLE, signup("early-bird", "early-bird-mail"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(warnings(created)).anySatisfy(w -> assertThat(w).startsWith("299 - ").contains("newsletter"));
    assertThat(api.status(PEOPLE + "/early-bird")).isEqualTo(200);
    assertThat(newsletterMemberships("early-bird-mail")).isEmpty();
  }

  @Test
  @Order(2)
  void aSignupsPrimaryContactJoinsTheNewsletterOnce() throws Exception {
    ensureGroup();
    ObjectNode p = signup("subscriber", "subscriber-home");
    api.create(contacts(NS), contact("subscriber-work", "subscriber-work@example.com"));
    contactRef(p, NS, "subscriber-work", "work", false);
    TestServer.Response created = api.post(PEOPLE, p);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(warnings(created)).isEmpty();

    List<JsonNode> joined = newsletterMemberships("subscriber-home");
    assertThat(joined).hasSize(1);
    assertThat(newsletterMemberships("subscriber-work")).isEmpty();

    // Updating the person again does not add a second membership.
    TestServer.Response updated = api.mergePatch(PEOPLE + "/subscriber", "{\"spec\":{\"jobTitle\":\"Reader\"}}");
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    TestServer.Response relabelled = api.mergePatch(PEOPLE + "/subscriber",
        "{\"metadata\":{\"labels\":{\"crm.milo.io/status\":\"lead\"}}}");
    assertThat(relabelled.status()).as(relabelled.body()).isEqualTo(200);
    assertThat(newsletterMemberships("subscriber-home")).hasSize(1)
        .extracting(m -> m.path("metadata").path("uid").asText())
        .containsExactly(joined.get(0).path("metadata").path("uid").asText());
  }

  @Test
  @Order(3)
  void otherSourcesAndPeopleWithoutContactsAreLeftAlone() throws Exception {
    ensureGroup();
    api.create(contacts(NS), contact("event-mail", "event-mail@example.com"));
    ObjectNode fromEvent = label(person("from-event", "From Event"), SOURCE, "events");
    contactRef(fromEvent, NS, "event-mail", "work", true);
    api.create(PEOPLE, fromEvent);
    assertThat(newsletterMemberships("event-mail")).isEmpty();

    TestServer.Response noContacts = api.post(PEOPLE, label(person("no-contacts", "No Contacts"), SOURCE, "newsletter-signup"));
    assertThat(noContacts.status()).as(noContacts.body()).isEqualTo(201);
  }

  @Test
  @Order(4)
  void labellingAnExistingPersonAddsTheContact() throws Exception {
    ensureGroup();
    api.create(contacts(NS), contact("late-mail", "late-mail@example.com"));
    ObjectNode p = label(person("late-signup", "Late"), SOURCE, "events");
    contactRef(p, NS, "late-mail", "work", true);
    api.create(PEOPLE, p);
    assertThat(newsletterMemberships("late-mail")).isEmpty();
    TestServer.Response labelled = api.mergePatch(PEOPLE + "/late-signup",
        "{\"metadata\":{\"labels\":{\"crm.milo.io/source\":\"newsletter-signup\"}}}");
    assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
    assertThat(newsletterMemberships("late-mail")).hasSize(1);
  }

  @Test
  @Order(5)
  void anOptedOutContactIsNotAdded() throws Exception {
    ensureGroup();
    ObjectNode p = signup("opted-out", "opted-out-mail");
    api.create(removals(NS), removal("opted-out-mail-newsletter", NS, "opted-out-mail", "default", "newsletter"));
    TestServer.Response created = api.post(PEOPLE, p);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(api.status(PEOPLE + "/opted-out")).isEqualTo(200);
    assertThat(newsletterMemberships("opted-out-mail")).isEmpty();
  }

  @Test
  @Order(6)
  void anExistingMembershipIsKeptAndNotDuplicated() throws Exception {
    ensureGroup();
    ObjectNode p = signup("already-in", "already-in-mail");
    JsonNode existing = api.create(memberships(NS), membership("already-in-mail-newsletter", NS, "already-in-mail", "default",
        "newsletter"));
    TestServer.Response created = api.post(PEOPLE, p);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(newsletterMemberships("already-in-mail")).extracting(m -> m.path("metadata").path("uid").asText())
        .containsExactly(existing.path("metadata").path("uid").asText());
  }
}
