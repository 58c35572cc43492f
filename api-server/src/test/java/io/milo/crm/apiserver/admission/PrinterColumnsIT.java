package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Objects.COMPANIES;
import static io.milo.crm.apiserver.admission.Objects.PEOPLE;
import static io.milo.crm.apiserver.admission.Objects.company;
import static io.milo.crm.apiserver.admission.Objects.contact;
import static io.milo.crm.apiserver.admission.Objects.contactRef;
import static io.milo.crm.apiserver.admission.Objects.contacts;
import static io.milo.crm.apiserver.admission.Objects.person;
import static io.milo.crm.apiserver.admission.Objects.personAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resolved printer columns over HTTP, as kubectl asks for them (a meta.k8s.io Table): People's
 * EMAIL is the primary Contact's email or else the first one's; Companies' PEOPLE (a wide column)
 * counts the People referencing the company.
 */
class PrinterColumnsIT {
  static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
      + "application/json";
  private static final String NS = "columns";
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

  /** One column of a Table, by row name. */
  static Map<String, JsonNode> column(JsonNode table, String columnName) {
    int index = -1;
    JsonNode definitions = table.path("columnDefinitions");
    for (int i = 0; i < definitions.size(); i++) {
      if (definitions.get(i).path("name").asText().equalsIgnoreCase(columnName)) {
        index = i;
      }
    }
    assertThat(index).as("column %s in %s", columnName, definitions).isNotNegative();
    Map<String, JsonNode> cells = new HashMap<>();
    for (JsonNode row : table.path("rows")) {
      cells.put(row.path("object").path("metadata").path("name").asText(), row.path("cells").get(index));
    }
    return cells;
  }

  @Test
  void peoplesEmailIsThePrimaryContactsOrTheFirstOnes() throws Exception {
    api.create(contacts(NS), contact("work", "ada@work.example.com"));
    api.create(contacts(NS), contact("home", "ada@home.example.com"));
    api.create(contacts(NS + "-b"), contact("only", "bob@example.com"));
    ObjectNode primarySecond = person("ada", "Ada");
    contactRef(primarySecond, NS, "work", "work", false);
    contactRef(primarySecond, NS, "home", "personal", true);
    api.create(PEOPLE, primarySecond);
    ObjectNode noPrimary = person("bob", "Bob");
    contactRef(noPrimary, NS + "-b", "only", "work", null);
    contactRef(noPrimary, NS, "work", "other", false);
    api.create(PEOPLE, noPrimary);
    api.create(PEOPLE, person("carol", "Carol"));

    TestServer.Response list = server.get(PEOPLE, TABLE);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    Map<String, JsonNode> email = column(list.json(), "Email");
    assertThat(email.get("ada").asText()).isEqualTo("ada@home.example.com");
    assertThat(email.get("bob").asText()).isEqualTo("bob@example.com");
    assertThat(email.get("carol").asText("")).isEmpty();

    // A single object's Table resolves the same way, and so does a page of a paged list.
    TestServer.Response one = server.get(PEOPLE + "/ada", TABLE);
    assertThat(column(one.json(), "Email").get("ada").asText()).isEqualTo("ada@home.example.com");
    TestServer.Response page = server.get(PEOPLE + "?limit=2", TABLE);
    assertThat(column(page.json(), "Email")).containsKeys("ada", "bob");

    // A changed Contact email shows at once.
    TestServer.Response changed = api.mergePatch(contacts(NS) + "/home", "{\"spec\":{\"email\":\"ada@new.example.com\"}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(column(server.get(PEOPLE, TABLE).json(), "Email").get("ada").asText()).isEqualTo("ada@new.example.com");
  }

  @Test
  void companiesPeopleCountsThePeopleReferencingIt() throws Exception {
    api.create(COMPANIES, company("three-co", "Three"));
    api.create(COMPANIES, company("one-co", "One"));
    api.create(COMPANIES, company("empty-co", "Empty"));
    for (String p : new String[] {"t1", "t2", "t3"}) {
      api.create(PEOPLE, personAt(p, "three-co"));
    }
    api.create(PEOPLE, personAt("o1", "one-co"));

    TestServer.Response table = server.get(COMPANIES, TABLE);
    assertThat(table.status()).as(table.body()).isEqualTo(200);
    Map<String, JsonNode> people = column(table.json(), "People");
    assertThat(people.get("three-co").asText()).isEqualTo("3");
    assertThat(people.get("one-co").asText()).isEqualTo("1");
    assertThat(people.get("empty-co").asText()).isEqualTo("0");

    TestServer.Response moved = api.mergePatch(PEOPLE + "/t3", "{\"spec\":{\"companyRef\":{\"name\":\"one-co\"}}}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    Map<String, JsonNode> after = column(server.get(COMPANIES, TABLE).json(), "People");
    assertThat(after.get("three-co").asText()).isEqualTo("2");
    assertThat(after.get("one-co").asText()).isEqualTo("2");
  }
}
