package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Api.assertImmutable;
import static io.milo.crm.apiserver.admission.Api.assertInvalid;
import static io.milo.crm.apiserver.admission.Api.assertInvalidAt;
import static io.milo.crm.apiserver.admission.Objects.group;
import static io.milo.crm.apiserver.admission.Objects.groups;
import static io.milo.crm.apiserver.admission.Objects.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ContactGroup rules of resources.md over HTTP: visibility never changes, providers may be
 * added but never removed or re-pointed, and (displayName, visibility) is unique in a namespace.
 */
class GroupRulesIT {
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

  @Test
  void visibilityIsImmutable() throws Exception {
    JsonNode created = api.create(groups("vis"), group("ops", "Operations", "private"));
    assertImmutable(api.mergePatch(groups("vis") + "/ops", "{\"spec\":{\"visibility\":\"public\"}}"), "spec.visibility");
    ObjectNode replaced = created.deepCopy();
    spec(replaced).put("visibility", "public");
    assertImmutable(api.put(groups("vis"), replaced), "spec.visibility");
    assertThat(api.read(groups("vis") + "/ops").path("spec").path("visibility").asText()).isEqualTo("private");

    TestServer.Response description = api.mergePatch(groups("vis") + "/ops", "{\"spec\":{\"description\":\"on call\"}}");
    assertThat(description.status()).as(description.body()).isEqualTo(200);
  }

  @Test
  void providersMayBeAddedButNeverRemovedOrRepointed() throws Exception {
    api.create(groups("prov"), group("news", "News", "public"));
    TestServer.Response added = api.mergePatch(groups("prov") + "/news",
        "{\"spec\":{\"providers\":[{\"name\":\"Loops\",\"id\":\"list-1\"}]}}");
    assertThat(added.status()).as(added.body()).isEqualTo(200);
    assertThat(added.json().path("spec").path("providers").get(0).path("id").asText()).isEqualTo("list-1");

    TestServer.Response repointed = api.mergePatch(groups("prov") + "/news",
        "{\"spec\":{\"providers\":[{\"name\":\"Loops\",\"id\":\"list-2\"}]}}");
    assertInvalidAt(repointed, "spec.providers");
    assertThat(repointed.json().path("message").asText()).contains("immutable");

    TestServer.Response removed = api.mergePatch(groups("prov") + "/news", "{\"spec\":{\"providers\":null}}");
    assertInvalidAt(removed, "spec.providers");
    TestServer.Response emptied = api.mergePatch(groups("prov") + "/news", "{\"spec\":{\"providers\":[]}}");
    assertInvalidAt(emptied, "spec.providers");

    JsonNode stored = api.read(groups("prov") + "/news");
    assertThat(stored.path("spec").path("providers").size()).isEqualTo(1);
    assertThat(stored.path("spec").path("providers").get(0).path("id").asText()).isEqualTo("list-1");

    // Created with a provider, the same holds.
    ObjectNode withProvider = group("events", "Events", "public");
    spec(withProvider).putArray("providers").addObject().put("name", "Loops").put("id", "list-9");
    JsonNode created = api.create(groups("prov"), withProvider);
    ObjectNode dropped = created.deepCopy();
    spec(dropped).remove("providers");
    assertInvalidAt(api.put(groups("prov"), dropped), "spec.providers");
  }

  @Test
  void displayNameAndVisibilityAreUniqueWithinANamespace() throws Exception {
    api.create(groups("uniq"), group("weekly", "Weekly Digest", "public"));
    TestServer.Response duplicate = api.post(groups("uniq"), group("weekly-2", "Weekly Digest", "public"));
    JsonNode cause = assertInvalid(duplicate, "FieldValueDuplicate", "spec.displayName");
    assertThat(cause.path("field").asText()).isEqualTo("spec.displayName");
    assertThat(duplicate.json().path("message").asText()).contains("weekly");
    assertThat(api.status(groups("uniq") + "/weekly-2")).isEqualTo(404);

    // Another visibility, or another namespace, is another group.
    api.create(groups("uniq"), group("weekly-private", "Weekly Digest", "private"));
    api.create(groups("uniq-other"), group("weekly", "Weekly Digest", "public"));

    // Renaming into a taken (displayName, visibility) is refused.
    api.create(groups("uniq"), group("monthly", "Monthly Digest", "public"));
    TestServer.Response renamed = api.mergePatch(groups("uniq") + "/monthly", "{\"spec\":{\"displayName\":\"Weekly Digest\"}}");
    assertInvalid(renamed, "FieldValueDuplicate", "spec.displayName");
    assertThat(renamed.json().path("message").asText()).contains("weekly");
    assertThat(api.read(groups("uniq") + "/monthly").path("spec").path("displayName").asText()).isEqualTo("Monthly Digest");
  }
}
