package io.milo.crm.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.milo.crm.apiserver.Kubectl;
import io.milo.crm.apiserver.TestServer;
import io.milo.crm.apiserver.auth.AuthOptions;
import io.milo.crm.apiserver.auth.AuthenticationFiles;
import io.milo.crm.apiserver.rest.InFlightLimiter;
import io.milo.crm.testing.TestDatabase;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * StaticAuthKubectlIT is the standalone server as an operator runs it without a cluster: users from
 * a static token file (--token-auth-file), permissions from an ABAC policy file
 * (--authorization-policy-file), and the real kubectl, oldest and newest supported, each user with a
 * kubeconfig of their own. alice (group crm-viewers) may read people and nothing else; bob may only
 * discover; the admin token may do anything; an unknown token is nobody.
 */
class StaticAuthKubectlIT {
  private static final String PEOPLE = "/apis/crm.milo.io/v1alpha1/people";
  private static final String ALICE_TOKEN = "alice-" + UUID.randomUUID();
  private static final String BOB_TOKEN = "bob-" + UUID.randomUUID();
  private static final String POLICY = "abac.authorization.kubernetes.io/v1beta1";

  private static TestServer server;
  private static Path alice;
  private static Path bob;
  private static Path stranger;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("static-auth-e2e");
    Path tokens = Files.writeString(dir.resolve("tokens.csv"),
        ALICE_TOKEN + ",alice,alice-uid,\"crm-viewers\"\n" + BOB_TOKEN + ",bob,bob-uid\n");
    // As a kube-apiserver's ABAC file would: discovery for everyone signed in, people read-only for crm-viewers.
    Path policy = Files.writeString(dir.resolve("policy.jsonl"), String.join("\n",
        "# read-only discovery and OpenAPI for every authenticated user",
        "{\"apiVersion\":\"" + POLICY + "\",\"kind\":\"Policy\",\"spec\":{\"group\":\"system:authenticated\","
            + "\"readonly\":true,\"nonResourcePath\":\"*\"}}",
        "{\"apiVersion\":\"" + POLICY + "\",\"kind\":\"Policy\",\"spec\":{\"group\":\"crm-viewers\",\"readonly\":true,"
            + "\"apiGroup\":\"crm.milo.io\",\"resource\":\"people\",\"namespace\":\"*\"}}",
        ""));
    server = TestServer.start(TestDatabase.newDatabase(), dir, new InFlightLimiter(400, 200), 0,
        admin -> new AuthOptions(admin, tokens, policy, false, AuthenticationFiles.NONE, null, null,
            AuthOptions.DEFAULT_CACHE_TTL, AuthOptions.DEFAULT_CACHE_TTL, AuthOptions.DEFAULT_CACHE_TTL,
            AuthOptions.DEFAULT_CONFIG_REFRESH, Clock.systemUTC()));
    alice = UserKubeconfig.withToken(server.kubeconfig, dir.resolve("alice.kubeconfig"), "alice", ALICE_TOKEN);
    bob = UserKubeconfig.withToken(server.kubeconfig, dir.resolve("bob.kubeconfig"), "bob", BOB_TOKEN);
    stranger = UserKubeconfig.withToken(server.kubeconfig, dir.resolve("stranger.kubeconfig"), "stranger",
        "not-a-token-anyone-has");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static Kubectl kubectl(String version, Path kubeconfig) throws Exception {
    return Kubectl.version(version, kubeconfig, Files.createTempDirectory(server.dir, "kubectl-" + version));
  }

  private static String suffix(String version) {
    return version.replace(".", "-");
  }

  /** Creates a person as the admin, labelled with the given source. */
  private static void createPerson(String name, String source) throws Exception {
    String json = "{\"apiVersion\":\"crm.milo.io/v1alpha1\",\"kind\":\"Person\",\"metadata\":{\"name\":\"" + name
        + "\",\"labels\":{\"crm.milo.io/source\":\"" + source + "\"}},\"spec\":{\"name\":\"" + name + "\"}}";
    TestServer.Response created = server.post(PEOPLE, json);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static List<String> lines(String out) {
    return Arrays.stream(out.split("\n")).map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void aViewerListsPeopleByLabel(String version) throws Exception {
    String s = suffix(version);
    createPerson("ann-" + s, "fair-" + s);
    createPerson("amy-" + s, "fair-" + s);
    createPerson("ben-" + s, "referral-" + s);
    Kubectl asAlice = kubectl(version, alice);

    Kubectl.Run names = asAlice.run("get", "people", "-l", "crm.milo.io/source=fair-" + s, "-o", "name").ok();
    assertThat(lines(names.out())).containsExactly("person.crm.milo.io/amy-" + s, "person.crm.milo.io/ann-" + s);
    Kubectl.Run table = asAlice.run("get", "people", "-l", "crm.milo.io/source=referral-" + s).ok();
    assertThat(lines(table.out())).hasSize(2);
    assertThat(lines(table.out()).get(0)).startsWith("NAME");
    assertThat(lines(table.out()).get(1)).startsWith("ben-" + s);
    assertThat(asAlice.run("get", "person", "ann-" + s, "-o", "jsonpath={.spec.name}").ok().out()).isEqualTo("ann-" + s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void aViewerWatchesPeopleAndSeesNewOnes(String version) throws Exception {
    String s = suffix(version);
    createPerson("early-" + s, "watch-" + s);
    Kubectl asAlice = kubectl(version, alice);
    Path output = Files.createTempFile(server.dir, "watch", ".txt");
    Process watch = asAlice.start(output, "get", "people", "-l", "crm.milo.io/source=watch-" + s, "-w", "-o", "name");
    try {
      Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> Files.readString(output).contains("early-" + s));
      createPerson("late-" + s, "watch-" + s);
      Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> Files.readString(output).contains("late-" + s));
      assertThat(watch.isAlive()).as("the watch is still open: " + Files.readString(output)).isTrue();
      // An update (status written by the server) may repeat a name; nothing else may appear.
      assertThat(lines(Files.readString(output)))
          .containsOnly("person.crm.milo.io/early-" + s, "person.crm.milo.io/late-" + s)
          .startsWith("person.crm.milo.io/early-" + s);
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void aViewerCannotDeleteApplyOrReadOtherKinds(String version) throws Exception {
    String s = suffix(version);
    createPerson("kept-" + s, "events");
    Kubectl asAlice = kubectl(version, alice);

    Kubectl.Run delete = asAlice.run("delete", "person", "kept-" + s);
    assertThat(delete.exit()).isNotZero();
    assertThat(delete.err()).contains("Error from server (Forbidden): people.crm.milo.io \"kept-" + s + "\" is"
        + " forbidden: User \"alice\" cannot delete resource \"people\" in API group \"crm.milo.io\" at the cluster scope");
    assertThat(server.get(PEOPLE + "/kept-" + s).status()).isEqualTo(200);

    String newcomer = "apiVersion: crm.milo.io/v1alpha1\nkind: Person\nmetadata:\n  name: new-" + s
        + "\nspec:\n  name: Newcomer\n";
    Kubectl.Run create = asAlice.runWithInput(newcomer, "apply", "-f", "-");
    assertThat(create.exit()).isNotZero();
    assertThat(create.err()).contains("people.crm.milo.io is forbidden: User \"alice\" cannot create resource"
        + " \"people\" in API group \"crm.milo.io\" at the cluster scope");
    assertThat(server.get(PEOPLE + "/new-" + s).status()).isEqualTo(404);

    String changed = "apiVersion: crm.milo.io/v1alpha1\nkind: Person\nmetadata:\n  name: kept-" + s
        + "\nspec:\n  name: Renamed\n";
    Kubectl.Run patch = asAlice.runWithInput(changed, "apply", "-f", "-");
    assertThat(patch.exit()).isNotZero();
    assertThat(patch.err()).contains("people.crm.milo.io \"kept-" + s + "\" is forbidden: User \"alice\" cannot"
        + " patch resource \"people\" in API group \"crm.milo.io\" at the cluster scope");
    assertThat(server.get(PEOPLE + "/kept-" + s).json().path("spec").path("name").asText()).isEqualTo("kept-" + s);

    Kubectl.Run companies = asAlice.run("get", "companies");
    assertThat(companies.exit()).isNotZero();
    assertThat(companies.err()).contains("Error from server (Forbidden): companies.crm.milo.io is forbidden:"
        + " User \"alice\" cannot list resource \"companies\" in API group \"crm.milo.io\" at the cluster scope");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void aUserWithoutPoliciesIsRefusedListing(String version) throws Exception {
    Kubectl asBob = kubectl(version, bob);
    Kubectl.Run list = asBob.run("get", "people");
    assertThat(list.exit()).isNotZero();
    assertThat(list.err()).contains("Error from server (Forbidden): people.crm.milo.io is forbidden: User \"bob\""
        + " cannot list resource \"people\" in API group \"crm.milo.io\" at the cluster scope");
    Kubectl.Run contacts = asBob.run("get", "contacts", "-n", "sales");
    assertThat(contacts.err()).contains("contacts.notification.milo.io is forbidden: User \"bob\" cannot list"
        + " resource \"contacts\" in API group \"notification.milo.io\" in the namespace \"sales\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void theAdminTokenStillMayDoAnything(String version) throws Exception {
    String s = suffix(version);
    createPerson("gone-" + s, "admin-" + s);
    Kubectl asAdmin = kubectl(version, server.kubeconfig);
    assertThat(lines(asAdmin.run("get", "people", "-l", "crm.milo.io/source=admin-" + s, "-o", "name").ok().out()))
        .containsExactly("person.crm.milo.io/gone-" + s);
    assertThat(asAdmin.run("delete", "person", "gone-" + s).ok().out()).contains("person.crm.milo.io \"gone-" + s
        + "\" deleted");
    assertThat(server.get(PEOPLE + "/gone-" + s).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void anUnknownTokenIsUnauthorized(String version) throws Exception {
    Kubectl.Run list = kubectl(version, stranger).run("get", "people");
    assertThat(list.exit()).isNotZero();
    // kubectl's wording when discovery is refused with 401, against a kube-apiserver as well.
    assertThat(list.err()).contains("error: You must be logged in to the server (the server has asked for the client"
        + " to provide credentials)");
    Kubectl.Run raw = kubectl(version, stranger).run("get", "--raw", PEOPLE);
    assertThat(raw.exit()).isNotZero();
    // The Status's own message once a request reaches the resource.
    assertThat(raw.err().trim()).isEqualTo("error: You must be logged in to the server (Unauthorized)");

    TestServer.Response http = server.request(HttpMethod.GET, PEOPLE, Map.of(), null, "Bearer not-a-token-anyone-has");
    assertThat(http.status()).isEqualTo(401);
    assertThat(http.json().path("kind").asText()).isEqualTo("Status");
    assertThat(http.json().path("reason").asText()).isEqualTo("Unauthorized");
    assertThat(http.json().path("message").asText()).isEqualTo("Unauthorized");
    assertThat(http.json().path("code").asInt()).isEqualTo(401);
  }
}
