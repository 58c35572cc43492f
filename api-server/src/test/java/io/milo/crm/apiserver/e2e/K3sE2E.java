package io.milo.crm.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.AuthenticationV1TokenRequest;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1TokenRequestSpec;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.ListOptions;
import io.milo.crm.apiserver.Kubectl;
import io.milo.crm.apiserver.TestServer;
import io.milo.crm.apiserver.auth.AuthOptions;
import io.milo.crm.apiserver.auth.AuthenticationFiles;
import io.milo.crm.apiserver.auth.KubeConnection;
import io.milo.crm.apiserver.rest.InFlightLimiter;
import io.vertx.pgclient.PgConnectOptions;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * K3sE2E is the server registered in a real cluster, as deploy/ describes it, with everything real
 * but the pod: a k3s cluster and a PostgreSQL in containers, the server on this host (in this JVM)
 * reached from k3s through Testcontainers' host tunnel, a selector-less Service with Endpoints
 * pointing at it, the deploy/ namespace, ServiceAccount and RBAC objects unchanged (the server
 * itself calls k3s as that ServiceAccount, so the auth-delegator and auth-reader bindings are what
 * let it work), and the deploy/ APIServices with insecureSkipTLSVerify as overlays/development sets.
 * Requests go through the k3s apiserver (the kube-aggregator) as two ServiceAccounts: one bound to
 * crm-viewer lists and watches people by label with kubectl and the Java client; the other is refused
 * by RBAC. Deleting a namespace holding Contacts completes, which needs the namespace controller to
 * discover and empty our namespaced kinds.
 *
 * <p>Needs a Docker engine; without one every test is skipped with the reason printed (to the
 * test's output, target/failsafe-reports/*K3sE2E-output.txt).
 */
class K3sE2E {
  private static final String K3S_IMAGE = System.getProperty("crm.e2e.k3s-image", "rancher/k3s:v1.33.1-k3s1");
  private static final String POSTGRES_IMAGE = System.getProperty("crm.e2e.postgres-image", "postgres:17-alpine");
  private static final String USERS = "e2e-users";
  private static final String VIEWER = "viewer";
  private static final String OUTSIDER = "outsider";
  private static final String SOURCE = "crm.milo.io/source";
  private static final Duration READY = Duration.ofMinutes(3);

  private static PostgreSQLContainer<?> postgres;
  private static K3sContainer k3s;
  private static TestServer server;
  private static Path dir;
  private static ApiClient admin;
  private static ClusterObjects cluster;
  private static Path viewerKubeconfig;
  private static Path outsiderKubeconfig;

  @BeforeAll
  static void start() throws Exception {
    if (DockerEngine.unavailableReason() != null) {
      return; // each test is skipped, saying why (requireDocker)
    }
    dir = Files.createTempDirectory("k3s-e2e");
    postgres = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE));
    postgres.start();
    // Access to the host: k3s gets host.testcontainers.internal, the tunnel to ports exposed later.
    k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE)).withAccessToHost(true);
    // The module's own command, plus no metrics-server: an APIService of its still starting would hold up
    // namespace deletion (the namespace controller waits for full discovery), which one test measures.
    k3s.withCommand("server", "--disable=traefik", "--disable=metrics-server", "--tls-san=" + k3s.getHost());
    k3s.start();
    String k3sKubeconfig = k3s.getKubeConfigYaml();
    admin = Config.fromConfig(new StringReader(k3sKubeconfig));
    cluster = new ClusterObjects(admin);
    CoreV1Api core = new CoreV1Api(admin);
    Awaitility.await("the front-proxy settings in kube-system/extension-apiserver-authentication").atMost(READY)
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> {
          V1ConfigMap settings = core.readNamespacedConfigMap("extension-apiserver-authentication", "kube-system")
              .execute();
          return settings.getData() != null && settings.getData().containsKey("requestheader-client-ca-file");
        });

    // deploy/ as an operator applies it, less the Deployment, Service and PodDisruptionBudget (no pod here).
    Path base = deployBase();
    for (String manifest : List.of("namespace.yaml", "serviceaccount.yaml", "rbac-auth-delegator.yaml",
        "rbac-auth-reader.yaml", "rbac-apiserver.yaml", "rbac-aggregated.yaml")) {
      cluster.createAll(base.resolve(manifest));
    }
    // The server talks to k3s as the deploy/ ServiceAccount, as it would in its pod.
    Path serverKubeconfig = UserKubeconfig.withToken(k3sKubeconfig, dir.resolve("apiserver.kubeconfig"),
        "milo-crm-apiserver", token(core, "milo-crm", "milo-crm-apiserver"));
    KubeConnection main = KubeConnection.fromKubeconfig(serverKubeconfig);
    server = TestServer.start(connectOptions(postgres), dir, new InFlightLimiter(400, 200), 0,
        adminToken -> new AuthOptions(adminToken, null, null, false, AuthenticationFiles.NONE, main, main,
            AuthOptions.DEFAULT_CACHE_TTL, AuthOptions.DEFAULT_CACHE_TTL, AuthOptions.DEFAULT_CACHE_TTL,
            AuthOptions.DEFAULT_CONFIG_REFRESH, Clock.systemUTC()));
    Testcontainers.exposeHostPorts(server.port());
    register(hostAddressSeenFrom(k3s), server.port(), base.resolve("apiservice.yaml"));

    core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(USERS))).execute();
    for (String user : List.of(VIEWER, OUTSIDER)) {
      cluster.create(object("v1", "ServiceAccount", USERS, user));
    }
    ObjectNode binding = object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "e2e-viewer-crm-viewer");
    binding.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole")
        .put("name", "crm-viewer");
    binding.putArray("subjects").addObject().put("kind", "ServiceAccount").put("name", VIEWER).put("namespace", USERS);
    cluster.create(binding);
    viewerKubeconfig = UserKubeconfig.withToken(k3sKubeconfig, dir.resolve("viewer.kubeconfig"), VIEWER,
        token(core, USERS, VIEWER));
    outsiderKubeconfig = UserKubeconfig.withToken(k3sKubeconfig, dir.resolve("outsider.kubeconfig"), OUTSIDER,
        token(core, USERS, OUTSIDER));
  }

  @BeforeEach
  void requireDocker() {
    DockerEngine.assumeAvailable();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    for (GenericContainer<?> container : Arrays.asList(k3s, postgres)) {
      if (container != null) {
        container.stop();
      }
    }
  }

  /** deploy/base of this repository, found upwards from the working directory (the module). */
  private static Path deployBase() {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path base = at.resolve("deploy").resolve("base");
      if (Files.exists(base.resolve("kustomization.yaml"))) {
        return base;
      }
    }
    throw new AssertionError("no deploy/base above " + Path.of("").toAbsolutePath());
  }

  private static PgConnectOptions connectOptions(PostgreSQLContainer<?> postgres) {
    return new PgConnectOptions().setHost(postgres.getHost()).setPort(postgres.getMappedPort(5432))
        .setDatabase(postgres.getDatabaseName()).setUser(postgres.getUsername()).setPassword(postgres.getPassword());
  }

  /** A bound ServiceAccount token (TokenRequest) for the cluster's own audience. */
  private static String token(CoreV1Api core, String namespace, String serviceAccount) throws ApiException {
    AuthenticationV1TokenRequest request = new AuthenticationV1TokenRequest()
        .spec(new V1TokenRequestSpec().expirationSeconds(3600L));
    return core.createNamespacedServiceAccountToken(serviceAccount, namespace, request).execute().getStatus().getToken();
  }

  /**
   * The address k3s reaches this host's exposed ports on: Testcontainers writes it into the
   * container's /etc/hosts as host.testcontainers.internal (the tunnel container's address). An
   * Endpoints address must be an IP, so the name is resolved here.
   */
  private static String hostAddressSeenFrom(K3sContainer container) {
    String hosts = container.copyFileFromContainer("/etc/hosts",
        in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    for (String line : hosts.split("\n")) {
      List<String> fields = Arrays.stream(line.trim().split("\\s+")).toList();
      if (fields.size() > 1 && !fields.get(0).startsWith("#")
          && fields.subList(1, fields.size()).contains(GenericContainer.INTERNAL_HOST_HOSTNAME)) {
        return fields.get(0);
      }
    }
    throw new AssertionError("k3s has no " + GenericContainer.INTERNAL_HOST_HOSTNAME + " in /etc/hosts:\n" + hosts);
  }

  /**
   * Puts the server behind the Service the deploy/ APIServices name (milo-crm/milo-crm-apiserver,
   * port 443), without a selector, its Endpoints being this host; then the APIServices, and waits
   * until the aggregator reports both Available.
   */
  private static void register(String hostAddress, int port, Path apiServices) throws Exception {
    ObjectNode service = object("v1", "Service", "milo-crm", "milo-crm-apiserver");
    service.putObject("spec").put("type", "ClusterIP").putArray("ports").addObject().put("name", "https")
        .put("port", 443).put("targetPort", port).put("protocol", "TCP");
    cluster.create(service);
    ObjectNode endpoints = object("v1", "Endpoints", "milo-crm", "milo-crm-apiserver");
    ObjectNode subset = endpoints.putArray("subsets").addObject();
    subset.putArray("addresses").addObject().put("ip", hostAddress);
    subset.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
    cluster.create(endpoints);

    List<String> names = new ArrayList<>();
    for (ObjectNode apiService : ClusterObjects.read(apiServices)) {
      ((ObjectNode) apiService.path("spec")).put("insecureSkipTLSVerify", true);
      cluster.create(apiService);
      names.add(apiService.path("metadata").path("name").asText());
    }
    DynamicKubernetesApi registrations = new DynamicKubernetesApi("apiregistration.k8s.io", "v1", "apiservices", admin);
    for (String name : names) {
      Awaitility.await("APIService " + name + " Available").atMost(READY).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> {
            KubernetesApiResponse<DynamicKubernetesObject> current = registrations.get(name);
            assertThat(current.isSuccess()).as("get: %s", current.getStatus()).isTrue();
            assertThat(ClusterObjects.condition(current.getObject().getRaw(), "Available"))
                .as("status of %s", current.getObject().getRaw().get("status")).isEqualTo("True");
          });
    }
  }

  private static ObjectNode object(String apiVersion, String kind, String namespace, String name) {
    ObjectNode object = JsonNodeFactory.instance.objectNode().put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode metadata = object.putObject("metadata").put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    return object;
  }

  /** Creates a person through the k3s apiserver as its admin (system:masters). */
  private static void createPerson(String name, String source) {
    ObjectNode person = object("crm.milo.io/v1alpha1", "Person", null, name);
    ((ObjectNode) person.path("metadata")).putObject("labels").put(SOURCE, source);
    person.putObject("spec").put("name", name);
    cluster.create(person);
  }

  private static DynamicKubernetesApi people(ApiClient client) {
    return new DynamicKubernetesApi("crm.milo.io", "v1alpha1", "people", client);
  }

  private static ListOptions bySource(String source) {
    ListOptions options = new ListOptions();
    options.setLabelSelector(SOURCE + "=" + source);
    return options;
  }

  private static List<String> lines(String out) {
    return Arrays.stream(out.split("\n")).map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  private static String forbiddenList(String user) {
    return "people.crm.milo.io is forbidden: User \"" + user + "\" cannot list resource \"people\" in API group"
        + " \"crm.milo.io\" at the cluster scope";
  }

  @Test
  void aViewerListsAndWatchesPeopleByLabelWithKubectl() throws Exception {
    createPerson("kubectl-ann", "kubectl-fair");
    createPerson("kubectl-amy", "kubectl-fair");
    createPerson("kubectl-ben", "kubectl-referral");
    Kubectl asViewer = Kubectl.version("1.33", viewerKubeconfig, Files.createTempDirectory(dir, "kubectl-viewer"));

    assertThat(lines(asViewer.run("get", "people", "-l", SOURCE + "=kubectl-fair", "-o", "name").ok().out()))
        .containsExactly("person.crm.milo.io/kubectl-amy", "person.crm.milo.io/kubectl-ann");

    Path output = Files.createTempFile(dir, "watch", ".txt");
    Process watch = asViewer.start(output, "get", "people", "-l", SOURCE + "=kubectl-fair", "-w", "-o", "name");
    try {
      Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> Files.readString(output).contains("kubectl-ann"));
      createPerson("kubectl-cat", "kubectl-fair");
      Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> Files.readString(output).contains("kubectl-cat"));
      assertThat(watch.isAlive()).as("the watch is still open: " + Files.readString(output)).isTrue();
      assertThat(lines(Files.readString(output))).containsOnly("person.crm.milo.io/kubectl-amy",
          "person.crm.milo.io/kubectl-ann", "person.crm.milo.io/kubectl-cat");
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aViewerListsAndWatchesPeopleByLabelWithTheJavaClient() throws Exception {
    createPerson("java-ann", "java-fair");
    createPerson("java-ben", "java-referral");
    ApiClient viewer = Config.fromConfig(viewerKubeconfig.toString());
    viewer.setReadTimeout(0);
    DynamicKubernetesApi people = people(viewer);

    KubernetesApiResponse<DynamicKubernetesListObject> list = people.list(bySource("java-fair"));
    assertThat(list.isSuccess()).as("list: %s", list.getStatus()).isTrue();
    assertThat(list.getObject().getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("java-ann");

    ListOptions watchOptions = bySource("java-fair");
    watchOptions.setTimeoutSeconds(60);
    List<String> events = new ArrayList<>();
    try (Watchable<DynamicKubernetesObject> watch = people.watch(watchOptions)) {
      for (Watch.Response<DynamicKubernetesObject> event : watch) {
        assertThat(event.type).as("watch event (so far %s): %s", events, event.status).isNotEqualTo("ERROR");
        events.add(event.type + " " + event.object.getMetadata().getName());
        if (event.object.getMetadata().getName().equals("java-ann") && event.type.equals("ADDED")) {
          createPerson("java-cat", "java-fair");
        }
        if (event.object.getMetadata().getName().equals("java-cat")) {
          break;
        }
      }
    }
    assertThat(events).startsWith("ADDED java-ann").contains("ADDED java-cat").noneMatch(e -> e.contains("java-ben"));

    KubernetesApiResponse<DynamicKubernetesObject> delete = people.delete("java-ann");
    assertThat(delete.getHttpStatusCode()).isEqualTo(403);
    assertThat(delete.getStatus().getMessage()).startsWith("people.crm.milo.io \"java-ann\" is forbidden: User"
        + " \"system:serviceaccount:" + USERS + ":" + VIEWER + "\" cannot delete resource \"people\" in API group"
        + " \"crm.milo.io\" at the cluster scope");
  }

  @Test
  void aUserWithoutARoleIsRefusedByRbacWithKubectl() throws Exception {
    Kubectl asOutsider = Kubectl.version("1.33", outsiderKubeconfig, Files.createTempDirectory(dir, "kubectl-outsider"));
    Kubectl.Run list = asOutsider.run("get", "people", "-l", SOURCE + "=kubectl-fair");
    assertThat(list.exit()).isNotZero();
    assertThat(list.err()).contains("Error from server (Forbidden): "
        + forbiddenList("system:serviceaccount:" + USERS + ":" + OUTSIDER));
  }

  @Test
  void aUserWithoutARoleIsRefusedByRbacWithTheJavaClient() throws Exception {
    ApiClient outsider = Config.fromConfig(outsiderKubeconfig.toString());
    KubernetesApiResponse<DynamicKubernetesListObject> list = people(outsider).list(bySource("java-fair"));
    assertThat(list.getHttpStatusCode()).isEqualTo(403);
    assertThat(list.getStatus().getReason()).isEqualTo("Forbidden");
    assertThat(list.getStatus().getMessage()).startsWith(forbiddenList("system:serviceaccount:" + USERS + ":" + OUTSIDER));
  }

  @Test
  void deletingANamespaceWithContactsCompletes() throws Exception {
    String namespace = "e2e-cleanup";
    CoreV1Api core = new CoreV1Api(admin);
    core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace))).execute();
    for (String name : List.of("c-one", "c-two")) {
      ObjectNode contact = object("notification.milo.io/v1alpha1", "Contact", namespace, name);
      contact.putObject("spec").put("email", name + "@example.com");
      cluster.create(contact);
    }
    DynamicKubernetesApi contacts = new DynamicKubernetesApi("notification.milo.io", "v1alpha1", "contacts", admin);
    assertThat(contacts.list(namespace).getObject().getItems()).hasSize(2);

    core.deleteNamespace(namespace).execute();
    Awaitility.await("namespace " + namespace + " gone").atMost(READY).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          V1Namespace still = null;
          try {
            still = core.readNamespace(namespace).execute();
          } catch (ApiException e) {
            assertThat(e.getCode()).as("read namespace: %s", e.getResponseBody()).isEqualTo(404);
          }
          assertThat(still).as("namespace still there, status: %s", still == null ? null : still.getStatus()).isNull();
        });
    KubernetesApiResponse<DynamicKubernetesListObject> left = contacts.list(namespace);
    assertThat(left.isSuccess()).as("list: %s", left.getStatus()).isTrue();
    assertThat(left.getObject().getItems()).isEmpty();
    assertThat(contacts.list().getObject().getItems()).extracting(c -> c.getMetadata().getNamespace())
        .doesNotContain(namespace);
  }
}
