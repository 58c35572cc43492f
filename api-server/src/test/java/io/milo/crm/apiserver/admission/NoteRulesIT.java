package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Api.assertImmutable;
import static io.milo.crm.apiserver.admission.Api.assertInvalid;
import static io.milo.crm.apiserver.admission.Api.assertInvalidAt;
import static io.milo.crm.apiserver.admission.Objects.COMPANIES;
import static io.milo.crm.apiserver.admission.Objects.NOTES;
import static io.milo.crm.apiserver.admission.Objects.PEOPLE;
import static io.milo.crm.apiserver.admission.Objects.company;
import static io.milo.crm.apiserver.admission.Objects.companySubject;
import static io.milo.crm.apiserver.admission.Objects.contact;
import static io.milo.crm.apiserver.admission.Objects.contacts;
import static io.milo.crm.apiserver.admission.Objects.daysFromNow;
import static io.milo.crm.apiserver.admission.Objects.note;
import static io.milo.crm.apiserver.admission.Objects.person;
import static io.milo.crm.apiserver.admission.Objects.personSubject;
import static io.milo.crm.apiserver.admission.Objects.spec;
import static io.milo.crm.apiserver.admission.Objects.subject;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Note rules of resources.md over HTTP: which subjectRef shapes are allowed, that a subject
 * served here must exist, nextActionTime not in the past when set or changed, subjectRef and
 * creatorRef immutable.
 */
class NoteRulesIT {
  private static final String NS = "note-rules";
  static TestServer server;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    api = new Api(server);
    api.create(PEOPLE, person("ada", "Ada Lovelace"));
    api.create(COMPANIES, company("acme", "Acme"));
    api.create(contacts(NS), contact("ada-mail", "ada-notes@example.com"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Stream<Arguments> allowedSubjects() {
    return Stream.of(
        Arguments.of("person", subject("crm.milo.io", "Person", "ada", null)),
        Arguments.of("company", subject("crm.milo.io", "Company", "acme", null)),
        Arguments.of("contact", subject("notification.milo.io", "Contact", "ada-mail", NS)),
        // A platform User is not served here: its shape is checked, not its existence.
        Arguments.of("user", subject("iam.miloapis.com", "User", "someone-not-here", null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowedSubjects")
  void allowedSubjectShapesAreAccepted(String label, ObjectNode subjectRef) throws Exception {
    JsonNode created = api.create(NOTES, note("allowed-" + label, subjectRef));
    assertThat(created.path("spec").path("subjectRef")).isEqualTo(subjectRef);
    assertThat(created.path("spec").path("creatorRef").path("name").asText()).isEqualTo("admin");
    assertThat(created.path("status").path("createdBy").asText()).isEqualTo("admin");
  }

  static Stream<Arguments> refusedSubjects() {
    return Stream.of(
        Arguments.of("person-with-namespace", subject("crm.milo.io", "Person", "ada", NS)),
        Arguments.of("company-with-namespace", subject("crm.milo.io", "Company", "acme", NS)),
        Arguments.of("contact-without-namespace", subject("notification.milo.io", "Contact", "ada-mail", null)),
        Arguments.of("user-with-namespace", subject("iam.miloapis.com", "User", "someone", NS)),
        Arguments.of("crm-contact", subject("crm.milo.io", "Contact", "ada-mail", NS)),
        Arguments.of("crm-user", subject("crm.milo.io", "User", "someone", null)),
        Arguments.of("notification-person", subject("notification.milo.io", "Person", "ada", null)),
        Arguments.of("notification-company", subject("notification.milo.io", "Company", "acme", null)),
        Arguments.of("iam-person", subject("iam.miloapis.com", "Person", "ada", null)),
        Arguments.of("iam-contact", subject("iam.miloapis.com", "Contact", "ada-mail", NS)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedSubjects")
  void otherSubjectShapesAreRefused(String label, ObjectNode subjectRef) throws Exception {
    TestServer.Response refused = api.post(NOTES, note("refused-" + label, subjectRef));
    assertInvalidAt(refused, "spec.subjectRef");
    assertThat(refused.json().path("message").asText()).startsWith("Note.crm.milo.io \"refused-" + label + "\" is invalid: ");
    assertThat(api.status(NOTES + "/refused-" + label)).isEqualTo(404);
  }

  static Stream<Arguments> missingSubjects() {
    return Stream.of(
        Arguments.of("person", subject("crm.milo.io", "Person", "nobody-person", null), "nobody-person"),
        Arguments.of("company", subject("crm.milo.io", "Company", "nobody-company", null), "nobody-company"),
        Arguments.of("contact", subject("notification.milo.io", "Contact", "nobody-contact", NS), "nobody-contact"),
        // The Contact exists, but in another namespace.
        Arguments.of("contact-elsewhere", subject("notification.milo.io", "Contact", "ada-mail", "other-ns"), "ada-mail"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingSubjects")
  void aSubjectServedHereMustExist(String label, ObjectNode subjectRef, String missing) throws Exception {
    TestServer.Response refused = api.post(NOTES, note("missing-" + label, subjectRef));
    JsonNode cause = assertInvalid(refused, "FieldValueNotFound", "spec.subjectRef");
    assertThat(cause.path("message").asText()).contains(missing);
    assertThat(api.status(NOTES + "/missing-" + label)).isEqualTo(404);
  }

  @Test
  void nextActionTimeInThePastIsRefusedOnCreate() throws Exception {
    ObjectNode past = note("past-action", personSubject("ada"));
    spec(past).put("nextAction", "call back").put("nextActionTime", daysFromNow(-1));
    JsonNode cause = assertInvalid(api.post(NOTES, past), "FieldValueInvalid", "spec.nextActionTime");
    assertThat(cause.path("message").asText()).contains(spec(past).path("nextActionTime").asText());
    assertThat(api.status(NOTES + "/past-action")).isEqualTo(404);

    ObjectNode future = note("past-action", personSubject("ada"));
    spec(future).put("nextAction", "call back").put("nextActionTime", daysFromNow(2));
    api.create(NOTES, future);
  }

  @Test
  void nextActionTimeIsCheckedOnlyWhenChanged() throws Exception {
    String soon = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3).toString();
    ObjectNode n = note("aging-action", companySubject("acme"));
    spec(n).put("nextAction", "send deck").put("nextActionTime", soon);
    api.create(NOTES, n);
    Thread.sleep(4500);

    // The stored time is now in the past; an update that leaves it alone is fine.
    TestServer.Response unchanged = api.mergePatch(NOTES + "/aging-action", "{\"spec\":{\"content\":\"deck sent?\"}}");
    assertThat(unchanged.status()).as(unchanged.body()).isEqualTo(200);
    assertThat(unchanged.json().path("spec").path("nextActionTime").asText()).isEqualTo(soon);

    String yesterday = daysFromNow(-1);
    TestServer.Response toPast = api.mergePatch(NOTES + "/aging-action",
        "{\"spec\":{\"nextActionTime\":\"" + yesterday + "\"}}");
    assertInvalid(toPast, "FieldValueInvalid", "spec.nextActionTime");
    assertThat(api.read(NOTES + "/aging-action").path("spec").path("nextActionTime").asText()).isEqualTo(soon);

    String nextWeek = daysFromNow(7);
    TestServer.Response toFuture = api.mergePatch(NOTES + "/aging-action",
        "{\"spec\":{\"nextActionTime\":\"" + nextWeek + "\"}}");
    assertThat(toFuture.status()).as(toFuture.body()).isEqualTo(200);
    assertThat(toFuture.json().path("spec").path("nextActionTime").asText()).isEqualTo(nextWeek);
  }

  @Test
  void subjectRefIsImmutable() throws Exception {
    JsonNode created = api.create(NOTES, note("fixed-subject", personSubject("ada")));
    ObjectNode moved = created.deepCopy();
    spec(moved).set("subjectRef", companySubject("acme"));
    assertImmutable(api.put(NOTES, moved), "spec.subjectRef");
    assertImmutable(api.mergePatch(NOTES + "/fixed-subject", "{\"spec\":{\"subjectRef\":{\"name\":\"acme\",\"kind\":\"Company\"}}}"),
        "spec.subjectRef");
    JsonNode stored = api.read(NOTES + "/fixed-subject");
    assertThat(stored.path("spec").path("subjectRef")).isEqualTo(personSubject("ada"));

    // Changing everything else is fine.
    TestServer.Response content = api.mergePatch(NOTES + "/fixed-subject", "{\"spec\":{\"content\":\"new text\",\"followUp\":true}}");
    assertThat(content.status()).as(content.body()).isEqualTo(200);
    assertThat(content.json().path("spec").path("creatorRef").path("name").asText()).isEqualTo("admin");
  }
}
