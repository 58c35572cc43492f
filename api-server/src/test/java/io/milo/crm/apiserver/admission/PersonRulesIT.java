package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Api.assertImmutable;
import static io.milo.crm.apiserver.admission.Api.assertInvalid;
import static io.milo.crm.apiserver.admission.Api.assertInvalidAt;
import static io.milo.crm.apiserver.admission.Api.warnings;
import static io.milo.crm.apiserver.admission.Objects.COMPANIES;
import static io.milo.crm.apiserver.admission.Objects.PEOPLE;
import static io.milo.crm.apiserver.admission.Objects.company;
import static io.milo.crm.apiserver.admission.Objects.contact;
import static io.milo.crm.apiserver.admission.Objects.contactRef;
import static io.milo.crm.apiserver.admission.Objects.contacts;
import static io.milo.crm.apiserver.admission.Objects.label;
import static io.milo.crm.apiserver.admission.Objects.person;
import static io.milo.crm.apiserver.admission.Objects.personAt;
import static io.milo.crm.apiserver.admission.Objects.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Person and Company rules of resources.md over HTTP: references that must exist, contactRefs
 * without duplicates and with at most one primary, the server-set creator fields, and the Warning
 * for an undocumented crm.milo.io/ label.
 */
class PersonRulesIT {
  private static final String NS = "people-rules";
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

  @Test
  void companyRefMustNameAnExistingCompany() throws Exception {
    TestServer.Response refused = api.post(PEOPLE, personAt("orphan", "ghost-company"));
    JsonNode cause = assertInvalid(refused, "FieldValueNotFound", "spec.companyRef");
    assertThat(cause.path("message").asText()).contains("ghost-company");
    assertThat(refused.json().path("message").asText()).startsWith("Person.crm.milo.io \"orphan\" is invalid: ")
        .contains("ghost-company");
    assertThat(refused.json().path("details").path("name").asText()).isEqualTo("orphan");
    assertThat(api.status(PEOPLE + "/orphan")).isEqualTo(404);

    api.create(COMPANIES, company("ghost-company", "Ghost Inc"));
    JsonNode accepted = api.create(PEOPLE, personAt("orphan", "ghost-company"));
    assertThat(accepted.path("spec").path("companyRef").path("name").asText()).isEqualTo("ghost-company");
  }

  @Test
  void changingCompanyRefToAMissingCompanyIsRefusedAndChangesNothing() throws Exception {
    api.create(COMPANIES, company("stay-co", "Stay Co"));
    JsonNode stored = api.create(PEOPLE, personAt("mover", "stay-co"));
    ObjectNode moved = stored.deepCopy();
    ((ObjectNode) spec(moved).get("companyRef")).put("name", "nowhere-co");
    TestServer.Response refused = api.put(PEOPLE, moved);
    assertThat(assertInvalid(refused, "FieldValueNotFound", "spec.companyRef").path("message").asText())
        .contains("nowhere-co");
    TestServer.Response patched = api.mergePatch(PEOPLE + "/mover", "{\"spec\":{\"companyRef\":{\"name\":\"nowhere-co\"}}}");
    assertInvalid(patched, "FieldValueNotFound", "spec.companyRef");
    assertThat(api.read(PEOPLE + "/mover").path("spec").path("companyRef").path("name").asText()).isEqualTo("stay-co");
    assertThat(api.read(PEOPLE + "/mover").path("metadata").path("resourceVersion"))
        .isEqualTo(stored.path("metadata").path("resourceVersion"));
  }

  @Test
  void everyContactRefMustNameAnExistingContact() throws Exception {
    api.create(contacts(NS), contact("known", "known@example.com"));
    ObjectNode p = person("two-contacts", "Two Contacts");
    contactRef(p, NS, "known", "work", true);
    contactRef(p, NS, "unknown-contact", "personal", false);
    TestServer.Response refused = api.post(PEOPLE, p);
    JsonNode cause = assertInvalid(refused, "FieldValueNotFound", "spec.contactRefs[1]");
    assertThat(cause.path("message").asText()).contains("unknown-contact");
    assertThat(api.status(PEOPLE + "/two-contacts")).isEqualTo(404);

    // The same name in the wrong namespace is not the Contact either.
    ObjectNode wrongNamespace = person("wrong-ns", "Wrong Namespace");
    contactRef(wrongNamespace, "elsewhere", "known", "work", null);
    assertInvalid(api.post(PEOPLE, wrongNamespace), "FieldValueNotFound", "spec.contactRefs[0]");

    api.create(contacts(NS), contact("unknown-contact", "unknown@example.com"));
    JsonNode accepted = api.create(PEOPLE, p);
    assertThat(accepted.path("spec").path("contactRefs").size()).isEqualTo(2);
  }

  @Test
  void contactRefsAreUniqueByNamespaceAndName() throws Exception {
    api.create(contacts(NS), contact("dup", "dup@example.com"));
    api.create(contacts(NS + "-other"), contact("dup", "dup-other@example.com"));
    ObjectNode twice = person("twice", "Twice");
    contactRef(twice, NS, "dup", "work", null);
    contactRef(twice, NS, "dup", "personal", null);
    TestServer.Response refused = api.post(PEOPLE, twice);
    JsonNode cause = assertInvalid(refused, "FieldValueDuplicate", "spec.contactRefs[1]");
    assertThat(cause.path("message").asText()).contains("dup");
    assertThat(api.status(PEOPLE + "/twice")).isEqualTo(404);

    ObjectNode twoNamespaces = person("twice", "Twice");
    contactRef(twoNamespaces, NS, "dup", "work", null);
    contactRef(twoNamespaces, NS + "-other", "dup", "personal", null);
    api.create(PEOPLE, twoNamespaces);
  }

  @Test
  void atMostOneContactRefIsPrimary() throws Exception {
    api.create(contacts(NS), contact("prim-a", "prim-a@example.com"));
    api.create(contacts(NS), contact("prim-b", "prim-b@example.com"));
    ObjectNode two = person("two-primaries", "Two Primaries");
    contactRef(two, NS, "prim-a", "work", true);
    contactRef(two, NS, "prim-b", "personal", true);
    assertInvalidAt(api.post(PEOPLE, two), "spec.contactRefs");
    assertThat(api.status(PEOPLE + "/two-primaries")).isEqualTo(404);

    ObjectNode one = person("two-primaries", "One Primary");
    contactRef(one, NS, "prim-a", "work", true);
    contactRef(one, NS, "prim-b", "personal", false);
    JsonNode stored = api.create(PEOPLE, one);

    TestServer.Response update = api.mergePatch(PEOPLE + "/two-primaries",
        "{\"spec\":{\"contactRefs\":[{\"name\":\"prim-a\",\"namespace\":\"" + NS + "\",\"primary\":true},"
            + "{\"name\":\"prim-b\",\"namespace\":\"" + NS + "\",\"primary\":true}]}}");
    assertInvalidAt(update, "spec.contactRefs");
    assertThat(api.read(PEOPLE + "/two-primaries").path("spec")).isEqualTo(stored.path("spec"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"people", "companies"})
  void creatorIsTheRequestingUserWhateverTheClientSent(String resource) throws Exception {
    String collection = "/apis/crm.milo.io/v1alpha1/" + resource;
    ObjectNode object = resource.equals("people") ? person("creator-" + resource, "Creator")
        : company("creator-" + resource, "Creator Co");
    spec(object).putObject("creatorRef").put("name", "mallory");
    object.putObject("status").put("createdBy", "mallory@example.com");
    JsonNode created = api.create(collection, object);
    assertThat(created.path("spec").path("creatorRef").path("name").asText()).isEqualTo("admin");
    assertThat(created.path("status").path("createdBy").asText()).isEqualTo("admin");
    JsonNode stored = api.read(collection + "/creator-" + resource);
    assertThat(stored.path("spec").path("creatorRef").path("name").asText()).isEqualTo("admin");
    assertThat(stored.path("status").path("createdBy").asText()).isEqualTo("admin");

    ObjectNode noCreator = resource.equals("people") ? person("bare-" + resource, "Bare") : company("bare-" + resource, "Bare Co");
    JsonNode bare = api.create(collection, noCreator);
    assertThat(bare.path("spec").path("creatorRef").path("name").asText()).isEqualTo("admin");
    assertThat(bare.path("status").path("createdBy").asText()).isEqualTo("admin");
  }

  @ParameterizedTest
  @ValueSource(strings = {"people", "companies"})
  void replaceWithoutCreatorRefKeepsItAndADifferentOneIsImmutable(String resource) throws Exception {
    String collection = "/apis/crm.milo.io/v1alpha1/" + resource;
    String name = "replace-" + resource;
    ObjectNode object = resource.equals("people") ? person(name, "Replace Me") : company(name, "Replace Co");
    JsonNode created = api.create(collection, object);

    // kubectl replace of a manifest without creatorRef (and without status).
    ObjectNode manifest = object.deepCopy();
    Objects.metadata(manifest).put("resourceVersion", created.path("metadata").path("resourceVersion").asText());
    spec(manifest).put(resource.equals("people") ? "jobTitle" : "description", "replaced");
    TestServer.Response replaced = api.put(collection, manifest);
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().path("spec").path("creatorRef").path("name").asText()).isEqualTo("admin");
    assertThat(replaced.json().path("status").path("createdBy").asText()).isEqualTo("admin");

    ObjectNode other = (ObjectNode) replaced.json().deepCopy();
    ((ObjectNode) spec(other).get("creatorRef")).put("name", "mallory");
    assertImmutable(api.put(collection, other), "spec.creatorRef");
    assertImmutable(api.mergePatch(collection + "/" + name, "{\"spec\":{\"creatorRef\":{\"name\":\"mallory\"}}}"),
        "spec.creatorRef");
    JsonNode after = api.read(collection + "/" + name);
    assertThat(after.path("spec").path("creatorRef").path("name").asText()).isEqualTo("admin");
    assertThat(after.path("metadata").path("resourceVersion")).isEqualTo(replaced.json().path("metadata").path("resourceVersion"));

    // The same creatorRef again is no change.
    TestServer.Response same = api.put(collection, replaced.json());
    assertThat(same.status()).as(same.body()).isEqualTo(200);
  }

  @Test
  void anUndocumentedCrmLabelIsAcceptedWithAWarning() throws Exception {
    TestServer.Response odd = api.post(PEOPLE, label(person("odd-label", "Odd"), "crm.milo.io/sourse", "events"));
    assertThat(odd.status()).as(odd.body()).isEqualTo(201);
    assertThat(odd.json().path("metadata").path("labels").path("crm.milo.io/sourse").asText()).isEqualTo("events");
    assertThat(warnings(odd)).hasSize(1);
    assertThat(warnings(odd).get(0)).startsWith("299 - ").contains("crm.milo.io/sourse");

    TestServer.Response companyOdd = api.post(COMPANIES, label(company("odd-co", "Odd Co"), "crm.milo.io/tier", "gold"));
    assertThat(companyOdd.status()).as(companyOdd.body()).isEqualTo(201);
    assertThat(warnings(companyOdd)).anySatisfy(w -> assertThat(w).contains("crm.milo.io/tier"));

    TestServer.Response patched = api.mergePatch(PEOPLE + "/odd-label",
        "{\"metadata\":{\"labels\":{\"crm.milo.io/owner\":\"sales\"}}}");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(warnings(patched)).anySatisfy(w -> assertThat(w).contains("crm.milo.io/owner"));
  }

  @Test
  void documentedAndForeignLabelsGiveNoWarning() throws Exception {
    ObjectNode p = person("documented-labels", "Documented");
    for (List<String> kv : List.of(List.of("crm.milo.io/source", "events"), List.of("crm.milo.io/event", "kubecon"),
        List.of("crm.milo.io/status", "lead"), List.of("crm.milo.io/segment", "enterprise"), List.of("team", "sales"),
        List.of("example.com/crm.milo.io", "x"))) {
      label(p, kv.get(0), kv.get(1));
    }
    TestServer.Response created = api.post(PEOPLE, p);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(warnings(created)).isEmpty();
    TestServer.Response company = api.post(COMPANIES, label(company("documented-co", "Doc Co"), "crm.milo.io/source", "referral"));
    assertThat(company.status()).as(company.body()).isEqualTo(201);
    assertThat(warnings(company)).isEmpty();
  }
}
