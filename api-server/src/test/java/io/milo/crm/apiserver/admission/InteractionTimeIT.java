package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Objects.COMPANIES;
import static io.milo.crm.apiserver.admission.Objects.NOTES;
import static io.milo.crm.apiserver.admission.Objects.PEOPLE;
import static io.milo.crm.apiserver.admission.Objects.company;
import static io.milo.crm.apiserver.admission.Objects.companySubject;
import static io.milo.crm.apiserver.admission.Objects.note;
import static io.milo.crm.apiserver.admission.Objects.personAt;
import static io.milo.crm.apiserver.admission.Objects.personSubject;
import static io.milo.crm.apiserver.admission.Objects.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Company.status.lastInteractionTime over HTTP: the latest interactionTime of the Notes about the
 * company or any of its people, kept current as such Notes are created, changed and deleted and
 * as people move between companies.
 */
class InteractionTimeIT {
  private static final String JAN = "2026-01-10T09:00:00Z";
  private static final String FEB = "2026-02-10T09:00:00Z";
  private static final String MAR = "2026-03-10T09:00:00Z";
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

  private static String lastInteraction(String company) throws Exception {
    return api.read(COMPANIES + "/" + company).path("status").path("lastInteractionTime").asText("");
  }

  private static ObjectNode noteAt(String name, ObjectNode subjectRef, String interactionTime) {
    ObjectNode n = note(name, subjectRef);
    spec(n).put("interactionTime", interactionTime);
    return n;
  }

  @Test
  void followsNotesAboutTheCompanyAndItsPeople() throws Exception {
    api.create(COMPANIES, company("busy-co", "Busy"));
    api.create(PEOPLE, personAt("busy-person", "busy-co"));
    assertThat(lastInteraction("busy-co")).isEmpty();

    // A Note without interactionTime does not count.
    api.create(NOTES, note("no-time", companySubject("busy-co")));
    assertThat(lastInteraction("busy-co")).isEmpty();

    api.create(NOTES, noteAt("about-company", companySubject("busy-co"), FEB));
    assertThat(lastInteraction("busy-co")).isEqualTo(FEB);

    api.create(NOTES, noteAt("about-person", personSubject("busy-person"), MAR));
    assertThat(lastInteraction("busy-co")).isEqualTo(MAR);

    // An older Note changes nothing.
    api.create(NOTES, noteAt("older", companySubject("busy-co"), JAN));
    assertThat(lastInteraction("busy-co")).isEqualTo(MAR);

    // Changing the latest Note's time back: the next latest wins.
    TestServer.Response changed = api.mergePatch(NOTES + "/about-person", "{\"spec\":{\"interactionTime\":\"" + JAN + "\"}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(lastInteraction("busy-co")).isEqualTo(FEB);

    // Deleting the latest Note: the next latest wins; deleting all: none.
    assertThat(api.delete(NOTES + "/about-company").status()).isEqualTo(200);
    assertThat(lastInteraction("busy-co")).isEqualTo(JAN);
    assertThat(api.delete(NOTES + "/about-person").status()).isEqualTo(200);
    assertThat(api.delete(NOTES + "/older").status()).isEqualTo(200);
    assertThat(lastInteraction("busy-co")).isEmpty();
  }

  @Test
  void notesOfOtherCompaniesAndTheirPeopleDoNotCount() throws Exception {
    api.create(COMPANIES, company("quiet-co", "Quiet"));
    api.create(COMPANIES, company("loud-co", "Loud"));
    api.create(PEOPLE, personAt("loud-person", "loud-co"));
    api.create(NOTES, noteAt("loud-1", personSubject("loud-person"), MAR));
    api.create(NOTES, noteAt("loud-2", companySubject("loud-co"), FEB));
    assertThat(lastInteraction("loud-co")).isEqualTo(MAR);
    assertThat(lastInteraction("quiet-co")).isEmpty();
  }

  @Test
  void followsAPersonMovingToAnotherCompany() throws Exception {
    api.create(COMPANIES, company("old-employer", "Old"));
    api.create(COMPANIES, company("new-employer", "New"));
    api.create(PEOPLE, personAt("job-hopper", "old-employer"));
    api.create(NOTES, noteAt("old-employer-note", companySubject("old-employer"), JAN));
    api.create(NOTES, noteAt("new-employer-note", companySubject("new-employer"), FEB));
    api.create(NOTES, noteAt("hopper-note", personSubject("job-hopper"), MAR));
    assertThat(lastInteraction("old-employer")).isEqualTo(MAR);
    assertThat(lastInteraction("new-employer")).isEqualTo(FEB);

    TestServer.Response moved = api.mergePatch(PEOPLE + "/job-hopper", "{\"spec\":{\"companyRef\":{\"name\":\"new-employer\"}}}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(lastInteraction("old-employer")).isEqualTo(JAN);
    assertThat(lastInteraction("new-employer")).isEqualTo(MAR);

    TestServer.Response left = api.mergePatch(PEOPLE + "/job-hopper", "{\"spec\":{\"companyRef\":null}}");
    assertThat(left.status()).as(left.body()).isEqualTo(200);
    assertThat(lastInteraction("new-employer")).isEqualTo(FEB);
  }
}
