package io.milo.crm.apiserver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.milo.crm.apiserver.ServerOptions;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.Kinds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DeployManifestsTest renders the kustomizations under deploy/ with the real kubectl (its built-in
 * kustomize) and checks the objects a cluster would receive: that the aggregated API server is wired
 * together (APIServices to Service to pods, probes, Secrets, flags the server accepts) and hardened,
 * and that the aggregated ClusterRoles cover every declared kind. Skipped, saying why, where no
 * kubectl is installed.
 */
class DeployManifestsTest {
  private static final String PRODUCTION = ".";
  private static final String BASE = "base";
  private static final String DEVELOPMENT = "overlays/development";
  private static final String EXAMPLE = "overlays/example";
  private static final String CERT_MANAGER = "overlays/cert-manager";
  private static final List<String> KUSTOMIZATIONS = List.of(PRODUCTION, BASE, DEVELOPMENT, EXAMPLE, CERT_MANAGER);
  private static final String NAMESPACE = "milo-crm";
  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> WRITE = List.of("create", "update", "patch", "delete", "deletecollection");

  private static final YAMLMapper YAML = new YAMLMapper();
  private static Path deployDir;
  private static Path kubectl;
  private static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();

  @BeforeAll
  static void findKubectlAndDeployDir() throws Exception {
    kubectl = installedKubectl();
    if (kubectl == null) {
      System.out.println("SKIPPED: no kubectl on the PATH to render deploy/ with");
    }
    Assumptions.assumeTrue(kubectl != null, "no kubectl on the PATH to render deploy/ with");
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("deploy/kustomization.yaml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a parent directory holding deploy/kustomization.yaml").isNotNull();
    deployDir = dir.resolve("deploy");
  }

  @ParameterizedTest
  @ValueSource(strings = {PRODUCTION, DEVELOPMENT, EXAMPLE, CERT_MANAGER})
  void everyInstallationHasEveryObjectTheServerNeeds(String kustomization) throws Exception {
    List<JsonNode> objects = rendered(kustomization);
    assertThat(one(objects, "Namespace", null, NAMESPACE)).isNotNull();
    JsonNode account = one(objects, "ServiceAccount", NAMESPACE, "milo-crm-apiserver");

    assertThat(bindingsOfAccount(objects, "ClusterRoleBinding", account))
        .contains("ClusterRole/system:auth-delegator", "ClusterRole/milo-crm-apiserver");
    List<String> kubeSystemRoles = objects.stream()
        .filter(o -> kind(o).equals("RoleBinding") && namespace(o).equals("kube-system"))
        .filter(o -> boundTo(o, account))
        .map(o -> o.at("/roleRef/kind").asText() + "/" + o.at("/roleRef/name").asText()).toList();
    assertThat(kubeSystemRoles).containsExactly("Role/extension-apiserver-authentication-reader");

    JsonNode serverRole = one(objects, "ClusterRole", null, "milo-crm-apiserver");
    assertThat(verbs(serverRole, "", "namespaces")).containsAll(READ);

    assertThat(one(objects, "Deployment", NAMESPACE, "milo-crm-apiserver")).isNotNull();
    assertThat(one(objects, "Service", NAMESPACE, "milo-crm-apiserver")).isNotNull();
    assertThat(one(objects, "PodDisruptionBudget", NAMESPACE, "milo-crm-apiserver")).isNotNull();
    for (String group : Kinds.groups()) {
      assertThat(one(objects, "APIService", null, "v1alpha1." + group)).isNotNull();
    }
    for (String role : List.of("crm-viewer", "crm-editor", "crm-admin")) {
      assertThat(one(objects, "ClusterRole", null, role)).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {PRODUCTION, BASE, DEVELOPMENT, EXAMPLE, CERT_MANAGER})
  void namespacedObjectsLiveInTheServersNamespaceExceptTheAuthReaderBinding(String kustomization) throws Exception {
    for (JsonNode object : rendered(kustomization)) {
      String namespace = namespace(object);
      if (kind(object).equals("RoleBinding") && namespace.equals("kube-system")) {
        continue;
      }
      if (!namespace.isEmpty()) {
        assertThat(namespace).as(kind(object) + " " + name(object)).isEqualTo(NAMESPACE);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {PRODUCTION, DEVELOPMENT, CERT_MANAGER})
  void theApiServicesRegisterEveryDeclaredGroupVersionAtTheService(String kustomization) throws Exception {
    List<JsonNode> objects = rendered(kustomization);
    JsonNode service = one(objects, "Service", NAMESPACE, "milo-crm-apiserver");
    Set<String> groupVersions = new LinkedHashSet<>();
    for (KindDeclaration kind : Kinds.all()) {
      groupVersions.add(kind.version() + "." + kind.group());
    }
    List<JsonNode> apiServices = all(objects, "APIService");
    assertThat(apiServices).extracting(DeployManifestsTest::name).containsExactlyInAnyOrderElementsOf(groupVersions);
    for (JsonNode apiService : apiServices) {
      JsonNode spec = apiService.path("spec");
      assertThat(spec.path("version").asText() + "." + spec.path("group").asText()).isEqualTo(name(apiService));
      assertThat(spec.at("/service/name").asText()).isEqualTo(name(service));
      assertThat(spec.at("/service/namespace").asText()).isEqualTo(namespace(service));
      assertThat(service.at("/spec/ports").findValuesAsText("port")).contains(spec.at("/service/port").asText());
      assertThat(spec.path("groupPriorityMinimum").asInt()).isPositive();
      assertThat(spec.path("versionPriority").asInt()).isPositive();
    }
  }

  @Test
  void productionApiServicesTrustTheCaInServingCaCrt() throws Exception {
    byte[] ca = Files.readAllBytes(deployDir.resolve("serving-ca.crt"));
    List<JsonNode> objects = rendered(PRODUCTION);
    for (JsonNode apiService : all(objects, "APIService")) {
      JsonNode spec = apiService.path("spec");
      assertThat(spec.path("insecureSkipTLSVerify").asBoolean(false)).isFalse();
      // The apiserver decodes []byte ignoring line breaks, as the MIME decoder does.
      assertThat(Base64.getMimeDecoder().decode(spec.path("caBundle").asText())).isEqualTo(ca);
    }
    assertThat(all(objects, "Secret")).as("the CA's carrier Secret is local input, never applied").isEmpty();
  }

  @Test
  void developmentSkipsVerificationOfASelfSignedCertificate() throws Exception {
    List<JsonNode> objects = rendered(DEVELOPMENT);
    for (JsonNode apiService : all(objects, "APIService")) {
      assertThat(apiService.at("/spec/insecureSkipTLSVerify").asBoolean()).isTrue();
      assertThat(apiService.at("/spec/caBundle").isMissingNode()).as("caBundle and insecureSkipTLSVerify exclude each other").isTrue();
    }
    ServerOptions options = serverOptions(container(one(objects, "Deployment", NAMESPACE, "milo-crm-apiserver")));
    assertThat(options.tlsCertFile()).as("no certificate given: the server makes a self-signed one").isNull();
    JsonNode pod = one(objects, "Deployment", NAMESPACE, "milo-crm-apiserver").at("/spec/template/spec");
    assertThat(pod.path("volumes").findValuesAsText("name")).doesNotContain("serving-cert");
  }

  @Test
  void certManagerIssuesTheServingCertificateAndInjectsItsCa() throws Exception {
    List<JsonNode> objects = rendered(CERT_MANAGER);
    JsonNode service = one(objects, "Service", NAMESPACE, "milo-crm-apiserver");
    JsonNode pod = one(objects, "Deployment", NAMESPACE, "milo-crm-apiserver").at("/spec/template/spec");
    String mountedSecret = volume(pod, "serving-cert").at("/secret/secretName").asText();
    for (JsonNode apiService : all(objects, "APIService")) {
      String source = apiService.at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText();
      assertThat(source).contains("/");
      JsonNode certificate = one(objects, "Certificate", source.split("/")[0], source.split("/")[1]);
      assertThat(certificate.at("/spec/secretName").asText()).isEqualTo(mountedSecret);
      assertThat(textList(certificate.at("/spec/dnsNames"))).as("the aggregator dials ServerName <service>.<namespace>.svc")
          .contains(name(service) + "." + namespace(service) + ".svc");
      assertThat(apiService.at("/spec/caBundle").isMissingNode()).isTrue();
      assertThat(apiService.at("/spec/insecureSkipTLSVerify").asBoolean(false)).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {PRODUCTION, DEVELOPMENT, CERT_MANAGER})
  void theServiceReachesTheServersHttpsPort(String kustomization) throws Exception {
    List<JsonNode> objects = rendered(kustomization);
    JsonNode service = one(objects, "Service", NAMESPACE, "milo-crm-apiserver");
    JsonNode template = one(objects, "Deployment", NAMESPACE, "milo-crm-apiserver").at("/spec/template");
    assertThat(selects(service.at("/spec/selector"), template.at("/metadata/labels"))).isTrue();
    JsonNode port = service.at("/spec/ports/0");
    assertThat(port.path("port").asInt()).isEqualTo(443);
    JsonNode container = container(one(objects, "Deployment", NAMESPACE, "milo-crm-apiserver"));
    assertThat(containerPort(container, port.path("targetPort"))).isEqualTo(8443);
    assertThat(serverOptions(container).port()).isEqualTo(8443);
  }

  @ParameterizedTest
  @ValueSource(strings = {PRODUCTION, DEVELOPMENT, CERT_MANAGER})
  void theDeploymentRunsTwoHardenedReplicasProbedOnReadyzAndLivez(String kustomization) throws Exception {
    JsonNode deployment = one(rendered(kustomization), "Deployment", NAMESPACE, "milo-crm-apiserver");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = container(deployment);
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(selects(deployment.at("/spec/selector/matchLabels"), deployment.at("/spec/template/metadata/labels"))).isTrue();
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("milo-crm-apiserver");

    for (String[] probe : new String[][] {{"readinessProbe", "/readyz"}, {"livenessProbe", "/livez"}}) {
      JsonNode get = container.path(probe[0]).path("httpGet");
      assertThat(get.path("path").asText()).as(probe[0]).isEqualTo(probe[1]);
      assertThat(get.path("scheme").asText()).as(probe[0]).isEqualTo("HTTPS");
      assertThat(containerPort(container, get.path("port"))).as(probe[0]).isEqualTo(8443);
    }

    JsonNode security = container.path("securityContext");
    assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(textList(security.at("/capabilities/drop"))).containsExactly("ALL");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();

    for (String bound : List.of("requests", "limits")) {
      assertThat(container.at("/resources/" + bound + "/cpu").asText()).as(bound).isNotEmpty();
      assertThat(container.at("/resources/" + bound + "/memory").asText()).as(bound).isNotEmpty();
    }

    List<String> spreadKeys = new ArrayList<>(pod.path("topologySpreadConstraints").findValuesAsText("topologyKey"));
    pod.at("/affinity/podAntiAffinity").findValuesAsText("topologyKey").forEach(spreadKeys::add);
    assertThat(spreadKeys).as("replicas spread over nodes").contains("kubernetes.io/hostname");
  }

  @ParameterizedTest
  @ValueSource(strings = {PRODUCTION, DEVELOPMENT, CERT_MANAGER})
  void theServerAcceptsItsArgumentsAndWritesOnlyToEmptyDirs(String kustomization) throws Exception {
    JsonNode deployment = one(rendered(kustomization), "Deployment", NAMESPACE, "milo-crm-apiserver");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = container(deployment);
    ServerOptions options = serverOptions(container);
    assertThat(options.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(options.databaseUrl()).as("CRM_DB_URL is set from the Secret").isNotNull();

    JsonNode dataMount = mountHolding(container, options.dataDir());
    assertThat(volume(pod, dataMount.path("name").asText()).has("emptyDir")).as("data dir").isTrue();
    JsonNode tmpMount = mountHolding(container, Path.of("/tmp"));
    assertThat(volume(pod, tmpMount.path("name").asText()).has("emptyDir")).as("/tmp").isTrue();

    if (options.tlsCertFile() != null) {
      for (Path file : List.of(options.tlsCertFile(), options.tlsKeyFile())) {
        JsonNode mount = mountHolding(container, file);
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode secret = volume(pod, mount.path("name").asText()).path("secret");
        assertThat(secret.path("secretName").asText()).isEqualTo("milo-crm-apiserver-tls");
        // A kubernetes.io/tls Secret's keys are tls.crt and tls.key.
        assertThat(file.getFileName().toString()).isIn("tls.crt", "tls.key");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {PRODUCTION, DEVELOPMENT, CERT_MANAGER})
  void theDatabaseUrlComesFromASecretKeyRef(String kustomization) throws Exception {
    JsonNode container = container(one(rendered(kustomization), "Deployment", NAMESPACE, "milo-crm-apiserver"));
    JsonNode ref = env(container, "CRM_DB_URL").at("/valueFrom/secretKeyRef");
    assertThat(ref.path("name").asText()).isEqualTo("milo-crm-database");
    assertThat(ref.path("key").asText()).isEqualTo("url");
  }

  @Test
  void onlyTheExampleOverlayCarriesADatabaseSecretAndItIsTheOneReferenced() throws Exception {
    for (String kustomization : List.of(PRODUCTION, BASE, DEVELOPMENT, CERT_MANAGER)) {
      assertThat(all(rendered(kustomization), "Secret")).as(kustomization).isEmpty();
    }
    List<JsonNode> objects = rendered(EXAMPLE);
    JsonNode ref = env(container(one(objects, "Deployment", NAMESPACE, "milo-crm-apiserver")), "CRM_DB_URL")
        .at("/valueFrom/secretKeyRef");
    JsonNode secret = one(objects, "Secret", NAMESPACE, ref.path("name").asText());
    assertThat(secret.path("metadata").toString()).containsIgnoringCase("example");
    String url = secret.at("/stringData/" + ref.path("key").asText()).asText();
    assertThat(url).startsWith("postgresql://");
    assertThat(ServerOptions.parse(new String[] {"--db-url=" + url}, name -> null).databaseUrl()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {PRODUCTION, DEVELOPMENT, CERT_MANAGER})
  void theDisruptionBudgetKeepsOneOfTheDeploymentsPods(String kustomization) throws Exception {
    List<JsonNode> objects = rendered(kustomization);
    JsonNode pdb = one(objects, "PodDisruptionBudget", NAMESPACE, "milo-crm-apiserver");
    JsonNode deployment = one(objects, "Deployment", NAMESPACE, "milo-crm-apiserver");
    assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(pdb.at("/spec/selector/matchLabels").size()).isPositive();
    assertThat(selects(pdb.at("/spec/selector/matchLabels"), deployment.at("/spec/template/metadata/labels"))).isTrue();
    assertThat(pdb.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector"));
  }

  static Stream<Arguments> roles() {
    return Stream.of(
        Arguments.of("crm-viewer", "rbac.authorization.k8s.io/aggregate-to-view", READ, List.of(), READ),
        Arguments.of("crm-editor", "rbac.authorization.k8s.io/aggregate-to-edit", READ, WRITE, READ),
        Arguments.of("crm-admin", "rbac.authorization.k8s.io/aggregate-to-admin", READ, WRITE,
            List.of("get", "list", "watch", "update", "patch")));
  }

  @ParameterizedTest
  @MethodSource("roles")
  void theAggregatedRolesCoverEveryDeclaredKind(String role, String aggregationLabel, List<String> reads,
      List<String> writes, List<String> statusVerbs) throws Exception {
    JsonNode clusterRole = one(rendered(PRODUCTION), "ClusterRole", null, role);
    assertThat(clusterRole.at("/metadata/labels").path(aggregationLabel).asText()).isEqualTo("true");
    assertThat(Kinds.all()).hasSize(7);
    for (KindDeclaration kind : Kinds.all()) {
      Set<String> granted = verbs(clusterRole, kind.group(), kind.plural());
      assertThat(granted).as(kind.plural()).containsAll(reads).containsAll(writes);
      if (writes.isEmpty()) {
        assertThat(granted).as(kind.plural() + ": read only").containsExactlyInAnyOrderElementsOf(reads);
      }
      if (kind.statusSubresource()) {
        assertThat(verbs(clusterRole, kind.group(), kind.plural() + "/status")).as(kind.plural() + "/status")
            .containsExactlyInAnyOrderElementsOf(statusVerbs);
      }
    }
  }

  @Test
  void everyInstalledKubectlRendersTheSameObjects() throws Exception {
    List<Path> binaries;
    try (Stream<Path> siblings = Files.list(kubectl.getParent())) {
      binaries = siblings.filter(p -> p.getFileName().toString().matches("kubectl\\.1\\.\\d+"))
          .filter(Files::isExecutable).sorted().toList();
    }
    if (binaries.isEmpty()) {
      System.out.println("SKIPPED: no versioned kubectl.1.N binaries next to " + kubectl);
    }
    Assumptions.assumeFalse(binaries.isEmpty(), "no versioned kubectl.1.N binaries next to " + kubectl);
    for (Path binary : binaries) {
      for (String kustomization : KUSTOMIZATIONS) {
        assertThat(render(binary, kustomization)).as(binary.getFileName() + " " + kustomization)
            .isEqualTo(rendered(kustomization));
      }
    }
  }

  // --- rendering ---

  private static List<JsonNode> rendered(String kustomization) throws Exception {
    List<JsonNode> objects = RENDERED.get(kustomization);
    if (objects == null) {
      objects = render(kubectl, kustomization);
      RENDERED.put(kustomization, objects);
    }
    return objects;
  }

  private static List<JsonNode> render(Path binary, String kustomization) throws Exception {
    Path out = Files.createTempFile("kustomize", ".yaml");
    Path err = Files.createTempFile("kustomize", ".err");
    try {
      Process process = new ProcessBuilder(binary.toString(), "kustomize", deployDir.resolve(kustomization).toString())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize did not finish within 60 s");
      }
      assertThat(process.exitValue()).as("kubectl kustomize " + kustomization + ": " + Files.readString(err)).isZero();
      List<JsonNode> objects = new ArrayList<>();
      try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(out, StandardCharsets.UTF_8))) {
        while (documents.hasNext()) {
          JsonNode document = documents.next();
          if (document != null && !document.isNull() && !document.isMissingNode()) {
            objects.add(document);
          }
        }
      }
      return objects;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The kubectl the PATH leads to, symbolic links resolved (the versioned binaries sit beside it), or null. */
  private static Path installedKubectl() throws Exception {
    Process which = new ProcessBuilder("sh", "-c", "command -v kubectl >/dev/null && readlink -f \"$(command -v kubectl)\"").start();
    String found = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    which.waitFor(10, TimeUnit.SECONDS);
    return found.isEmpty() || !Files.isExecutable(Path.of(found)) ? null : Path.of(found);
  }

  // --- reading objects ---

  private static String kind(JsonNode object) {
    return object.path("kind").asText();
  }

  private static String name(JsonNode object) {
    return object.at("/metadata/name").asText();
  }

  private static String namespace(JsonNode object) {
    return object.at("/metadata/namespace").asText();
  }

  private static List<JsonNode> all(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> kind(o).equals(kind)).toList();
  }

  /** The one object of that kind, namespace (null: cluster-scoped) and name; fails when absent. */
  private static JsonNode one(List<JsonNode> objects, String kind, String namespace, String name) {
    List<JsonNode> found = objects.stream()
        .filter(o -> kind(o).equals(kind) && name(o).equals(name))
        .filter(o -> namespace(o).equals(namespace == null ? "" : namespace))
        .toList();
    assertThat(found).as(kind + " " + (namespace == null ? "" : namespace + "/") + name).hasSize(1);
    return found.get(0);
  }

  private static boolean boundTo(JsonNode binding, JsonNode account) {
    for (JsonNode subject : binding.path("subjects")) {
      if (subject.path("kind").asText().equals("ServiceAccount") && subject.path("name").asText().equals(name(account))
          && subject.path("namespace").asText().equals(namespace(account))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> bindingsOfAccount(List<JsonNode> objects, String kind, JsonNode account) {
    return all(objects, kind).stream().filter(o -> boundTo(o, account))
        .map(o -> o.at("/roleRef/kind").asText() + "/" + o.at("/roleRef/name").asText()).toList();
  }

  /** The verbs a role's rules grant on a resource of a group, for any object (rules without resourceNames). */
  private static Set<String> verbs(JsonNode role, String group, String resource) {
    Set<String> verbs = new LinkedHashSet<>();
    for (JsonNode rule : role.path("rules")) {
      if (rule.has("resourceNames")) {
        continue;
      }
      List<String> groups = textList(rule.path("apiGroups"));
      List<String> resources = textList(rule.path("resources"));
      if ((groups.contains(group) || groups.contains("*")) && (resources.contains(resource) || resources.contains("*"))) {
        verbs.addAll(textList(rule.path("verbs")));
      }
    }
    return verbs;
  }

  private static List<String> textList(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }

  /** Whether every label of a selector's matchLabels is on the labels. */
  private static boolean selects(JsonNode matchLabels, JsonNode labels) {
    Map<String, String> wanted = new LinkedHashMap<>();
    matchLabels.fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
    return !wanted.isEmpty() && wanted.entrySet().stream()
        .allMatch(e -> labels.path(e.getKey()).asText().equals(e.getValue()));
  }

  private static JsonNode container(JsonNode deployment) {
    JsonNode containers = deployment.at("/spec/template/spec/containers");
    assertThat(containers.size()).isEqualTo(1);
    return containers.get(0);
  }

  /** A port reference (number or name) resolved against the container's ports. */
  private static int containerPort(JsonNode container, JsonNode reference) {
    if (reference.isInt()) {
      return reference.asInt();
    }
    for (JsonNode port : container.path("ports")) {
      if (port.path("name").asText().equals(reference.asText())) {
        return port.path("containerPort").asInt();
      }
    }
    throw new AssertionError("no container port named " + reference);
  }

  private static JsonNode env(JsonNode container, String name) {
    for (JsonNode variable : container.path("env")) {
      if (variable.path("name").asText().equals(name)) {
        return variable;
      }
    }
    throw new AssertionError("no env " + name);
  }

  private static JsonNode volume(JsonNode pod, String name) {
    for (JsonNode volume : pod.path("volumes")) {
      if (volume.path("name").asText().equals(name)) {
        return volume;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  /** The volume mount a path lies in; fails when the path is on the (read-only) root filesystem. */
  private static JsonNode mountHolding(JsonNode container, Path path) {
    for (JsonNode mount : container.path("volumeMounts")) {
      if (path.startsWith(Path.of(mount.path("mountPath").asText()))) {
        return mount;
      }
    }
    throw new AssertionError(path + " is on no volume mount");
  }

  /**
   * The server's options as the container would start it: its args, and its environment with each
   * secretKeyRef standing for a value (the Secret's content is not in the manifests).
   */
  private static ServerOptions serverOptions(JsonNode container) {
    Map<String, String> environment = new HashMap<>();
    for (JsonNode variable : container.path("env")) {
      String value = variable.has("value") ? variable.path("value").asText()
          : variable.at("/valueFrom/secretKeyRef").isMissingNode() ? null : "postgresql://from-secret/db";
      environment.put(variable.path("name").asText(), value);
    }
    return ServerOptions.parse(textList(container.path("args")).toArray(String[]::new), environment::get);
  }
}
