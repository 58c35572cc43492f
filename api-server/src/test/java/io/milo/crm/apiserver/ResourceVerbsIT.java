package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verbs over raw HTTP/2, for what kubectl and the Java client do not show directly: the exact
 * status codes, Status bodies and metadata rules of the kube-apiserver for custom resources.
 */
class ResourceVerbsIT {
  private static final String PEOPLE = "/apis/crm.milo.io/v1alpha1/people";
  private static final String CONTACTS = "/apis/notification.milo.io/v1alpha1/namespaces/team/contacts";
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String person(String name, String fullName) {
    return "{\"apiVersion\":\"crm.milo.io/v1alpha1\",\"kind\":\"Person\",\"metadata\":{\"name\":\"" + name
        + "\",\"labels\":{\"crm.milo.io/source\":\"events\"}},\"spec\":{\"name\":\"" + fullName + "\"}}";
  }

  private static JsonNode created(String name) throws Exception {
    TestServer.Response response = server.post(PEOPLE, person(name, "Ada " + name));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json();
  }

  @Test
  void createSetsServerFieldsDropsStatusAndAnswers201() throws Exception {
    String body = "{\"apiVersion\":\"crm.milo.io/v1alpha1\",\"kind\":\"Person\",\"metadata\":{\"name\":\"ada\","
        + "\"uid\":\"client-uid\",\"generation\":7},\"spec\":{\"name\":\"Ada Lovelace\"},\"status\":{\"createdBy\":\"me\"}}";
    TestServer.Response response = server.post(PEOPLE + "?fieldManager=test-manager", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    JsonNode meta = response.json().path("metadata");
    assertThat(meta.path("uid").asText()).isNotEqualTo("client-uid").matches("[0-9a-f-]{36}");
    assertThat(meta.path("generation").asLong()).isEqualTo(1);
    assertThat(meta.path("creationTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(meta.path("resourceVersion").asText()).matches("[1-9][0-9]*");
    assertThat(meta.path("managedFields").get(0).path("manager").asText()).isEqualTo("test-manager");
    assertThat(meta.path("managedFields").get(0).path("fieldsV1").path("f:spec").has("f:name")).isTrue();
    // The client's status is dropped; the server records who created the object.
    assertThat(response.json().path("status").toString()).isEqualTo("{\"createdBy\":\"admin\"}");

    TestServer.Response again = server.post(PEOPLE, body);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("reason").asText()).isEqualTo("AlreadyExists");
    assertThat(again.json().path("message").asText()).isEqualTo("people.crm.milo.io \"ada\" already exists");
    assertThat(again.json().path("details").path("kind").asText()).isEqualTo("people");

    TestServer.Response get = server.get(PEOPLE + "/ada");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.json()).isEqualTo(response.json());
  }

  @Test
  void generateNameMakesAFiveCharacterSuffix() throws Exception {
    String body = "{\"apiVersion\":\"crm.milo.io/v1alpha1\",\"kind\":\"Person\",\"metadata\":{\"generateName\":\"lead-\"},"
        + "\"spec\":{\"name\":\"Lead\"}}";
    TestServer.Response response = server.post(PEOPLE, body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().path("metadata").path("name").asText()).matches("lead-[bcdfghjklmnpqrstvwxz2456789]{5}");
  }

  @Test
  void unknownAndDuplicateFieldsFollowFieldValidation() throws Exception {
    String body = "{\"apiVersion\":\"crm.milo.io/v1alpha1\",\"kind\":\"Person\",\"metadata\":{\"name\":\"fv\"},"
        + "\"spec\":{\"name\":\"F\",\"nickname\":\"x\"}}";
    TestServer.Response strict = server.post(PEOPLE + "?fieldValidation=Strict", body);
    assertThat(strict.status()).isEqualTo(400);
    assertThat(strict.json().path("message").asText()).isEqualTo("strict decoding error: unknown field \"spec.nickname\"");
    assertThat(server.get(PEOPLE + "/fv").status()).isEqualTo(404);

    TestServer.Response warned = server.post(PEOPLE, body);
    assertThat(warned.status()).isEqualTo(201);
    assertThat(warned.headers().getAll("Warning")).containsExactly("299 - \"unknown field \\\"spec.nickname\\\"\"");
    assertThat(warned.json().path("spec").has("nickname")).isFalse();

    TestServer.Response invalid = server.post(PEOPLE + "?fieldValidation=Loose", body);
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().path("details").path("kind").asText()).isEqualTo("CreateOptions");
  }

  @Test
  void schemaViolationsAre422WithFieldCauses() throws Exception {
    String body = "{\"apiVersion\":\"crm.milo.io/v1alpha1\",\"kind\":\"Person\",\"metadata\":{\"name\":\"bad\"},\"spec\":{}}";
    TestServer.Response response = server.post(PEOPLE, body);
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().path("reason").asText()).isEqualTo("Invalid");
    assertThat(response.json().path("message").asText()).startsWith("Person.crm.milo.io \"bad\" is invalid: ");
    JsonNode cause = response.json().path("details").path("causes").get(0);
    assertThat(cause.path("reason").asText()).isEqualTo("FieldValueRequired");
    assertThat(cause.path("field").asText()).isEqualTo("spec.name");
    assertThat(response.json().path("details").path("kind").asText()).isEqualTo("Person");
  }

  @Test
  void updateNeedsTheCurrentResourceVersionAndKeepsStatus() throws Exception {
    JsonNode person = created("upd");
    String rv = person.path("metadata").path("resourceVersion").asText();
    String changed = person.toString().replace("Ada upd", "Ada Changed");

    TestServer.Response ok = server.put(PEOPLE + "/upd", changed);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().path("metadata").path("generation").asLong()).isEqualTo(2);

    TestServer.Response stale = server.put(PEOPLE + "/upd", changed.replace("Ada Changed", "Again"));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().path("reason").asText()).isEqualTo("Conflict");
    assertThat(stale.json().path("message").asText()).isEqualTo("Operation cannot be fulfilled on people.crm.milo.io \"upd\": "
        + "the object has been modified; please apply your changes to the latest version and try again");

    String noRv = changed.replace("\"resourceVersion\":\"" + rv + "\",", "").replace(",\"resourceVersion\":\"" + rv + "\"", "");
    TestServer.Response missing = server.put(PEOPLE + "/upd", noRv);
    assertThat(missing.status()).as(missing.body()).isEqualTo(422);
    assertThat(missing.json().path("message").asText()).contains("metadata.resourceVersion");

    TestServer.Response absent = server.put(PEOPLE + "/nobody", person("nobody", "N").replace("\"name\":\"nobody\"",
        "\"name\":\"nobody\",\"resourceVersion\":\"5\""));
    assertThat(absent.status()).isEqualTo(404);
    assertThat(absent.json().path("message").asText()).isEqualTo("people.crm.milo.io \"nobody\" not found");

    // /status changes only status and leaves generation alone; the main resource keeps that status.
    JsonNode current = ok.json();
    ObjectNode withStatusNode = (ObjectNode) current.deepCopy();
    ((ObjectNode) withStatusNode.path("spec")).put("name", "Ignored");
    ((ObjectNode) withStatusNode.path("status")).put("createdBy", "robot").putArray("conditions").addObject()
        .put("type", "Ready").put("status", "True").put("reason", "Checked").put("message", "")
        .put("lastTransitionTime", "2026-01-01T00:00:00Z");
    String withStatus = withStatusNode.toString();
    TestServer.Response status = server.put(PEOPLE + "/upd/status", withStatus);
    assertThat(status.status()).as(status.body()).isEqualTo(200);
    assertThat(status.json().path("status").path("conditions").get(0).path("reason").asText()).isEqualTo("Checked");
    assertThat(status.json().path("status").path("createdBy").asText()).as("server-set, kept").isEqualTo("admin");
    assertThat(status.json().path("spec").path("name").asText()).isEqualTo("Ada Changed");
    assertThat(status.json().path("metadata").path("generation").asLong()).isEqualTo(2);

    String labelOnly = status.json().toString().replace("\"crm.milo.io/source\":\"events\"", "\"crm.milo.io/source\":\"investors\"")
        .replace("\"createdBy\":\"admin\"", "\"createdBy\":\"overwritten\"");
    TestServer.Response labelled = server.put(PEOPLE + "/upd", labelOnly);
    assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
    assertThat(labelled.json().path("metadata").path("generation").asLong()).isEqualTo(2);
    assertThat(labelled.json().path("status").path("createdBy").asText()).isEqualTo("admin");
  }

  @Test
  void patchesByContentTypeWithPreconditionsInTheBody() throws Exception {
    created("pat");
    TestServer.Response merge = server.patch(PEOPLE + "/pat", "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"crm.milo.io/status\":\"lead\"}},\"spec\":{\"jobTitle\":\"CTO\"}}");
    assertThat(merge.status()).as(merge.body()).isEqualTo(200);
    assertThat(merge.json().path("metadata").path("labels").path("crm.milo.io/status").asText()).isEqualTo("lead");
    assertThat(merge.json().path("spec").path("jobTitle").asText()).isEqualTo("CTO");

    TestServer.Response json = server.patch(PEOPLE + "/pat", "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/spec/jobTitle\",\"value\":\"CEO\"},{\"op\":\"remove\",\"path\":\"/metadata/labels/crm.milo.io~1status\"}]");
    assertThat(json.status()).as(json.body()).isEqualTo(200);
    assertThat(json.json().path("spec").path("jobTitle").asText()).isEqualTo("CEO");
    assertThat(json.json().path("metadata").path("labels").has("crm.milo.io/status")).isFalse();

    TestServer.Response smp = server.patch(PEOPLE + "/pat", "application/strategic-merge-patch+json", "{}");
    assertThat(smp.status()).isEqualTo(415);
    assertThat(smp.json().path("reason").asText()).isEqualTo("UnsupportedMediaType");
    assertThat(smp.json().path("message").asText()).contains("application/merge-patch+json");

    TestServer.Response stale = server.patch(PEOPLE + "/pat", "application/merge-patch+json",
        "{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"jobTitle\":\"X\"}}");
    assertThat(stale.status()).isEqualTo(409);
    TestServer.Response wrongUid = server.patch(PEOPLE + "/pat", "application/merge-patch+json",
        "{\"metadata\":{\"uid\":\"00000000-0000-0000-0000-000000000000\"}}");
    assertThat(wrongUid.status()).isEqualTo(409);
    assertThat(wrongUid.json().path("message").asText()).contains("Precondition failed: UID in precondition");

    TestServer.Response failing = server.patch(PEOPLE + "/pat", "application/json-patch+json",
        "[{\"op\":\"test\",\"path\":\"/spec/jobTitle\",\"value\":\"nope\"}]");
    assertThat(failing.status()).isEqualTo(422);

    TestServer.Response onCollection = server.patch(PEOPLE, "application/merge-patch+json", "{}");
    assertThat(onCollection.status()).isEqualTo(400);
    assertThat(onCollection.json().path("message").asText()).isEqualTo("name must be provided");
  }

  @Test
  void deleteWithoutFinalizersAnswersSuccessAndWithFinalizersMarks() throws Exception {
    JsonNode plain = created("del-plain");
    TestServer.Response wrongUid = server.delete(PEOPLE + "/del-plain",
        "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":\"other\"}}");
    assertThat(wrongUid.status()).isEqualTo(409);
    TestServer.Response deleted = server.delete(PEOPLE + "/del-plain", null);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("status").asText()).isEqualTo("Success");
    assertThat(deleted.json().path("details").path("kind").asText()).isEqualTo("people");
    assertThat(deleted.json().path("details").path("uid").asText()).isEqualTo(plain.path("metadata").path("uid").asText());
    assertThat(server.get(PEOPLE + "/del-plain").status()).isEqualTo(404);

    server.post(PEOPLE, person("del-fin", "F").replace("\"labels\"", "\"finalizers\":[\"example.com/hold\"],\"labels\""));
    TestServer.Response marked = server.delete(PEOPLE + "/del-fin", null);
    assertThat(marked.status()).isEqualTo(200);
    assertThat(marked.json().path("metadata").path("deletionTimestamp").isTextual()).isTrue();
    assertThat(marked.json().path("metadata").path("deletionGracePeriodSeconds").asLong()).isZero();

    TestServer.Response addFinalizer = server.patch(PEOPLE + "/del-fin", "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":[\"example.com/hold\",\"example.com/more\"]}}");
    assertThat(addFinalizer.status()).isEqualTo(422);
    assertThat(addFinalizer.json().path("message").asText()).contains("no new finalizers can be added if the object is being deleted");

    TestServer.Response release = server.patch(PEOPLE + "/del-fin", "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":null}}");
    assertThat(release.status()).as(release.body()).isEqualTo(200);
    assertThat(server.get(PEOPLE + "/del-fin").status()).isEqualTo(404);

    TestServer.Response both = server.delete(PEOPLE + "/x",
        "{\"propagationPolicy\":\"Background\",\"orphanDependents\":true}");
    assertThat(both.status()).isEqualTo(422);
    assertThat(both.json().path("details").path("kind").asText()).isEqualTo("DeleteOptions");
  }

  @Test
  void deleteCollectionDeletesWhatTheSelectorMatches() throws Exception {
    for (String name : new String[] {"dc-a", "dc-b", "dc-c"}) {
      String body = person(name, "D").replace("\"crm.milo.io/source\":\"events\"",
          "\"crm.milo.io/segment\":\"" + (name.equals("dc-c") ? "keep" : "drop") + "\"");
      assertThat(server.post(PEOPLE, body).status()).isEqualTo(201);
    }
    TestServer.Response response = server.delete(PEOPLE + "?labelSelector=crm.milo.io/segment%3Ddrop", null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().path("items").findValuesAsText("name")).contains("dc-a", "dc-b").doesNotContain("dc-c");
    assertThat(server.get(PEOPLE + "/dc-a").status()).isEqualTo(404);
    assertThat(server.get(PEOPLE + "/dc-c").status()).isEqualTo(200);
  }

  @Test
  void namespacedKindsTakeTheNamespaceFromThePath() throws Exception {
    String contact = "{\"apiVersion\":\"notification.milo.io/v1alpha1\",\"kind\":\"Contact\",\"metadata\":{\"name\":\"c1\"},"
        + "\"spec\":{\"email\":\"c1@example.com\"}}";
    TestServer.Response created = server.post(CONTACTS, contact);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("metadata").path("namespace").asText()).isEqualTo("team");
    // A new notification object starts Ready=Unknown/CreatePending until the sync reports on it.
    JsonNode ready = created.json().path("status").path("conditions").get(0);
    assertThat(ready.path("type").asText()).isEqualTo("Ready");
    assertThat(ready.path("status").asText()).isEqualTo("Unknown");
    assertThat(ready.path("reason").asText()).isEqualTo("CreatePending");

    TestServer.Response mismatch = server.post(CONTACTS, contact.replace("\"name\":\"c1\"", "\"name\":\"c2\",\"namespace\":\"other\""));
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.json().path("message").asText())
        .isEqualTo("the namespace of the provided object does not match the namespace sent on the request");

    TestServer.Response all = server.get("/apis/notification.milo.io/v1alpha1/contacts");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().path("kind").asText()).isEqualTo("ContactList");
    assertThat(all.json().path("items").findValuesAsText("name")).contains("c1");
    assertThat(server.get("/apis/notification.milo.io/v1alpha1/contacts/c1").status()).isEqualTo(404);
    assertThat(server.get("/apis/crm.milo.io/v1alpha1/namespaces/team/people").status()).isEqualTo(404);
  }

  @Test
  void listsAreSortedPagedAndValidated() throws Exception {
    for (String name : new String[] {"list-c", "list-a", "list-b"}) {
      created(name);
    }
    TestServer.Response first = server.get(PEOPLE + "?limit=2&labelSelector=crm.milo.io/source%3Devents");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("kind").asText()).isEqualTo("PersonList");
    assertThat(first.json().path("items").size()).isEqualTo(2);
    String token = first.json().path("metadata").path("continue").asText();
    assertThat(token).isNotEmpty();
    assertThat(first.json().path("metadata").path("resourceVersion").asText()).matches("[1-9][0-9]*");

    TestServer.Response bad = server.get(PEOPLE + "?resourceVersionMatch=Exact");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("message").asText()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
        + "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");

    TestServer.Response field = server.get(PEOPLE + "?fieldSelector=spec.jobTitle%3Dx");
    assertThat(field.status()).isEqualTo(400);
    assertThat(field.json().path("message").asText()).isEqualTo("field label not supported: spec.jobTitle");

    TestServer.Response label = server.get(PEOPLE + "?labelSelector=a%20in%20(b");
    assertThat(label.status()).isEqualTo(400);

    TestServer.Response token400 = server.get(PEOPLE + "?limit=1&continue=garbage");
    assertThat(token400.status()).isEqualTo(400);
  }

  @Test
  void tablesAndMetadataAreNegotiated() throws Exception {
    created("tab");
    String tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    TestServer.Response table = server.get(PEOPLE + "?labelSelector=crm.milo.io/source%3Devents", tableAccept);
    assertThat(table.status()).as(table.body()).isEqualTo(200);
    assertThat(table.json().path("kind").asText()).isEqualTo("Table");
    assertThat(table.json().path("columnDefinitions").get(0).path("name").asText()).isEqualTo("Name");
    assertThat(table.json().path("columnDefinitions").findValuesAsText("name")).contains("Full Name", "Source", "Age");
    JsonNode row = table.json().path("rows").get(0);
    assertThat(row.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(table.json().path("metadata").path("resourceVersion").asText()).matches("[1-9][0-9]*");

    TestServer.Response whole = server.get(PEOPLE + "/tab?includeObject=Object", tableAccept);
    assertThat(whole.json().path("rows").get(0).path("object").path("spec").path("name").asText()).isEqualTo("Ada tab");
    TestServer.Response wrong = server.get(PEOPLE + "/tab?includeObject=Everything", tableAccept);
    assertThat(wrong.status()).isEqualTo(400);

    TestServer.Response metadata = server.get(PEOPLE, "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json");
    assertThat(metadata.json().path("kind").asText()).isEqualTo("PartialObjectMetadataList");
    assertThat(metadata.json().path("items").get(0).has("spec")).isFalse();
    TestServer.Response singleOnList = server.get(PEOPLE, "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");
    assertThat(singleOnList.status()).isEqualTo(406);

    TestServer.Response yaml = server.get(PEOPLE + "/tab", "application/yaml");
    assertThat(yaml.header("Content-Type")).isEqualTo("application/yaml");
    assertThat(yaml.body()).contains("kind: Person").contains("name: Ada tab");
  }

  @Test
  void yamlBodiesAndDryRun() throws Exception {
    String yaml = "apiVersion: crm.milo.io/v1alpha1\nkind: Person\nmetadata:\n  name: from-yaml\nspec:\n  name: Yaml Person\n";
    TestServer.Response dry = server.request(HttpMethod.POST, PEOPLE + "?dryRun=All", Map.of("Content-Type", "application/yaml"), yaml);
    assertThat(dry.status()).as(dry.body()).isEqualTo(201);
    assertThat(server.get(PEOPLE + "/from-yaml").status()).isEqualTo(404);
    TestServer.Response badDry = server.request(HttpMethod.POST, PEOPLE + "?dryRun=Yes", Map.of("Content-Type", "application/yaml"), yaml);
    assertThat(badDry.status()).isEqualTo(422);
    TestServer.Response real = server.request(HttpMethod.POST, PEOPLE, Map.of("Content-Type", "application/yaml"), yaml);
    assertThat(real.status()).isEqualTo(201);
    assertThat(server.get(PEOPLE + "/from-yaml").json().path("spec").path("name").asText()).isEqualTo("Yaml Person");
    TestServer.Response text = server.request(HttpMethod.POST, PEOPLE, Map.of("Content-Type", "text/plain"), yaml);
    assertThat(text.status()).isEqualTo(415);
  }

  @Test
  void methodAndPathCornerCases() throws Exception {
    created("corner");
    assertThat(server.request(HttpMethod.DELETE, PEOPLE + "/corner/status", Map.of(), null).status()).isEqualTo(405);
    assertThat(server.request(HttpMethod.POST, PEOPLE + "/corner/status", Map.of("Content-Type", "application/json"), "{}")
        .status()).isEqualTo(405);
    assertThat(server.get(PEOPLE + "/corner/scale").status()).isEqualTo(404);
    assertThat(server.get("/apis/crm.milo.io/v1/people").status()).isEqualTo(404);
    TestServer.Response big = server.post(PEOPLE, person("big", "x".repeat(3 * 1024 * 1024)));
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.json().path("reason").asText()).isEqualTo("RequestEntityTooLarge");
  }

  @Test
  void reviewFindings() throws Exception {
    // A namespaced kind's collection without a namespace serves only list and watch.
    String contact = "{\"apiVersion\":\"notification.milo.io/v1alpha1\",\"kind\":\"Contact\",\"metadata\":{\"name\":\"keep\"},"
        + "\"spec\":{\"email\":\"keep@example.com\"}}";
    assertThat(server.post(CONTACTS, contact).status()).isEqualTo(201);
    assertThat(server.delete("/apis/notification.milo.io/v1alpha1/contacts", null).status()).isEqualTo(404);
    assertThat(server.get(CONTACTS + "/keep").status()).isEqualTo(200);

    // Marking for deletion moves generation; the delete's preconditions use rest.BeforeDelete's words.
    server.post(PEOPLE, person("gen", "G").replace("\"labels\"", "\"finalizers\":[\"example.com/hold\"],\"labels\""));
    TestServer.Response wrongRv = server.delete(PEOPLE + "/gen", "{\"preconditions\":{\"resourceVersion\":\"1\"}}");
    assertThat(wrongRv.status()).isEqualTo(409);
    assertThat(wrongRv.json().path("message").asText()).contains("the ResourceVersion in the precondition (1) does not match");
    TestServer.Response marked = server.delete(PEOPLE + "/gen", null);
    assertThat(marked.json().path("metadata").path("generation").asLong()).isEqualTo(2);
    // Background propagation drops the GC's orphan finalizer it does not ask for; a foreground delete adds its own.
    TestServer.Response foreground = server.delete(PEOPLE + "/gen", "{\"propagationPolicy\":\"Foreground\"}");
    assertThat(foreground.json().path("metadata").path("finalizers").toString()).contains("foregroundDeletion");
    TestServer.Response released = server.patch(PEOPLE + "/gen", "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":[\"foregroundDeletion\"]}}");
    assertThat(released.status()).isEqualTo(200);
    TestServer.Response background = server.delete(PEOPLE + "/gen", "{\"propagationPolicy\":\"Background\"}");
    assertThat(background.status()).isEqualTo(200);
    assertThat(server.get(PEOPLE + "/gen").status()).isEqualTo(404);

    // An unknown field whose name holds a control character is dropped; the warning is not sent and the request answers.
    String odd = "{\"apiVersion\":\"crm.milo.io/v1alpha1\",\"kind\":\"Person\",\"metadata\":{\"name\":\"odd\"},"
        + "\"spec\":{\"name\":\"O\",\"a\\r\\nb\":1}}";
    TestServer.Response oddResponse = server.post(PEOPLE, odd);
    assertThat(oddResponse.status()).isEqualTo(201);
    assertThat(oddResponse.json().path("spec").has("a\r\nb")).isFalse();

    // PUT of a missing object is 404 even without a resourceVersion.
    assertThat(server.put(PEOPLE + "/ghost", person("ghost", "G")).status()).isEqualTo(404);
  }
}
