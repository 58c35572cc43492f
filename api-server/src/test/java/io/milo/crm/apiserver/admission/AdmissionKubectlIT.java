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

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admission rules as staff meet them in the real kubectl 1.33: a refusal printed readably with
 * its field path and the missing object's name, a refused delete, and the resolved columns.
 */
class AdmissionKubectlIT {
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

  /** A finished kubectl run. */
  record Run(int exit, String out, String err) {}

  /** Runs kubectl 1.33 (installed next to the kubectl on the PATH; the test is skipped without it). */
  private static Run kubectl(String stdin, String... args) throws Exception {
    Process which = new ProcessBuilder("sh", "-c", "readlink -f \"$(command -v kubectl)\"").start();
    String found = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    which.waitFor(10, TimeUnit.SECONDS);
    Path binary = found.isEmpty() ? null : Path.of(found).resolveSibling("kubectl.1.33");
    Assumptions.assumeTrue(binary != null && Files.isExecutable(binary), "kubectl.1.33 is not installed");
    Path scratch = Files.createTempDirectory(server.dir, "kubectl");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", server.kubeconfig.toString()));
    command.addAll(List.of(args));
    Path out = scratch.resolve("out.txt");
    Path err = scratch.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("HOME", scratch.toString());
    if (stdin != null) {
      Path in = scratch.resolve("in.yaml");
      Files.writeString(in, stdin);
      builder.redirectInput(in.toFile());
    }
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl did not finish within 60 s: " + command);
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void applyOfAPersonWithAMissingCompanyPrintsTheRefusal() throws Exception {
    String manifest = "apiVersion: crm.milo.io/v1alpha1\nkind: Person\nmetadata:\n  name: lost-soul\nspec:\n"
        + "  name: Lost Soul\n  companyRef:\n    name: no-such-co\n";
    Run apply = kubectl(manifest, "apply", "-f", "-");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isNotZero();
    assertThat(apply.err()).contains("The Person \"lost-soul\" is invalid")
        .contains("spec.companyRef").contains("Not found").contains("no-such-co");
    assertThat(api.status(PEOPLE + "/lost-soul")).isEqualTo(404);

    api.create(COMPANIES, company("no-such-co", "Exists Now"));
    Run again = kubectl(manifest, "apply", "-f", "-");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("person.crm.milo.io/lost-soul created");
  }

  @Test
  void deletingAReferencedCompanyPrintsTheConflict() throws Exception {
    api.create(COMPANIES, company("sticky-co", "Sticky"));
    api.create(PEOPLE, personAt("sticky-person", "sticky-co"));
    Run delete = kubectl(null, "delete", "company", "sticky-co");
    assertThat(delete.exit()).isNotZero();
    assertThat(delete.err()).contains("sticky-co").contains("sticky-person");
    assertThat(api.status(COMPANIES + "/sticky-co")).isEqualTo(200);
  }

  @Test
  void resolvedColumnsShowInGetAndGetWide() throws Exception {
    api.create(contacts("kubectl"), contact("grace-mail", "grace@navy.example.com"));
    api.create(COMPANIES, company("navy", "US Navy"));
    ObjectNode grace = personAt("grace", "navy");
    contactRef(grace, "kubectl", "grace-mail", "work", true);
    api.create(PEOPLE, grace);
    api.create(PEOPLE, personAt("grace-colleague", "navy"));
    api.create(PEOPLE, person("loner", "Loner"));

    Run people = kubectl(null, "get", "people");
    assertThat(people.exit()).as(people.err()).isZero();
    assertThat(people.out().lines().findFirst().orElse("")).contains("EMAIL");
    assertThat(people.out().lines().filter(l -> l.startsWith("grace ")).findFirst().orElse(""))
        .contains("grace@navy.example.com");

    Run companies = kubectl(null, "get", "companies", "-o", "wide");
    assertThat(companies.exit()).as(companies.err()).isZero();
    List<String> lines = companies.out().lines().toList();
    // kubectl aligns each cell under its header, so the cell starts where PEOPLE starts.
    int column = lines.get(0).indexOf("PEOPLE");
    assertThat(column).as(lines.get(0)).isPositive();
    String navy = lines.stream().filter(l -> l.startsWith("navy ")).findFirst().orElseThrow();
    assertThat(navy.substring(column).split("\\s+")[0]).as(companies.out()).isEqualTo("2");
  }
}
