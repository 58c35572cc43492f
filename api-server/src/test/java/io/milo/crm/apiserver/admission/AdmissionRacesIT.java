package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Objects.COMPANIES;
import static io.milo.crm.apiserver.admission.Objects.NOTIFICATION;
import static io.milo.crm.apiserver.admission.Objects.PEOPLE;
import static io.milo.crm.apiserver.admission.Objects.company;
import static io.milo.crm.apiserver.admission.Objects.contact;
import static io.milo.crm.apiserver.admission.Objects.contacts;
import static io.milo.crm.apiserver.admission.Objects.group;
import static io.milo.crm.apiserver.admission.Objects.groups;
import static io.milo.crm.apiserver.admission.Objects.membership;
import static io.milo.crm.apiserver.admission.Objects.memberships;
import static io.milo.crm.apiserver.admission.Objects.personAt;
import static io.milo.crm.apiserver.admission.Objects.removal;
import static io.milo.crm.apiserver.admission.Objects.removals;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.apiserver.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cross-object rules under concurrent requests, fired together over the one HTTP/2 connection
 * as the aggregator does: each race is run many rounds, and after each round the invariant the
 * rule protects must hold whichever request won.
 */
class AdmissionRacesIT {
  private static final int ROUNDS = 20;
  private static final int CONCURRENT = 8;
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

  /** One request of a race. */
  record Call(HttpMethod method, String path, JsonNode body) {
    static Call post(String collection, JsonNode body) {
      return new Call(HttpMethod.POST, collection, body);
    }

    static Call delete(String path) {
      return new Call(HttpMethod.DELETE, path, null);
    }
  }

  /** Sends all calls before awaiting any; answers the status codes in call order. */
  private static List<Integer> race(List<Call> calls) throws Exception {
    List<Future<Integer>> pending = new ArrayList<>();
    for (Call call : calls) {
      RequestOptions options = new RequestOptions().setMethod(call.method()).setHost("localhost").setPort(server.port())
          .setURI(call.path()).putHeader("Authorization", "Bearer " + server.auth.token());
      if (call.body() != null) {
        options.putHeader("Content-Type", "application/json");
      }
      pending.add(server.client.request(options)
          .compose(r -> call.body() == null ? r.send() : r.send(Buffer.buffer(call.body().toString())))
          .compose(r -> r.body().map(b -> r.statusCode())));
    }
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> f : pending) {
      codes.add(TestServer.await(f));
    }
    return codes;
  }

  @Test
  void ofContactsWithTheSameEmailExactlyOneWins() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String email = "race-" + round + "@example.com";
      List<Call> calls = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        String spelled = i % 2 == 0 ? email : email.toUpperCase(Locale.ROOT);
        calls.add(Call.post(contacts("race-ns-" + i), contact("email-" + round + "-" + i, spelled)));
      }
      List<Integer> codes = race(calls);
      assertThat(codes).as("round %d", round).containsOnly(201, 422);
      assertThat(codes.stream().filter(c -> c == 201).count()).as("round %d: %s", round, codes).isEqualTo(1);
      long stored = api.list(NOTIFICATION + "contacts", null).stream()
          .filter(c -> c.path("spec").path("email").asText().equalsIgnoreCase(email)).count();
      assertThat(stored).as("round %d", round).isEqualTo(1);
    }
  }

  @Test
  void aMembershipAndARemovalForThePairNeverBothExist() throws Exception {
    String ns = "race-pairs";
    api.create(groups(ns), group("list", "List", "public"));
    for (int round = 0; round < ROUNDS; round++) {
      String contact = "pair-" + round;
      api.create(contacts(ns), contact(contact, contact + "@example.com"));
      List<Call> calls = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        calls.add(i % 2 == 0
            ? Call.post(memberships(ns), membership(contact + "-in-" + i, ns, contact, ns, "list"))
            : Call.post(removals(ns), removal(contact + "-out-" + i, ns, contact, ns, "list")));
      }
      List<Integer> codes = race(calls);
      assertThat(codes).as("round %d", round).containsOnly(201, 422);
      List<JsonNode> members = api.list(memberships(ns), "spec.contactRef.name=" + contact);
      List<JsonNode> optOuts = api.list(removals(ns), "spec.contactRef.name=" + contact);
      assertThat(optOuts).as("round %d: %s", round, codes).hasSize(1);
      assertThat(members).as("round %d: %s", round, codes).isEmpty();
    }
  }

  @Test
  void deletingACompanyWhilePeopleJoinItNeverLeavesADanglingReference() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String co = "race-co-" + round;
      api.create(COMPANIES, company(co, "Race " + round));
      List<Call> calls = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        calls.add(i == CONCURRENT / 2 ? Call.delete(COMPANIES + "/" + co)
            : Call.post(PEOPLE, personAt(co + "-p" + i, co)));
      }
      List<Integer> codes = race(calls);
      assertThat(codes).as("round %d", round).isSubsetOf(200, 201, 409, 422);
      boolean companyExists = api.status(COMPANIES + "/" + co) == 200;
      List<JsonNode> referrers = api.list(PEOPLE, "spec.companyRef.name=" + co);
      if (!companyExists) {
        assertThat(referrers).as("round %d: %s", round, codes).isEmpty();
        assertThat(codes.get(CONCURRENT / 2)).isEqualTo(200);
      } else {
        assertThat(codes.get(CONCURRENT / 2)).as("round %d: %s", round, codes).isEqualTo(409);
        assertThat(referrers).as("round %d: %s", round, codes).isNotEmpty();
      }
      long createdPeople = codes.stream().filter(c -> c == 201).count();
      assertThat(referrers).as("round %d: %s", round, codes).hasSize((int) createdPeople);
    }
  }
}
