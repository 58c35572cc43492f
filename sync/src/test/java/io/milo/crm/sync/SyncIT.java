package io.milo.crm.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.apiserver.TestServer;
import io.milo.crm.sync.reconcile.Backoff;
import io.milo.crm.sync.sim.LoopsSimulator;
import io.milo.crm.sync.sim.ResendSimulator;
import io.milo.crm.sync.webhook.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: the real API server on PostgreSQL, the sync process in this JVM, and both provider
 * simulators. Each test uses its own names in namespace {@code default}; together they check that
 * contacts, groups and memberships converge on both providers with the right status, that deletion
 * and removals reach the providers, that a Resend email change keeps memberships, that outages and a
 * restart converge without duplicates, and that only verified, fresh webhooks change anything.
 */
class SyncIT {
  static final String NS = "/apis/notification.milo.io/v1alpha1/namespaces/default/";
  static final String RESEND_SECRET = "whsec_" + Base64.getEncoder().encodeToString("resend-secret-0123456789".getBytes());
  static final String LOOPS_SECRET = "whsec_" + Base64.getEncoder().encodeToString("loops-secret-0123456789".getBytes());
  static final String LOOPS_LIST = "cm_list_news";

  static TestServer server;
  static Vertx vertx;
  static ResendSimulator resend;
  static LoopsSimulator loops;
  static SyncProcess sync;
  static HttpClient https;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    vertx = Vertx.vertx();
    resend = (ResendSimulator) new ResendSimulator(vertx, "re_test_key").start();
    loops = (LoopsSimulator) new LoopsSimulator(vertx, "loops_test_key").start();
    loops.addList(LOOPS_LIST);
    loops.addList("cm_list_other");
    sync = startSync();
    https = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
  }

  static SyncProcess startSync() throws Exception {
    return startSync(true);
  }

  /** The test's retry policy: quick, so failures recover within a test. */
  static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2, 0.2);

  static SyncProcess startSync(boolean loopsOn) throws Exception {
    return startSync(loopsOn, BACKOFF);
  }

  /** Stops the running sync and starts one with both providers, backoff and extra flags (later flags win). */
  static void restartSync(Backoff backoff, String... extra) throws Exception {
    if (sync != null) {
      sync.close();
      sync = null;
    }
    sync = startSync(true, backoff, extra);
  }

  /**
   * The sync with both providers, or (loopsOn false) with Loops turned off: its API key unset. The
   * providers are asked whether objects in sync are still there only once an hour (--verify-period), so
   * a resync costs no provider call; the drift test asks for a shorter period.
   */
  static SyncProcess startSync(boolean loopsOn, Backoff backoff, String... extra) throws Exception {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
        "--kubeconfig=" + server.kubeconfig, "--resend-api-key=re_test_key", "--resend-base-url=" + resend.uri(),
        "--loops-base-url=" + loops.uri() + "/api/v1", "--resend-rate=200",
        "--loops-rate=200", "--resend-webhook-secret=" + RESEND_SECRET, "--loops-webhook-secret=" + LOOPS_SECRET,
        "--bind-address=127.0.0.1", "--port=0", "--resync-period=2", "--verify-period=3600", "--workers=2"));
    if (loopsOn) {
      args.add("--loops-api-key=loops_test_key");
    }
    // A later flag replaces an earlier one of the same name.
    for (String e : extra) {
      String flag = e.substring(0, e.indexOf('=') + 1);
      args.removeIf(a -> a.startsWith(flag));
      args.add(e);
    }
    SyncOptions options = SyncOptions.parse(args.toArray(String[]::new), k -> null);
    SyncProcess started = SyncProcess.start(options, backoff);
    eventually().until(started::ready); // webhooks are answered 503 until the caches have synced
    return started;
  }

  @AfterAll
  static void stop() throws Exception {
    if (sync != null) {
      sync.close();
    }
    resend.close();
    loops.close();
    vertx.close();
    server.close();
  }

  static ConditionFactory eventually() {
    return Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100));
  }

  static void create(String plural, String json) throws Exception {
    TestServer.Response r = server.post(NS + plural, json);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  static void contact(String name, String email) throws Exception {
    create("contacts", "{\"apiVersion\":\"notification.milo.io/v1alpha1\",\"kind\":\"Contact\",\"metadata\":{\"name\":\""
        + name + "\"},\"spec\":{\"email\":\"" + email + "\",\"givenName\":\"Ann\",\"familyName\":\"Lee\"}}");
  }

  static void group(String name, String displayName, String loopsList) throws Exception {
    group(name, displayName, loopsList, "public");
  }

  static void group(String name, String displayName, String loopsList, String visibility) throws Exception {
    create("contactgroups", "{\"apiVersion\":\"notification.milo.io/v1alpha1\",\"kind\":\"ContactGroup\",\"metadata\":{\"name\":\""
        + name + "\"},\"spec\":{\"displayName\":\"" + displayName + "\",\"visibility\":\"" + visibility + "\""
        + (loopsList == null ? "" : ",\"providers\":[{\"name\":\"Loops\",\"id\":\"" + loopsList + "\"}]") + "}}");
  }

  static void pair(String plural, String kind, String name, String contact, String group) throws Exception {
    create(plural, "{\"apiVersion\":\"notification.milo.io/v1alpha1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\""
        + name + "\"},\"spec\":{\"contactRef\":{\"name\":\"" + contact + "\",\"namespace\":\"default\"},"
        + "\"contactGroupRef\":{\"name\":\"" + group + "\",\"namespace\":\"default\"}}}");
  }

  static void membership(String name, String contact, String group) throws Exception {
    pair("contactgroupmemberships", "ContactGroupMembership", name, contact, group);
  }

  static JsonNode get(String plural, String name) throws Exception {
    return server.get(NS + plural + "/" + name).json();
  }

  static String condition(JsonNode obj, String type) {
    for (JsonNode c : obj.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path("status").asText() + "/" + c.path("reason").asText();
      }
    }
    return "absent";
  }

  static long observedGeneration(JsonNode obj, String type) {
    for (JsonNode c : obj.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path("observedGeneration").asLong(-1);
      }
    }
    return -1;
  }

  static String uid(String contact) throws Exception {
    return get("contacts", contact).path("metadata").path("uid").asText();
  }

  @Test
  void contactsGroupsAndMembershipsConvergeOnBothProvidersWithStatus() throws Exception {
    contact("conv", "conv@example.com");
    group("conv-news", "ConvNews", LOOPS_LIST);
    group("conv-nolist", "ConvNoList", null);
    membership("conv-news", "conv", "conv-news");
    membership("conv-nolist", "conv", "conv-nolist");

    eventually().untilAsserted(() -> {
      assertThat(resend.segmentNamesOf("conv@example.com")).containsExactlyInAnyOrder("ConvNews-public-default",
          "ConvNoList-public-default");
      assertThat(loops.listsOf("conv@example.com")).containsExactly(LOOPS_LIST);
      JsonNode c = get("contacts", "conv");
      assertThat(condition(c, "ResendContactReady")).isEqualTo("True/CreateSuccessful");
      assertThat(condition(c, "LoopsContactReady")).isEqualTo("True/CreateSuccessful");
      assertThat(condition(c, "Ready")).isEqualTo("True/AllProvidersReady");
      assertThat(c.path("metadata").path("finalizers").toString())
          .contains("notification.milo.io/resend", "notification.milo.io/loops");
      JsonNode m = get("contactgroupmemberships", "conv-news");
      assertThat(condition(m, "ResendContactGroupMembershipReady")).startsWith("True/");
      assertThat(condition(m, "LoopsContactGroupMembershipReady")).startsWith("True/");
      assertThat(condition(m, "Ready")).isEqualTo("True/AllProvidersReady");
      JsonNode waiting = get("contactgroupmemberships", "conv-nolist");
      assertThat(condition(waiting, "ResendContactGroupMembershipReady")).startsWith("True/");
      assertThat(condition(waiting, "LoopsContactGroupMembershipReady")).isEqualTo("False/LoopsListIDMissing");
      assertThat(condition(waiting, "Ready")).isEqualTo("False/ProvidersNotReady");
      assertThat(condition(get("contactgroups", "conv-nolist"), "LoopsContactGroupReady"))
          .isEqualTo("False/LoopsListIDMissing");
    });
    JsonNode c = get("contacts", "conv");
    ResendSimulator.Contact onResend = resend.find("conv@example.com");
    LoopsSimulator.Contact onLoops = loops.find(c.path("metadata").path("uid").asText(), null);
    assertThat(onResend.firstName()).isEqualTo("Ann");
    assertThat(onLoops.firstName).isEqualTo("Ann");
    assertThat(onLoops.subscribed).isTrue();
    assertThat(c.path("status").path("providers")).containsExactlyInAnyOrder(
        TestServer.JSON.readTree("{\"name\":\"Resend\",\"id\":\"" + onResend.id() + "\"}"),
        TestServer.JSON.readTree("{\"name\":\"Loops\",\"id\":\"" + onLoops.id + "\"}"));
    assertThat(c.path("status").path("providerID").asText()).as("the Resend id").isEqualTo(onResend.id());

    // The group gets its Loops list id later: the waiting membership follows.
    assertThat(server.patch(NS + "contactgroups/conv-nolist", "application/merge-patch+json",
        "{\"spec\":{\"providers\":[{\"name\":\"Loops\",\"id\":\"cm_list_other\"}]}}").status()).isEqualTo(200);
    eventually().untilAsserted(() -> {
      assertThat(loops.listsOf("conv@example.com")).containsExactlyInAnyOrder(LOOPS_LIST, "cm_list_other");
      assertThat(condition(get("contactgroupmemberships", "conv-nolist"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
  }

  @Test
  void aRemovalTakesTheContactOffTheProviderLists() throws Exception {
    contact("rem", "rem@example.com");
    group("rem-news", "RemNews", LOOPS_LIST);
    membership("rem-news", "rem", "rem-news");
    eventually().untilAsserted(() -> {
      assertThat(resend.segmentNamesOf("rem@example.com")).containsExactly("RemNews-public-default");
      assertThat(loops.listsOf("rem@example.com")).containsExactly(LOOPS_LIST);
    });
    pair("contactgroupmembershipremovals", "ContactGroupMembershipRemoval", "rem-news", "rem", "rem-news");
    eventually().untilAsserted(() -> {
      assertThat(resend.segmentNamesOf("rem@example.com")).isEmpty();
      assertThat(loops.listsOf("rem@example.com")).isEmpty();
      assertThat(server.get(NS + "contactgroupmemberships/rem-news").status()).isEqualTo(404);
      assertThat(condition(get("contactgroupmembershipremovals", "rem-news"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    assertThat(resend.find("rem@example.com")).isNotNull();
    // The removal blocks adding the membership back through the API; nothing reaches the providers.
    TestServer.Response again = server.post(NS + "contactgroupmemberships", "{\"apiVersion\":\"notification.milo.io/v1alpha1\","
        + "\"kind\":\"ContactGroupMembership\",\"metadata\":{\"name\":\"rem-news-again\"},\"spec\":{\"contactRef\":"
        + "{\"name\":\"rem\",\"namespace\":\"default\"},\"contactGroupRef\":{\"name\":\"rem-news\",\"namespace\":\"default\"}}}");
    assertThat(again.status()).as(again.body()).isEqualTo(422);
    assertThat(again.body()).contains("FieldValueInvalid");
    assertThat(server.get(NS + "contactgroupmemberships/rem-news-again").status()).isEqualTo(404);
    Thread.sleep(1000);
    assertThat(resend.segmentNamesOf("rem@example.com")).isEmpty();
    assertThat(loops.listsOf("rem@example.com")).isEmpty();
  }

  @Test
  void deletingAContactTakesItOffItsListsAndThenOffTheProviders() throws Exception {
    contact("del", "del@example.com");
    group("del-news", "DelNews", LOOPS_LIST);
    membership("del-news", "del", "del-news");
    eventually().untilAsserted(() -> {
      assertThat(resend.segmentNamesOf("del@example.com")).hasSize(1);
      assertThat(condition(get("contacts", "del"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    String uid = uid("del");
    String resendId = resend.find("del@example.com").id();
    assertThat(server.delete(NS + "contacts/del", null).status()).isIn(200, 202);
    eventually().untilAsserted(() -> {
      assertThat(server.get(NS + "contacts/del").status()).isEqualTo(404);
      assertThat(server.get(NS + "contactgroupmemberships/del-news").status()).isEqualTo(404);
      assertThat(resend.find("del@example.com")).isNull();
      assertThat(loops.find(uid, null)).isNull();
    });
    // Off the lists first, then the contact itself.
    java.util.List<String> onResend = resend.calls().stream().filter(c -> c.method().equals("DELETE")
        && c.path().startsWith("/contacts/" + resendId)).map(c -> c.path()).toList();
    assertThat(onResend).hasSizeGreaterThanOrEqualTo(2);
    assertThat(onResend.get(0)).startsWith("/contacts/" + resendId + "/segments/");
    assertThat(onResend.get(onResend.size() - 1)).isEqualTo("/contacts/" + resendId);
    java.util.List<String> onLoops = loops.calls().stream().filter(c -> c.body().contains(uid)
        && (c.path().endsWith("/contacts/delete") || c.body().contains("\"" + LOOPS_LIST + "\":false")))
        .map(c -> c.path()).toList();
    assertThat(onLoops).hasSizeGreaterThanOrEqualTo(2);
    assertThat(onLoops.get(0)).endsWith("/contacts/update");
    assertThat(onLoops.get(onLoops.size() - 1)).endsWith("/contacts/delete");
    // The group is deleted after its members: its segment goes too.
    assertThat(resend.segmentNames()).contains("DelNews-public-default");
    assertThat(server.delete(NS + "contactgroups/del-news", null).status()).isIn(200, 202);
    eventually().untilAsserted(() -> assertThat(resend.segmentNames()).doesNotContain("DelNews-public-default"));
  }

  @Test
  void aResendEmailChangeRecreatesTheContactAndKeepsItsMemberships() throws Exception {
    contact("mail", "old-mail@example.com");
    group("mail-news", "MailNews", LOOPS_LIST);
    membership("mail-news", "mail", "mail-news");
    eventually().untilAsserted(() -> {
      assertThat(resend.segmentNamesOf("old-mail@example.com")).containsExactly("MailNews-public-default");
      assertThat(condition(get("contactgroupmemberships", "mail-news"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    String uid = uid("mail");
    String oldId = resend.find("old-mail@example.com").id();
    assertThat(server.patch(NS + "contacts/mail", "application/merge-patch+json",
        "{\"spec\":{\"email\":\"new-mail@example.com\"}}").status()).isEqualTo(200);
    eventually().untilAsserted(() -> {
      assertThat(resend.find("old-mail@example.com")).isNull();
      assertThat(resend.segmentNamesOf("new-mail@example.com")).containsExactly("MailNews-public-default");
      assertThat(loops.find(uid, null).email).isEqualTo("new-mail@example.com");
      assertThat(loops.listsOf("new-mail@example.com")).containsExactly(LOOPS_LIST);
      JsonNode c = get("contacts", "mail");
      assertThat(c.path("status").path("providers").toString()).contains(resend.find("new-mail@example.com").id());
      assertThat(condition(get("contactgroupmemberships", "mail-news"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    assertThat(resend.find("new-mail@example.com").id()).isNotEqualTo(oldId);
  }

  @Test
  void aRenamedGroupRenamesItsResendSegmentInPlace() throws Exception {
    contact("ren", "ren@example.com");
    group("ren-news", "RenNews", LOOPS_LIST);
    membership("ren-news", "ren", "ren-news");
    eventually().untilAsserted(() -> {
      assertThat(resend.segmentNamesOf("ren@example.com")).containsExactly("RenNews-public-default");
      assertThat(condition(get("contactgroupmemberships", "ren-news"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    String segment = get("contactgroups", "ren-news").path("status").path("providerID").asText();
    assertThat(server.patch(NS + "contactgroups/ren-news", "application/merge-patch+json",
        "{\"spec\":{\"displayName\":\"RenamedNews\"}}").status()).isEqualTo(200);
    eventually().untilAsserted(() -> {
      assertThat(resend.segmentNames()).contains("RenamedNews-public-default").doesNotContain("RenNews-public-default");
      JsonNode g = get("contactgroups", "ren-news");
      assertThat(condition(g, "ResendContactGroupReady")).isEqualTo("True/UpdateSuccessful");
      assertThat(condition(g, "Update")).isEqualTo("True/UpdateSuccessful");
      assertThat(observedGeneration(g, "ResendContactGroupReady"))
          .isEqualTo(g.path("metadata").path("generation").asLong());
    });
    // The same segment (same id, same members), renamed: nothing made anew.
    assertThat(get("contactgroups", "ren-news").path("status").path("providerID").asText()).isEqualTo(segment);
    assertThat(resend.segmentNamesOf("ren@example.com")).containsExactly("RenamedNews-public-default");
    synchronized (resend) {
      assertThat(resend.segments.get(segment)).isEqualTo("RenamedNews-public-default");
      assertThat(resend.createdSegments.stream().filter(id -> resend.segments.get(id) != null
          && resend.segments.get(id).startsWith("Ren")).count()).isEqualTo(1);
    }
    assertThat(resend.calls()).anyMatch(c -> c.method().equals("PATCH") && c.path().equals("/segments/" + segment));
  }

  @Test
  void updateConditionsFollowASpecChangeAndAContactRecreatedUnderAMembership() throws Exception {
    contact("upd", "upd@example.com");
    group("upd-news", "UpdNews", LOOPS_LIST);
    membership("upd-news", "upd", "upd-news");
    eventually().untilAsserted(() -> {
      assertThat(condition(get("contactgroupmemberships", "upd-news"), "Ready")).isEqualTo("True/AllProvidersReady");
      assertThat(condition(get("contacts", "upd"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    assertThat(condition(get("contacts", "upd"), "Update")).as("no update yet").isEqualTo("absent");
    String resendId = resend.find("upd@example.com").id();
    String segment = get("contactgroups", "upd-news").path("status").path("providerID").asText();

    // A name change while Resend fails: pending until Resend has it too.
    resend.refuse("PATCH", resendId, 503);
    try {
      assertThat(server.patch(NS + "contacts/upd", "application/merge-patch+json",
          "{\"spec\":{\"givenName\":\"Bea\"}}").status()).isEqualTo(200);
      eventually().untilAsserted(() -> {
        JsonNode c = get("contacts", "upd");
        assertThat(condition(c, "Update")).isEqualTo("False/UpdatePending");
        assertThat(conditionMessage(c, "Update")).contains("Resend");
        assertThat(observedGeneration(c, "Update")).isEqualTo(c.path("metadata").path("generation").asLong());
        assertThat(condition(c, "Ready")).isEqualTo("False/ProvidersNotReady");
      });
    } finally {
      resend.recover();
    }
    eventually().untilAsserted(() -> {
      JsonNode c = get("contacts", "upd");
      assertThat(condition(c, "Update")).isEqualTo("True/UpdateSuccessful");
      assertThat(condition(c, "Ready")).isEqualTo("True/AllProvidersReady");
      assertThat(resend.find("upd@example.com").firstName()).isEqualTo("Bea");
    });
    assertThat(condition(get("contactgroupmemberships", "upd-news"), "Update")).as("its contact id did not change")
        .isEqualTo("absent");

    // An email change recreates the Resend contact: the membership must be made again, and says so.
    resend.refuse("POST", "/segments/" + segment, 503);
    try {
      assertThat(server.patch(NS + "contacts/upd", "application/merge-patch+json",
          "{\"spec\":{\"email\":\"upd2@example.com\"}}").status()).isEqualTo(200);
      eventually().untilAsserted(() -> {
        JsonNode m = get("contactgroupmemberships", "upd-news");
        assertThat(condition(m, "Update")).isEqualTo("False/UpdateRequested");
        assertThat(condition(m, "Ready")).isEqualTo("False/ProvidersNotReady");
      });
    } finally {
      resend.recover();
    }
    eventually().untilAsserted(() -> {
      JsonNode m = get("contactgroupmemberships", "upd-news");
      assertThat(condition(m, "Update")).isEqualTo("True/UpdateSuccessful");
      assertThat(condition(m, "Ready")).isEqualTo("True/AllProvidersReady");
      assertThat(resend.segmentNamesOf("upd2@example.com")).containsExactly("UpdNews-public-default");
      assertThat(condition(get("contacts", "upd"), "Update")).isEqualTo("True/UpdateSuccessful");
    });
  }

  @Test
  void deleteConditionsSayWhatADeletionWaitsForAndWhenTheProvidersAreDone() throws Exception {
    contact("gone", "gone@example.com");
    group("gone-news", "GoneNews", LOOPS_LIST);
    membership("gone-news", "gone", "gone-news");
    eventually().untilAsserted(() -> assertThat(condition(get("contactgroupmemberships", "gone-news"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    String uid = uid("gone");
    hold("contactgroupmemberships", "gone-news", true);
    hold("contacts", "gone", true);
    assertThat(server.delete(NS + "contacts/gone", null).status()).isIn(200, 202);
    eventually().untilAsserted(() -> {
      // The membership is off the providers' lists and the sync let it go; someone else still holds it.
      JsonNode m = get("contactgroupmemberships", "gone-news");
      assertThat(condition(m, "Delete")).isEqualTo("True/DeleteSuccessful");
      assertThat(m.path("metadata").path("finalizers").toString()).isEqualTo("[\"" + HOLD + "\"]");
      // The contact waits for it.
      JsonNode c = get("contacts", "gone");
      assertThat(condition(c, "Delete")).isEqualTo("False/DeletePending");
      assertThat(conditionMessage(c, "Delete")).contains("Resend: the contact's memberships and removals")
          .contains("Loops: ");
      assertThat(loops.listsOf("gone@example.com")).isEmpty();
    });
    assertThat(resend.find("gone@example.com")).as("the contact goes after its memberships").isNotNull();
    hold("contactgroupmemberships", "gone-news", false);
    eventually().untilAsserted(() -> {
      JsonNode c = get("contacts", "gone");
      assertThat(condition(c, "Delete")).isEqualTo("True/DeleteSuccessful");
      assertThat(c.path("metadata").path("finalizers").toString()).isEqualTo("[\"" + HOLD + "\"]");
      assertThat(resend.find("gone@example.com")).isNull();
      assertThat(loops.find(uid, null)).isNull();
    });
    hold("contacts", "gone", false);
    eventually().untilAsserted(() -> assertThat(server.get(NS + "contacts/gone").status()).isEqualTo(404));
  }

  @Test
  void providerOutagesConvergeAfterRecoveryWithExactlyTheExpectedObjects() throws Exception {
    // Outages in time (every call fails, whoever makes it), so the test does not share a fault budget
    // with other work: Resend 503 and Loops 500 for 3 s while the objects are made. Then a Resend 429
    // storm with Retry-After: 1 for 2 s. And the first create of the segment, of the Resend contact and of
    // the Loops contact are carried out but their answers lost (500): a client that is not idempotent
    // makes a second segment (Resend allows segments of the same name; contacts are one per email there).
    resend.loseAnswers("POST", "OutageNews-public-default", 1);
    resend.loseAnswers("POST", "outage@example.com", 1);
    loops.loseAnswers("PUT", "outage@example.com", 1);
    resend.outage(Duration.ofSeconds(3), 503, 0);
    loops.outage(Duration.ofSeconds(3), 500, 0);
    try {
      contact("outage", "outage@example.com");
      group("outage-news", "OutageNews", LOOPS_LIST);
      membership("outage-news", "outage", "outage-news");
      eventually().untilAsserted(() -> {
        JsonNode c = get("contacts", "outage");
        assertThat(condition(c, "ResendContactReady")).isEqualTo("False/ProviderError");
        assertThat(condition(c, "LoopsContactReady")).isEqualTo("False/ProviderError");
        assertThat(condition(c, "Ready")).isEqualTo("False/ProvidersNotReady");
      });
      long storm = TimeUnit.NANOSECONDS.toMillis(resend.outageEnd() - System.nanoTime());
      Thread.sleep(Math.max(0, storm));
      resend.outage(Duration.ofSeconds(2), 429, 1);
      eventually().untilAsserted(() -> {
        assertThat(condition(get("contacts", "outage"), "Ready")).isEqualTo("True/AllProvidersReady");
        assertThat(condition(get("contactgroups", "outage-news"), "Ready")).isEqualTo("True/AllProvidersReady");
        assertThat(condition(get("contactgroupmemberships", "outage-news"), "Ready")).isEqualTo("True/AllProvidersReady");
        assertThat(resend.segmentNamesOf("outage@example.com")).containsExactly("OutageNews-public-default");
        assertThat(loops.listsOf("outage@example.com")).containsExactly(LOOPS_LIST);
      });
    } finally {
      resend.recover();
      loops.recover();
    }
    String uid = uid("outage");
    // Exactly what should be there on each provider, and nothing twice.
    synchronized (resend) {
      assertThat(resend.contacts.values().stream().filter(c -> c.email().equals("outage@example.com")).count()).isEqualTo(1);
      java.util.List<String> segments = resend.segments.entrySet().stream()
          .filter(e -> e.getValue().equals("OutageNews-public-default")).map(java.util.Map.Entry::getKey).toList();
      assertThat(segments).as("segments named OutageNews-public-default").hasSize(1);
      assertThat(resend.createdSegments.stream().filter(segments::contains).count()).isEqualTo(1);
      assertThat(get("contactgroups", "outage-news").path("status").path("providerID").asText())
          .isEqualTo(segments.get(0));
      String contactId = resend.find("outage@example.com").id();
      assertThat(resend.memberships.get(contactId)).containsExactly(segments.get(0));
      assertThat(get("contacts", "outage").path("status").path("providerID").asText()).isEqualTo(contactId);
    }
    synchronized (loops) {
      assertThat(loops.contacts.values().stream().filter(c -> "outage@example.com".equals(c.email)
          || uid.equals(c.userId)).count()).isEqualTo(1);
      assertThat(loops.find(uid, null).mailingLists).containsExactly(java.util.Map.entry(LOOPS_LIST, true));
    }
    // The lost answers did happen, and the outages were seen.
    assertThat(resend.calls()).anyMatch(c -> c.status() == 500 && c.body().contains("OutageNews-public-default"));
    assertThat(resend.calls()).anyMatch(c -> c.status() == 503);
    assertThat(loops.calls()).anyMatch(c -> c.status() == 500 && c.body().contains("outage@example.com"));
    // After a 429 with Retry-After: 1 no call starts within that second (a call already on its way when
    // the 429 left may still land a few milliseconds later).
    java.util.List<io.milo.crm.sync.sim.Simulator.Call> resendCalls = resend.calls();
    long throttled = 0;
    for (io.milo.crm.sync.sim.Simulator.Call c : resendCalls) {
      if (c.status() != 429) {
        continue;
      }
      throttled++;
      long from = c.answeredNanos() + TimeUnit.MILLISECONDS.toNanos(50);
      long to = c.answeredNanos() + TimeUnit.MILLISECONDS.toNanos(950);
      assertThat(resendCalls).as("calls within Retry-After of a 429").noneMatch(o -> o.arrivedNanos() > from
          && o.arrivedNanos() < to);
    }
    assertThat(throttled).isPositive();
    assertThat(metrics()).contains("sync_provider_calls_total{operation=\"get_contact\",provider=\"Resend\",status=\"503\"}")
        .contains("status=\"429\"").contains("provider=\"Loops\",status=\"500\"").contains("sync_reconciles_total")
        .contains("sync_queue_depth").contains("sync_lag_seconds");
  }

  @Test
  void aSyncRestartMidWorkConverges() throws Exception {
    resend.latency(150);
    try {
      contact("restart", "restart@example.com");
      group("restart-news", "RestartNews", LOOPS_LIST);
      membership("restart-news", "restart", "restart-news");
      Thread.sleep(300);
      sync.close();
      sync = null;
      contact("restart2", "restart2@example.com");
      membership("restart2-news", "restart2", "restart-news");
      sync = startSync();
    } finally {
      resend.latency(0);
    }
    eventually().untilAsserted(() -> {
      assertThat(resend.segmentNamesOf("restart@example.com")).containsExactly("RestartNews-public-default");
      assertThat(resend.segmentNamesOf("restart2@example.com")).containsExactly("RestartNews-public-default");
      assertThat(loops.listsOf("restart2@example.com")).containsExactly(LOOPS_LIST);
      assertThat(condition(get("contactgroupmemberships", "restart2-news"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    synchronized (resend) {
      assertThat(resend.segments.values().stream().filter(n -> n.equals("RestartNews-public-default")).count()).isEqualTo(1);
    }
  }

  @Test
  void aProviderTurnedOffIsMarkedAndDoesNotHoldDeletions() throws Exception {
    contact("off", "off@example.com");
    group("off-news", "OffNews", LOOPS_LIST);
    membership("off-news", "off", "off-news");
    eventually().untilAsserted(() -> {
      assertThat(condition(get("contactgroupmemberships", "off-news"), "Ready")).isEqualTo("True/AllProvidersReady");
      assertThat(loops.listsOf("off@example.com")).containsExactly(LOOPS_LIST);
    });
    String uid = uid("off");
    sync.close();
    sync = null;
    try {
      sync = startSync(false);
      int loopsCalls = loops.calls().size();
      eventually().untilAsserted(() -> {
        JsonNode c = get("contacts", "off");
        assertThat(condition(c, "LoopsContactReady")).isEqualTo("Unknown/ProviderDisabled");
        assertThat(condition(c, "ResendContactReady")).isEqualTo("True/CreateSuccessful");
        assertThat(condition(c, "Ready")).isEqualTo("True/AllProvidersReady");
        assertThat(c.path("status").path("providers").toString()).contains("\"Loops\""); // its entry stays
        JsonNode m = get("contactgroupmemberships", "off-news");
        assertThat(condition(m, "LoopsContactGroupMembershipReady")).isEqualTo("Unknown/ProviderDisabled");
        assertThat(condition(m, "Ready")).isEqualTo("True/AllProvidersReady");
      });
      // A contact made now carries no trace of Loops.
      contact("off-new", "off-new@example.com");
      eventually().untilAsserted(() -> assertThat(condition(get("contacts", "off-new"), "Ready"))
          .isEqualTo("True/AllProvidersReady"));
      JsonNode fresh = get("contacts", "off-new");
      assertThat(condition(fresh, "LoopsContactReady")).isEqualTo("absent");
      assertThat(fresh.path("metadata").path("finalizers").toString()).doesNotContain("loops");

      assertThat(server.delete(NS + "contacts/off", null).status()).isIn(200, 202);
      eventually().untilAsserted(() -> {
        assertThat(server.get(NS + "contacts/off").status()).isEqualTo(404);
        assertThat(server.get(NS + "contactgroupmemberships/off-news").status()).isEqualTo(404);
        // Resend, still configured, cleaned up as usual.
        assertThat(resend.find("off@example.com")).isNull();
      });
      // Loops was never called: what it holds stays as it is.
      assertThat(loops.calls()).hasSize(loopsCalls);
      assertThat(loops.find(uid, null)).isNotNull();
      assertThat(loops.listsOf("off@example.com")).containsExactly(LOOPS_LIST);
    } finally {
      if (sync != null) {
        sync.close();
      }
      sync = startSync();
    }
    // Turned on again: objects it had are synced again, with no trace of the pause.
    eventually().untilAsserted(() -> {
      assertThat(condition(get("contactgroups", "off-news"), "LoopsContactGroupReady")).startsWith("True/");
      assertThat(get("contacts", "off-new").path("metadata").path("finalizers").toString()).contains("loops");
      assertThat(condition(get("contacts", "off-new"), "LoopsContactReady")).isEqualTo("True/CreateSuccessful");
    });
  }

  @Test
  void aSignedUnsubscribeWebhookCreatesTheRemovalAndAForgedOrStaleOneChangesNothing() throws Exception {
    contact("hook", "hook@example.com");
    group("hook-news", "HookNews", LOOPS_LIST);
    membership("hook-news", "hook", "hook-news");
    eventually().untilAsserted(() -> assertThat(condition(get("contactgroupmemberships", "hook-news"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    String uid = uid("hook");
    String body = "{\"eventName\":\"contact.mailingList.unsubscribed\",\"contactIdentity\":{\"userId\":\"" + uid
        + "\",\"email\":\"hook@example.com\"},\"mailingList\":{\"id\":\"" + LOOPS_LIST + "\"}}";
    WebhookSignature signer = new WebhookSignature(LOOPS_SECRET);
    String now = Long.toString(Instant.now().getEpochSecond());
    String stale = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());

    // Forged: signed with another secret.
    String forged = new WebhookSignature("whsec_" + Base64.getEncoder().encodeToString("wrong".getBytes()))
        .sign("msg_1", now, body.getBytes(StandardCharsets.UTF_8));
    assertThat(webhook("loops", "webhook-", "msg_1", now, "v1," + forged, body)).isEqualTo(401);
    // Stale: correctly signed ten minutes ago.
    String old = signer.sign("msg_2", stale, body.getBytes(StandardCharsets.UTF_8));
    assertThat(webhook("loops", "webhook-", "msg_2", stale, "v1," + old, body)).isEqualTo(401);
    // Unknown event type, correctly signed.
    String unknown = "{\"eventName\":\"contact.exploded\"}";
    assertThat(webhook("loops", "webhook-", "msg_3", now, "v1," + signer.sign("msg_3", now,
        unknown.getBytes(StandardCharsets.UTF_8)), unknown)).isEqualTo(400);
    assertThat(server.get(NS + "contactgroupmemberships/hook-news").status()).isEqualTo(200);
    assertThat(removals("hook")).isEmpty();

    String good = signer.sign("msg_4", now, body.getBytes(StandardCharsets.UTF_8));
    assertThat(webhook("loops", "webhook-", "msg_4", now, "v1,bogus v1," + good, body)).isEqualTo(200);
    eventually().untilAsserted(() -> {
      assertThat(server.get(NS + "contactgroupmemberships/hook-news").status()).isEqualTo(404);
      assertThat(removals("hook")).hasSize(1);
      assertThat(resend.segmentNamesOf("hook@example.com")).isEmpty();
      assertThat(loops.listsOf("hook@example.com")).isEmpty();
    });

    // Subscribed again: the removal goes and the membership comes back.
    String sub = body.replace("unsubscribed", "subscribed");
    assertThat(webhook("loops", "webhook-", "msg_5", now, "v1," + signer.sign("msg_5", now,
        sub.getBytes(StandardCharsets.UTF_8)), sub)).isEqualTo(200);
    eventually().untilAsserted(() -> {
      assertThat(removals("hook")).isEmpty();
      assertThat(resend.segmentNamesOf("hook@example.com")).containsExactly("HookNews-public-default");
      assertThat(loops.listsOf("hook@example.com")).containsExactly(LOOPS_LIST);
    });

    // Resend (Svix): a contact unsubscribed everywhere opts out of its public groups.
    String resendId = resend.find("hook@example.com").id();
    String svixBody = "{\"type\":\"contact.updated\",\"data\":{\"id\":\"" + resendId
        + "\",\"email\":\"hook@example.com\",\"unsubscribed\":true}}";
    WebhookSignature svix = new WebhookSignature(RESEND_SECRET);
    java.util.List<String> membershipsBefore = live(memberships("hook"));
    assertThat(membershipsBefore).hasSize(1);
    // Forged: signed with another secret.
    String svixForged = new WebhookSignature("whsec_" + Base64.getEncoder().encodeToString("wrong".getBytes()))
        .sign("msg_5b", now, svixBody.getBytes(StandardCharsets.UTF_8));
    assertThat(webhook("resend", "svix-", "msg_5b", now, "v1," + svixForged, svixBody)).isEqualTo(401);
    // Stale: correctly signed ten minutes ago.
    assertThat(webhook("resend", "svix-", "msg_6", stale, "v1," + svix.sign("msg_6", stale,
        svixBody.getBytes(StandardCharsets.UTF_8)), svixBody)).isEqualTo(401);
    // Neither changed anything.
    Thread.sleep(500);
    assertThat(removals("hook")).isEmpty();
    assertThat(live(memberships("hook"))).isEqualTo(membershipsBefore);
    assertThat(resend.segmentNamesOf("hook@example.com")).containsExactly("HookNews-public-default");
    assertThat(webhook("resend", "svix-", "msg_7", now, "v1," + svix.sign("msg_7", now,
        svixBody.getBytes(StandardCharsets.UTF_8)), svixBody)).isEqualTo(200);
    eventually().untilAsserted(() -> {
      assertThat(removals("hook")).hasSize(1);
      assertThat(resend.segmentNamesOf("hook@example.com")).isEmpty();
    });
  }

  static String signedLoops(String id, String body) {
    String now = Long.toString(Instant.now().getEpochSecond());
    return now + " v1," + new WebhookSignature(LOOPS_SECRET).sign(id, now, body.getBytes(StandardCharsets.UTF_8));
  }

  static int loopsWebhook(String id, String body) throws Exception {
    String[] signed = signedLoops(id, body).split(" ", 2);
    return webhook("loops", "webhook-", id, signed[0], signed[1], body);
  }

  static String loopsEvent(String type, String contact, String email, String list) throws Exception {
    return "{\"eventName\":\"contact.mailingList." + type + "\",\"contactIdentity\":{\"userId\":\"" + uid(contact)
        + "\",\"email\":\"" + email + "\"},\"mailingList\":{\"id\":\"" + list + "\"}}";
  }

  static java.util.List<JsonNode> memberships(String contact) throws Exception {
    java.util.List<JsonNode> of = new java.util.ArrayList<>();
    for (JsonNode item : server.get(NS + "contactgroupmemberships").json().path("items")) {
      if (contact.equals(item.path("spec").path("contactRef").path("name").asText())) {
        of.add(item);
      }
    }
    return of;
  }

  /** The names of the objects that are not being deleted. */
  static java.util.List<String> live(java.util.List<JsonNode> objects) {
    return objects.stream().filter(o -> !o.path("metadata").has("deletionTimestamp"))
        .map(o -> o.path("metadata").path("name").asText()).toList();
  }

  static String conditionMessage(JsonNode obj, String type) {
    for (JsonNode c : obj.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path("message").asText();
      }
    }
    return null;
  }

  @Test
  void aSubscribeWebhookDeletesARemovalMadeThroughTheApiAndRestoresTheMembership() throws Exception {
    contact("optin", "optin@example.com");
    group("optin-news", "OptinNews", LOOPS_LIST);
    membership("optin-news", "optin", "optin-news");
    eventually().untilAsserted(() -> assertThat(condition(get("contactgroupmemberships", "optin-news"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    pair("contactgroupmembershipremovals", "ContactGroupMembershipRemoval", "optin-by-hand", "optin", "optin-news");
    eventually().untilAsserted(() -> {
      assertThat(server.get(NS + "contactgroupmemberships/optin-news").status()).isEqualTo(404);
      assertThat(condition(get("contactgroupmembershipremovals", "optin-by-hand"), "Ready"))
          .isEqualTo("True/AllProvidersReady");
    });

    assertThat(loopsWebhook("msg_in_1", loopsEvent("subscribed", "optin", "optin@example.com", LOOPS_LIST)))
        .isEqualTo(200);
    eventually().untilAsserted(() -> {
      assertThat(removals("optin")).isEmpty();
      assertThat(memberships("optin")).hasSize(1);
      assertThat(memberships("optin").get(0).path("spec").path("contactGroupRef").path("name").asText())
          .isEqualTo("optin-news");
      assertThat(loops.listsOf("optin@example.com")).containsExactly(LOOPS_LIST);
    });
    // Redelivered: the membership is there and live, so it is done.
    assertThat(loopsWebhook("msg_in_2", loopsEvent("subscribed", "optin", "optin@example.com", LOOPS_LIST)))
        .isEqualTo(200);
    assertThat(memberships("optin")).hasSize(1);
  }

  @Test
  void anUnsubscribeWebhookIsDoneWhenARemovalExistsUnderAnyName() throws Exception {
    contact("optout", "optout@example.com");
    group("optout-news", "OptoutNews", LOOPS_LIST);
    membership("optout-news", "optout", "optout-news");
    eventually().untilAsserted(() -> assertThat(condition(get("contactgroupmemberships", "optout-news"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    String event = loopsEvent("unsubscribed", "optout", "optout@example.com", LOOPS_LIST);
    assertThat(loopsWebhook("msg_out_1", event)).isEqualTo(200);
    assertThat(loopsWebhook("msg_out_2", event)).isEqualTo(200);
    eventually().untilAsserted(() -> assertThat(removals("optout")).hasSize(1));

    // A removal made through the API under another name counts as done too.
    contact("optout2", "optout2@example.com");
    membership("optout2-news", "optout2", "optout-news");
    pair("contactgroupmembershipremovals", "ContactGroupMembershipRemoval", "optout2-by-hand", "optout2",
        "optout-news");
    eventually().untilAsserted(() -> assertThat(condition(get("contactgroupmembershipremovals", "optout2-by-hand"),
        "Ready")).isEqualTo("True/AllProvidersReady"));
    String event2 = loopsEvent("unsubscribed", "optout2", "optout2@example.com", LOOPS_LIST);
    assertThat(loopsWebhook("msg_out_3", event2)).isEqualTo(200);
    assertThat(loopsWebhook("msg_out_4", event2)).isEqualTo(200);
    assertThat(removals("optout2")).extracting(r -> r.path("metadata").path("name").asText())
        .containsExactly("optout2-by-hand");
  }

  @Test
  void aRedeliveredWebhookIsAnsweredWithoutActingTwice() throws Exception {
    contact("dup", "dup@example.com");
    group("dup-news", "DupNews", LOOPS_LIST);
    membership("dup-news", "dup", "dup-news");
    eventually().untilAsserted(() -> assertThat(condition(get("contactgroupmemberships", "dup-news"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    String event = loopsEvent("unsubscribed", "dup", "dup@example.com", LOOPS_LIST);
    // Delivered twice (each time freshly timestamped and signed, as providers redeliver): one removal.
    assertThat(loopsWebhook("msg_dup_1", event)).isEqualTo(200);
    assertThat(loopsWebhook("msg_dup_1", event)).isEqualTo(200);
    assertThat(removals("dup")).hasSize(1);
    eventually().untilAsserted(() -> assertThat(memberships("dup")).isEmpty());

    // Staff opt the contact back in through the API; a late redelivery of the old event must not undo that.
    String removal = removals("dup").get(0).path("metadata").path("name").asText();
    assertThat(server.delete(NS + "contactgroupmembershipremovals/" + removal, null).status()).isIn(200, 202);
    eventually().untilAsserted(() -> assertThat(removals("dup")).isEmpty());
    membership("dup-news-again", "dup", "dup-news");
    eventually().untilAsserted(() -> assertThat(loops.listsOf("dup@example.com")).containsExactly(LOOPS_LIST));
    assertThat(loopsWebhook("msg_dup_1", event)).isEqualTo(200);
    assertThat(removals("dup")).isEmpty(); // the answer comes after any change it makes
    assertThat(server.get(NS + "contactgroupmemberships/dup-news-again").status()).isEqualTo(200);
    assertThat(metrics()).containsPattern("sync_webhook_duplicates_total\\{provider=\"loops\"} [2-9]");

    // A new event (another id) with the same content acts; one more changes nothing and is no error.
    assertThat(loopsWebhook("msg_dup_2", event)).isEqualTo(200);
    assertThat(loopsWebhook("msg_dup_3", event)).isEqualTo(200);
    assertThat(removals("dup")).hasSize(1);
  }

  @Test
  void aSubscribeWebhookWhileTheMembershipIsBeingDeletedAnswers503AndChangesNothing() throws Exception {
    contact("held", "held@example.com");
    group("held-news", "HeldNews", LOOPS_LIST);
    membership("held-news", "held", "held-news");
    eventually().untilAsserted(() -> assertThat(condition(get("contactgroupmemberships", "held-news"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    // Someone else's finalizer keeps the membership terminating after the sync let it go.
    hold("contactgroupmemberships", "held-news", true);
    pair("contactgroupmembershipremovals", "ContactGroupMembershipRemoval", "held-out", "held", "held-news");
    eventually().untilAsserted(() -> {
      JsonNode m = get("contactgroupmemberships", "held-news");
      assertThat(m.path("metadata").path("deletionTimestamp").isTextual()).isTrue();
      assertThat(m.path("metadata").path("finalizers").toString()).isEqualTo("[\"" + HOLD + "\"]");
      assertThat(loops.listsOf("held@example.com")).isEmpty();
      assertThat(resend.segmentNamesOf("held@example.com")).isEmpty();
    });
    String membershipVersion = get("contactgroupmemberships", "held-news").path("metadata").path("resourceVersion")
        .asText();

    String event = loopsEvent("subscribed", "held", "held@example.com", LOOPS_LIST);
    Delivery answer = loopsDelivery("msg_held_1", event);
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.retryAfter()).isNotNull();
    assertThat(Long.parseLong(answer.retryAfter())).isPositive();
    // Nothing changed: the removal stays, the membership is as it was, no second one, nothing on the providers.
    assertThat(removals("held")).extracting(r -> r.path("metadata").path("name").asText()).containsExactly("held-out");
    assertThat(get("contactgroupmembershipremovals", "held-out").path("metadata").has("deletionTimestamp")).isFalse();
    assertThat(memberships("held")).hasSize(1);
    assertThat(get("contactgroupmemberships", "held-news").path("metadata").path("resourceVersion").asText())
        .isEqualTo(membershipVersion);
    assertThat(loops.listsOf("held@example.com")).isEmpty();

    // Once the membership is gone, the redelivery (same id: a 503 is not remembered) opts the contact in.
    hold("contactgroupmemberships", "held-news", false);
    eventually().untilAsserted(() -> assertThat(server.get(NS + "contactgroupmemberships/held-news").status())
        .isEqualTo(404));
    assertThat(loopsDelivery("msg_held_1", event).status()).isEqualTo(200);
    assertThat(removals("held")).isEmpty();
    assertThat(memberships("held")).hasSize(1);
    eventually().untilAsserted(() -> {
      assertThat(loops.listsOf("held@example.com")).containsExactly(LOOPS_LIST);
      assertThat(resend.segmentNamesOf("held@example.com")).containsExactly("HeldNews-public-default");
    });
  }

  static final String HOLD = "test.milo.io/hold";

  /** Adds or removes the test's own finalizer on an object, keeping the others. */
  static void hold(String plural, String name, boolean on) throws Exception {
    eventually().untilAsserted(() -> {
      JsonNode obj = get(plural, name);
      java.util.List<String> finalizers = new java.util.ArrayList<>();
      obj.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
      finalizers.remove(HOLD);
      if (on) {
        finalizers.add(HOLD);
      }
      String patch = "{\"metadata\":{\"resourceVersion\":\"" + obj.path("metadata").path("resourceVersion").asText()
          + "\",\"finalizers\":" + TestServer.JSON.writeValueAsString(finalizers) + "}}";
      assertThat(server.patch(NS + plural + "/" + name, "application/merge-patch+json", patch).status())
          .isEqualTo(200);
    });
  }

  record Delivery(int status, String retryAfter) {}

  static Delivery loopsDelivery(String id, String body) throws Exception {
    String[] signed = signedLoops(id, body).split(" ", 2);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(sync.port())
        .setURI("/webhooks/loops").putHeader("webhook-id", id).putHeader("webhook-timestamp", signed[0])
        .putHeader("webhook-signature", signed[1]).putHeader("Content-Type", "application/json");
    return TestServer.await(https.request(options).compose(r -> r.send(Buffer.buffer(body)))
        .map(r -> new Delivery(r.statusCode(), r.getHeader("Retry-After"))));
  }

  @Test
  void anUnsubscribeWebhookForAPrivateGroupIsRefusedAndChangesNothing() throws Exception {
    loops.addList("cm_list_private");
    contact("priv", "priv@example.com");
    group("priv-ops", "PrivOps", "cm_list_private", "private");
    membership("priv-ops", "priv", "priv-ops");
    eventually().untilAsserted(() -> assertThat(condition(get("contactgroupmemberships", "priv-ops"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    assertThat(loopsWebhook("msg_priv_1", loopsEvent("unsubscribed", "priv", "priv@example.com", "cm_list_private")))
        .isEqualTo(422);
    assertThat(removals("priv")).isEmpty();
    assertThat(server.get(NS + "contactgroupmemberships/priv-ops").status()).isEqualTo(200);
  }

  @Test
  void aProviderRefusalIsNotRetriedAndANeverSyncedContactIsNotDeletedByEmail() throws Exception {
    String theirs = resend.addContact("rej@example.com"); // someone else's contact with the same email
    resend.refuse("GET", "rej@example.com", 401);
    try {
      contact("rej", "rej@example.com");
      eventually().untilAsserted(() -> {
        JsonNode c = get("contacts", "rej");
        assertThat(condition(c, "ResendContactReady")).isEqualTo("False/ProviderRejected");
        assertThat(conditionMessage(c, "ResendContactReady")).contains("401");
        assertThat(condition(c, "LoopsContactReady")).isEqualTo("True/CreateSuccessful");
      });
      long before = resend.calls().stream().filter(c -> c.path().contains("rej@example.com")).count();
      Thread.sleep(1500);
      long after = resend.calls().stream().filter(c -> c.path().contains("rej@example.com")).count();
      assertThat(after - before).as("calls retried within 1.5s (one resync may try again)").isLessThanOrEqualTo(1);

      assertThat(server.delete(NS + "contacts/rej", null).status()).isIn(200, 202);
      eventually().untilAsserted(() -> assertThat(server.get(NS + "contacts/rej").status()).isEqualTo(404));
      assertThat(resend.find(theirs)).isNotNull();
      assertThat(resend.calls()).noneMatch(c -> c.method().equals("DELETE") && c.path().contains("rej@example.com"));
    } finally {
      resend.recover();
    }
  }

  @Test
  void aConvergedObjectIsNotWrittenAgain() throws Exception {
    contact("quiet", "quiet@example.com");
    eventually().untilAsserted(() -> assertThat(condition(get("contacts", "quiet"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    eventually().untilAsserted(() -> {
      String rv = get("contacts", "quiet").path("metadata").path("resourceVersion").asText();
      Thread.sleep(500);
      assertThat(get("contacts", "quiet").path("metadata").path("resourceVersion").asText()).isEqualTo(rv);
    });
    JsonNode c = get("contacts", "quiet");
    assertThat(conditionMessage(c, "ResendContactReady")).isEqualTo("Contact is in sync on Resend");
    assertThat(conditionMessage(c, "LoopsContactReady")).isEqualTo("Contact is in sync on Loops");
    // A change that is not the spec's reconciles the contact again, and (through a resync, too) nothing is written.
    TestServer.Response patched = server.patch(NS + "contacts/quiet", "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
    assertThat(patched.status()).isEqualTo(200);
    String rv = patched.json().path("metadata").path("resourceVersion").asText();
    Thread.sleep(2500);
    assertThat(get("contacts", "quiet").path("metadata").path("resourceVersion").asText()).isEqualTo(rv);
  }

  @Test
  void aContactDeletedOnTheProviderComesBackOnResyncOrWebhook() throws Exception {
    contact("drift", "drift@example.com");
    group("drift-news", "DriftNews", LOOPS_LIST);
    membership("drift-news", "drift", "drift-news");
    eventually().untilAsserted(() -> {
      assertThat(resend.segmentNamesOf("drift@example.com")).containsExactly("DriftNews-public-default");
      assertThat(condition(get("contactgroupmemberships", "drift-news"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    String first = resend.find("drift@example.com").id();
    // Resyncs ask the providers about objects in sync only once per --verify-period: make it a second.
    restartSync(BACKOFF, "--verify-period=1");
    try {
      resend.removeContact(first); // by hand on Resend, no webhook: the periodic check notices
      eventually().untilAsserted(() -> {
      ResendSimulator.Contact back = resend.find("drift@example.com");
      assertThat(back).isNotNull();
      assertThat(back.id()).isNotEqualTo(first);
      assertThat(get("contacts", "drift").path("status").path("providers").toString()).contains(back.id());
      assertThat(resend.segmentNamesOf("drift@example.com")).containsExactly("DriftNews-public-default");
      });
    } finally {
      restartSync(BACKOFF);
    }

    String second = resend.find("drift@example.com").id();
    resend.removeContact(second);
    String body = "{\"type\":\"contact.deleted\",\"data\":{\"id\":\"" + second + "\",\"email\":\"drift@example.com\"}}";
    String now = Long.toString(Instant.now().getEpochSecond());
    assertThat(webhook("resend", "svix-", "msg_drift", now, "v1," + new WebhookSignature(RESEND_SECRET)
        .sign("msg_drift", now, body.getBytes(StandardCharsets.UTF_8)), body)).isEqualTo(200);
    // The webhook answered after the Contact let go of the deleted id.
    assertThat(get("contacts", "drift").path("status").path("providers").toString()).doesNotContain(second);
    eventually().untilAsserted(() -> {
      assertThat(resend.find("drift@example.com")).isNotNull();
      assertThat(resend.segmentNamesOf("drift@example.com")).containsExactly("DriftNews-public-default");
    });
  }

  /** The calls a simulator answered that name any of needles in their (decoded) path or body. */
  static long callsAbout(io.milo.crm.sync.sim.Simulator sim, String... needles) {
    return sim.calls().stream().filter(c -> {
      String path = java.net.URLDecoder.decode(c.path(), StandardCharsets.UTF_8);
      for (String n : needles) {
        if (path.contains(n) || c.body().contains(n)) {
          return true;
        }
      }
      return false;
    }).count();
  }

  @Test
  void aResyncCallsNoProviderForObjectsAlreadyInSync() throws Exception {
    contact("calm", "calm@example.com");
    group("calm-news", "CalmNews", LOOPS_LIST);
    membership("calm-news", "calm", "calm-news");
    eventually().untilAsserted(() -> {
      assertThat(condition(get("contactgroupmemberships", "calm-news"), "Ready")).isEqualTo("True/AllProvidersReady");
      assertThat(condition(get("contacts", "calm"), "Ready")).isEqualTo("True/AllProvidersReady");
      assertThat(condition(get("contactgroups", "calm-news"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    String uid = uid("calm");
    String resendId = resend.find("calm@example.com").id();
    String segment = get("contactgroups", "calm-news").path("status").path("providerID").asText();
    Thread.sleep(500); // the watch events of the last status writes
    long resendBefore = callsAbout(resend, resendId, "calm@example.com", segment);
    long loopsBefore = callsAbout(loops, uid, "calm@example.com");
    long reconcilesBefore = reconciles("Contact");
    Thread.sleep(5000); // two resyncs and more (--resync-period=2)
    assertThat(reconciles("Contact")).as("resyncs did reconcile").isGreaterThan(reconcilesBefore);
    assertThat(callsAbout(resend, resendId, "calm@example.com", segment)).as("Resend calls after convergence")
        .isEqualTo(resendBefore);
    assertThat(callsAbout(loops, uid, "calm@example.com")).as("Loops calls after convergence").isEqualTo(loopsBefore);
  }

  /** sync_reconciles_total of kind, summed over results (and for some results only, when given). */
  static long reconciles(String kind, String... results) throws Exception {
    long total = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "sync_reconciles_total\\{kind=\"" + kind + "\",result=\"([a-z]+)\"} ([0-9.E]+)").matcher(metrics());
    while (m.find()) {
      if (results.length == 0 || java.util.Arrays.asList(results).contains(m.group(1))) {
        total += (long) Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  @Test
  void objectsWaitingForAnotherAreNotPolledAndWakeWhenItChanges() throws Exception {
    restartSync(BACKOFF, "--resync-period=60"); // no resync during the test: only events wake objects
    try {
      contact("idle", "idle@example.com");
      group("idle-nolist", "IdleNoList", null);
      membership("idle-nolist", "idle", "idle-nolist");
      eventually().untilAsserted(() -> {
        JsonNode m = get("contactgroupmemberships", "idle-nolist");
        assertThat(condition(m, "LoopsContactGroupMembershipReady")).isEqualTo("False/LoopsListIDMissing");
        assertThat(condition(m, "ResendContactGroupMembershipReady")).startsWith("True/");
        assertThat(condition(get("contactgroups", "idle-nolist"), "LoopsContactGroupReady"))
            .isEqualTo("False/LoopsListIDMissing");
      });
      // Settled (the restart's first reconcile of every object is done): nothing is reconciled again while
      // the group and the membership wait, though they are not Ready.
      eventually().untilAsserted(() -> {
        long before = reconciles("ContactGroup") + reconciles("ContactGroupMembership");
        Thread.sleep(5000);
        assertThat(reconciles("ContactGroup") + reconciles("ContactGroupMembership")).as("reconciles in 5 s")
            .isEqualTo(before);
      });
      assertThat(reconciles("ContactGroupMembership", "waiting")).isPositive();

      // The change waited for wakes them at once (no resync within the test).
      assertThat(server.patch(NS + "contactgroups/idle-nolist", "application/merge-patch+json",
          "{\"spec\":{\"providers\":[{\"name\":\"Loops\",\"id\":\"cm_list_other\"}]}}").status()).isEqualTo(200);
      eventually().untilAsserted(() -> {
        assertThat(loops.listsOf("idle@example.com")).containsExactly("cm_list_other");
        assertThat(condition(get("contactgroupmemberships", "idle-nolist"), "Ready")).isEqualTo("True/AllProvidersReady");
      });
      // A deletion waiting for the contact's memberships is woken by their deletion, too.
      assertThat(server.delete(NS + "contacts/idle", null).status()).isIn(200, 202);
      eventually().untilAsserted(() -> {
        assertThat(server.get(NS + "contacts/idle").status()).isEqualTo(404);
        assertThat(resend.find("idle@example.com")).isNull();
      });
    } finally {
      restartSync(BACKOFF);
    }
  }

  @Test
  void theSyncsOwnStatusWriteDoesNotHurryARetryAfterAFailure() throws Exception {
    // A long, fixed backoff, so calls during it can be counted; resyncs (every 2 s) must not hurry it either.
    restartSync(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, 0));
    resend.refuse("POST", "hurry@example.com", 503);
    try {
      contact("hurry", "hurry@example.com");
      eventually().untilAsserted(() -> assertThat(condition(get("contacts", "hurry"), "ResendContactReady"))
          .isEqualTo("False/ProviderError"));
      java.util.List<io.milo.crm.sync.sim.Simulator.Call> creates = resend.calls().stream()
          .filter(c -> c.method().equals("POST") && c.body().contains("hurry@example.com")).toList();
      assertThat(creates).isNotEmpty();
      long first = creates.get(0).arrivedNanos();
      // The failure's status write (and its watch event), and a resync, came and went: no second try yet.
      long wait = first + TimeUnit.MILLISECONDS.toNanos(4500) - System.nanoTime();
      Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(wait)));
      assertThat(resend.calls().stream().filter(c -> c.method().equals("POST") && c.body().contains("hurry@example.com")
          && c.arrivedNanos() < first + TimeUnit.MILLISECONDS.toNanos(4500)).count())
          .as("create attempts within the 5 s backoff").isEqualTo(1);
      resend.recover();
      eventually().untilAsserted(() -> assertThat(condition(get("contacts", "hurry"), "Ready"))
          .isEqualTo("True/AllProvidersReady"));
    } finally {
      resend.recover();
      restartSync(BACKOFF);
    }
  }

  @Test
  void aWebhookBeforeTheCachesHaveSyncedIsAnswered503WithRetryAfter() throws Exception {
    contact("early", "early@example.com");
    group("early-news", "EarlyNews", LOOPS_LIST);
    eventually().untilAsserted(() -> assertThat(condition(get("contacts", "early"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    // A second sync whose API server cannot be reached: its caches never sync.
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    java.nio.file.Path kubeconfig = java.nio.file.Files.createTempFile("unreachable", ".kubeconfig");
    java.nio.file.Files.writeString(kubeconfig, java.nio.file.Files.readString(server.kubeconfig)
        .replace("https://127.0.0.1:" + server.port(), "https://127.0.0.1:" + closed));
    SyncProcess starting = SyncProcess.start(SyncOptions.parse(new String[] {"--kubeconfig=" + kubeconfig,
        "--resend-api-key=re_test_key", "--resend-base-url=" + resend.uri(), "--loops-api-key=loops_test_key",
        "--loops-base-url=" + loops.uri() + "/api/v1", "--resend-webhook-secret=" + RESEND_SECRET,
        "--loops-webhook-secret=" + LOOPS_SECRET, "--bind-address=127.0.0.1", "--port=0"}, k -> null), BACKOFF);
    try {
      String body = loopsEvent("subscribed", "early", "early@example.com", LOOPS_LIST);
      String[] signed = signedLoops("msg_early", body).split(" ", 2);
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
          .setPort(starting.port()).setURI("/webhooks/loops").putHeader("webhook-id", "msg_early")
          .putHeader("webhook-timestamp", signed[0]).putHeader("webhook-signature", signed[1])
          .putHeader("Content-Type", "application/json");
      Delivery answer = TestServer.await(https.request(options).compose(r -> r.send(Buffer.buffer(body)))
          .map(r -> new Delivery(r.statusCode(), r.getHeader("Retry-After"))));
      assertThat(answer.status()).as("not 422 unknown contact").isEqualTo(503);
      assertThat(Long.parseLong(answer.retryAfter())).isPositive();
      int ready = TestServer.await(https.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
          .setPort(starting.port()).setURI("/readyz")).compose(r -> r.send()).map(r -> r.statusCode()));
      assertThat(ready).isEqualTo(503);
      assertThat(memberships("early")).isEmpty();
      // The running sync (caches synced) acts on the redelivery.
      assertThat(loopsWebhook("msg_early", body)).isEqualTo(200);
      eventually().untilAsserted(() -> assertThat(loops.listsOf("early@example.com")).containsExactly(LOOPS_LIST));
    } finally {
      starting.close();
      java.nio.file.Files.deleteIfExists(kubeconfig);
    }
  }

  @Test
  void aSubscribeWebhookForAPrivateGroupIsRefusedAndChangesNothing() throws Exception {
    loops.addList("cm_list_private2");
    contact("privin", "privin@example.com");
    group("privin-ops", "PrivinOps", "cm_list_private2", "private");
    eventually().untilAsserted(() -> assertThat(condition(get("contactgroups", "privin-ops"), "Ready"))
        .isEqualTo("True/AllProvidersReady"));
    assertThat(loopsWebhook("msg_privin_1", loopsEvent("subscribed", "privin", "privin@example.com",
        "cm_list_private2"))).isEqualTo(422);
    assertThat(memberships("privin")).isEmpty();
    assertThat(loops.listsOf("privin@example.com")).isEmpty();
    // A member of the private group (made through the API) whose subscription is echoed back: nothing to do.
    membership("privin-ops", "privin", "privin-ops");
    eventually().untilAsserted(() -> {
      assertThat(loops.listsOf("privin@example.com")).containsExactly("cm_list_private2");
      assertThat(condition(get("contactgroupmemberships", "privin-ops"), "Ready")).isEqualTo("True/AllProvidersReady");
    });
    String version = get("contactgroupmemberships", "privin-ops").path("metadata").path("resourceVersion").asText();
    assertThat(loopsWebhook("msg_privin_2", loopsEvent("subscribed", "privin", "privin@example.com",
        "cm_list_private2"))).isEqualTo(200);
    assertThat(memberships("privin")).hasSize(1);
    assertThat(get("contactgroupmemberships", "privin-ops").path("metadata").path("resourceVersion").asText())
        .isEqualTo(version);
  }

  @Test
  void aWebhookBodyOverOneMebibyteIsRefusedUnread() throws Exception {
    String big = "{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertThat(webhook("loops", "webhook-", "msg_big", Long.toString(Instant.now().getEpochSecond()), "v1,x", big))
        .isEqualTo(413);
  }

  static int webhook(String provider, String prefix, String id, String timestamp, String signature, String body)
      throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(sync.port())
        .setURI("/webhooks/" + provider).putHeader(prefix + "id", id).putHeader(prefix + "timestamp", timestamp)
        .putHeader(prefix + "signature", signature).putHeader("Content-Type", "application/json");
    return TestServer.await(https.request(options).compose(r -> r.send(Buffer.buffer(body))).map(r -> r.statusCode()));
  }

  static String metrics() throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(sync.port())
        .setURI("/metrics");
    // Started on a Vert.x context, so the body handler is attached in the task the response arrives
    // in; chained from this thread, the body's first chunks could be delivered before it (an empty body).
    io.vertx.core.Promise<String> text = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> https.request(options)
        .compose(r -> r.send().compose(io.vertx.core.http.HttpClientResponse::body)).map(Buffer::toString)
        .onComplete(text));
    return TestServer.await(text.future());
  }

  /** The removals of a contact. */
  static java.util.List<JsonNode> removals(String contact) throws Exception {
    java.util.List<JsonNode> of = new java.util.ArrayList<>();
    for (JsonNode item : server.get(NS + "contactgroupmembershipremovals").json().path("items")) {
      if (contact.equals(item.path("spec").path("contactRef").path("name").asText())) {
        of.add(item);
      }
    }
    return of;
  }
}
