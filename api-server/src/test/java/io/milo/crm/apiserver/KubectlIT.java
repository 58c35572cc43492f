package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real kubectl, oldest and newest supported, used the way staff use it: every test runs against
 * both binaries, each on objects of its own (named after the version) so the runs do not meet.
 */
class KubectlIT {
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Kubectl kubectl(String version) throws Exception {
    Path home = Files.createTempDirectory(server.dir, "kubectl-" + version);
    return Kubectl.version(version, server.kubeconfig, home);
  }

  private static String suffix(String version) {
    return version.replace(".", "-");
  }

  private static String person(String name, String fullName, String labels, String extraSpec) {
    return "apiVersion: crm.milo.io/v1alpha1\nkind: Person\nmetadata:\n  name: " + name + "\n  labels:\n" + labels
        + "spec:\n  name: " + fullName + "\n" + extraSpec;
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void apiResourcesAndCategories(String version) throws Exception {
    Kubectl kubectl = kubectl(version);
    Kubectl.Run resources = kubectl.run("api-resources", "--api-group=crm.milo.io", "-o", "wide").ok();
    assertThat(resources.out()).contains("people").contains("ppl").contains("Person").contains("crm");
    assertThat(resources.out()).contains("companies").contains("co");
    Kubectl.Run namespaced = kubectl.run("api-resources", "--namespaced=true", "--api-group=notification.milo.io").ok();
    assertThat(namespaced.out()).contains("contacts").contains("contactgroupmemberships");

    String s = suffix(version);
    kubectl.runWithInput(person("cat-" + s, "Cat " + s, "    crm.milo.io/source: events\n", ""), "apply", "-f", "-").ok();
    Kubectl.Run crm = kubectl.run("get", "crm").ok();
    assertThat(crm.out()).contains("person.crm.milo.io/cat-" + s);
    Kubectl.Run shortName = kubectl.run("get", "ppl", "cat-" + s).ok();
    assertThat(shortName.out()).contains("Cat " + s).contains("events");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void explainReadsNestedFieldsFromOpenApi(String version) throws Exception {
    Kubectl kubectl = kubectl(version);
    Kubectl.Run explain = kubectl.run("explain", "people.spec.contactRefs").ok();
    assertThat(explain.out()).contains("primary").contains("namespace").contains("Contact");
    Kubectl.Run labels = kubectl.run("explain", "contacts.metadata.labels").ok();
    assertThat(labels.out()).contains("labels");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void applyGetYamlLabelAnnotatePatchAndReplace(String version) throws Exception {
    Kubectl kubectl = kubectl(version);
    String name = "ada-" + suffix(version);
    String manifest = person(name, "Ada Lovelace", "    crm.milo.io/source: newsletter-signup\n", "  jobTitle: Countess\n");
    Kubectl.Run apply = kubectl.runWithInput(manifest, "apply", "-f", "-").ok();
    assertThat(apply.out()).contains("person.crm.milo.io/" + name + " created");
    Kubectl.Run again = kubectl.runWithInput(manifest.replace("Countess", "Analyst"), "apply", "-f", "-").ok();
    assertThat(again.out()).contains("configured");

    Kubectl.Run yaml = kubectl.run("get", "person", name, "-o", "yaml").ok();
    assertThat(yaml.out()).contains("jobTitle: Analyst").contains("uid:").contains("resourceVersion:");

    kubectl.run("label", "person", name, "crm.milo.io/status=lead", "run=" + suffix(version)).ok();
    kubectl.run("annotate", "person", name, "note=first").ok();
    kubectl.run("patch", "person", name, "--type", "merge", "-p", "{\"spec\":{\"jobTitle\":\"Engineer\"}}").ok();
    kubectl.run("patch", "person", name, "--type", "json", "-p",
        "[{\"op\":\"add\",\"path\":\"/metadata/labels/crm.milo.io~1segment\",\"value\":\"vip\"}]").ok();
    Kubectl.Run strategic = kubectl.run("patch", "person", name, "-p", "{\"spec\":{\"jobTitle\":\"X\"}}");
    assertThat(strategic.exit()).isNotZero();
    // kubectl words the server's 415 itself: "application/strategic-merge-patch+json is not supported by ...".
    assertThat(strategic.err()).contains("application/merge-patch+json").containsAnyOf("not supported", "Unsupported");

    Kubectl.Run labelled = kubectl.run("get", "people", "-l", "crm.milo.io/status=lead,crm.milo.io/segment=vip,run=" + suffix(version),
        "-o", "jsonpath={.items[*].spec.jobTitle} {.items[*].metadata.annotations.note}").ok();
    assertThat(labelled.out()).isEqualTo("Engineer first");

    // A replace with the resourceVersion read before the patches is a conflict.
    String stale = yaml.out();
    Kubectl.Run replace = kubectl.runWithInput(stale, "replace", "-f", "-");
    assertThat(replace.exit()).isNotZero();
    assertThat(replace.err()).contains("the object has been modified");

    String unknown = person("bad-" + suffix(version), "Bad", "    a: b\n", "  nickname: nope\n");
    Kubectl.Run rejected = kubectl.runWithInput(unknown, "apply", "-f", "-");
    assertThat(rejected.exit()).isNotZero();
    assertThat(rejected.err()).contains("unknown field \"spec.nickname\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void selectorsPagingAndColumns(String version) throws Exception {
    Kubectl kubectl = kubectl(version);
    String s = suffix(version);
    String[][] people = {
        {"sel-a-" + s, "events", "lead", "acme", "1"},
        {"sel-b-" + s, "events", "customer", "globex", "5"},
        {"sel-c-" + s, "investors", "lead", "acme", "9"},
    };
    StringBuilder manifests = new StringBuilder();
    for (String company : new String[] {"acme", "globex"}) {
      manifests.append("apiVersion: crm.milo.io/v1alpha1\nkind: Company\nmetadata:\n  name: ").append(company)
          .append("\nspec:\n  displayName: ").append(company).append("\n---\n");
    }
    for (String[] p : people) {
      manifests.append(person(p[0], "Person " + p[0], "    crm.milo.io/source: " + p[1] + "\n    crm.milo.io/status: "
          + p[2] + "\n    run: r" + s + "\n    rank: \"" + p[4] + "\"\n", "  companyRef:\n    name: " + p[3] + "\n")).append("---\n");
    }
    kubectl.runWithInput(manifests.toString(), "apply", "-f", "-").ok();
    String run = "run=r" + s;
    assertThat(names(kubectl, run + ",crm.milo.io/source=events")).containsExactly("sel-a-" + s, "sel-b-" + s);
    assertThat(names(kubectl, run + ",crm.milo.io/source==events")).containsExactly("sel-a-" + s, "sel-b-" + s);
    assertThat(names(kubectl, run + ",crm.milo.io/source!=events")).containsExactly("sel-c-" + s);
    assertThat(names(kubectl, run + ",crm.milo.io/status in (customer,partner)")).containsExactly("sel-b-" + s);
    assertThat(names(kubectl, run + ",crm.milo.io/status notin (customer)")).containsExactly("sel-a-" + s, "sel-c-" + s);
    assertThat(names(kubectl, run + ",crm.milo.io/status")).hasSize(3);
    assertThat(names(kubectl, run + ",!crm.milo.io/status")).isEmpty();
    assertThat(names(kubectl, run + ",rank>4")).containsExactly("sel-b-" + s, "sel-c-" + s);
    assertThat(names(kubectl, run + ",rank<4")).containsExactly("sel-a-" + s);

    Kubectl.Run byCompany = kubectl.run("get", "people", "-l", run, "--field-selector", "spec.companyRef.name=acme",
        "-o", "name").ok();
    assertThat(byCompany.out().lines()).containsExactly("person.crm.milo.io/sel-a-" + s, "person.crm.milo.io/sel-c-" + s);
    Kubectl.Run unsupported = kubectl.run("get", "people", "--field-selector", "spec.jobTitle=x");
    assertThat(unsupported.exit()).isNotZero();
    assertThat(unsupported.err()).contains("field label not supported: spec.jobTitle");

    Kubectl.Run paged = kubectl.run("get", "people", "-l", run, "--chunk-size=1", "-o", "name", "-v=6").ok();
    assertThat(paged.out().lines()).hasSize(3);
    assertThat(paged.err()).contains("limit=1").contains("continue=");

    Kubectl.Run wide = kubectl.run("get", "people", "-l", run, "-o", "wide").ok();
    assertThat(wide.out().lines().findFirst().orElse("")).contains("FULL NAME").contains("COMPANY").contains("SOURCE")
        .contains("CREATED BY");
    Kubectl.Run plain = kubectl.run("get", "people", "-l", run).ok();
    assertThat(plain.out().lines().findFirst().orElse("")).contains("AGE").doesNotContain("CREATED BY");
    Kubectl.Run custom = kubectl.run("get", "people", "-l", run, "-o",
        "custom-columns=N:.metadata.name,C:.spec.companyRef.name", "--no-headers").ok();
    assertThat(custom.out()).contains("sel-b-" + s).contains("globex");
  }

  private static java.util.List<String> names(Kubectl kubectl, String selector) throws Exception {
    Kubectl.Run run = kubectl.run("get", "people", "-l", selector, "-o", "jsonpath={.items[*].metadata.name}").ok();
    return run.out().isBlank() ? java.util.List.of() : java.util.List.of(run.out().trim().split(" "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void watchPrintsChangesAndDeleteWaits(String version) throws Exception {
    Kubectl kubectl = kubectl(version);
    String name = "watched-" + suffix(version);
    kubectl.runWithInput(person(name, "Watched", "    crm.milo.io/source: events\n", ""), "apply", "-f", "-").ok();
    Path output = Files.createTempFile(server.dir, "watch", ".txt");
    Process watch = kubectl.start(output, "get", "people", name, "-w", "--output-watch-events");
    try {
      Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> Files.readString(output).contains(name));
      kubectl.run("patch", "person", name, "--type", "merge", "-p", "{\"spec\":{\"name\":\"Watched Again\"}}").ok();
      Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> Files.readString(output).contains("Watched Again"));
      assertThat(Files.readString(output)).contains("MODIFIED");
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
    kubectl.run("patch", "person", name, "--type", "merge", "-p", "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}").ok();
    Process deleting = kubectl.start(Files.createTempFile(server.dir, "delete", ".txt"), "delete", "person", name, "--wait=true",
        "--timeout=60s");
    Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
        kubectl.run("get", "person", name, "-o", "jsonpath={.metadata.deletionTimestamp}").out().length() > 0);
    assertThat(deleting.isAlive()).as("delete --wait waits for the finalizer").isTrue();
    kubectl.run("patch", "person", name, "--type", "merge", "-p", "{\"metadata\":{\"finalizers\":null}}").ok();
    assertThat(deleting.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(deleting.exitValue()).isZero();
    Kubectl.Run gone = kubectl.run("get", "person", name);
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.err()).contains("NotFound").contains("\"" + name + "\" not found");
  }
}
