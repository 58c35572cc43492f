package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Watch over HTTP as client-go reads it: one JSON event per line, in order; 200 then an ERROR event
 * with a 410 Status for a compacted resourceVersion; WatchList's initial events and their end
 * bookmark; selector transitions; Table and PartialObjectMetadata watches; timeoutSeconds.
 */
class WatchHttpIT {
  private static final String PEOPLE = "/apis/crm.milo.io/v1alpha1/people";
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String create(String name, String source) throws Exception {
    TestServer.Response response = server.post(PEOPLE, ResourceVerbsIT.person(name, "W " + name)
        .replace("\"events\"", "\"" + source + "\""));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("metadata").path("resourceVersion").asText();
  }

  @Test
  void eventsFollowInOrderFromAResourceVersion() throws Exception {
    String rv = create("w-first", "events");
    try (WatchStream watch = WatchStream.open(server, PEOPLE + "?watch=1&resourceVersion=" + rv, Map.of())) {
      assertThat(watch.response.statusCode()).isEqualTo(200);
      assertThat(watch.response.getHeader("Content-Type")).isEqualTo("application/json");
      assertThat(watch.response.getHeader("Content-Length")).isNull();
      create("w-second", "events");
      server.patch(PEOPLE + "/w-second", "application/merge-patch+json", "{\"spec\":{\"jobTitle\":\"t\"}}");
      server.delete(PEOPLE + "/w-second", null);
      JsonNode added = watch.next(10);
      JsonNode modified = watch.next(10);
      JsonNode deleted = watch.next(10);
      assertThat(added.path("type").asText()).isEqualTo("ADDED");
      assertThat(added.path("object").path("metadata").path("name").asText()).isEqualTo("w-second");
      assertThat(modified.path("type").asText()).isEqualTo("MODIFIED");
      assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
      long a = added.path("object").path("metadata").path("resourceVersion").asLong();
      long m = modified.path("object").path("metadata").path("resourceVersion").asLong();
      long d = deleted.path("object").path("metadata").path("resourceVersion").asLong();
      assertThat(a).isLessThan(m);
      assertThat(m).isLessThan(d);
    }
  }

  @Test
  void aCompactedResourceVersionIs200ThenAnExpiredErrorEvent() throws Exception {
    create("w-old", "events");
    long head = TestServer.await(server.store.currentResourceVersion());
    TestServer.await(server.store.compactUpTo(head));
    try (WatchStream watch = WatchStream.open(server, PEOPLE + "?watch=1&resourceVersion=1", Map.of())) {
      assertThat(watch.response.statusCode()).isEqualTo(200);
      JsonNode error = watch.next(10);
      assertThat(error.path("type").asText()).isEqualTo("ERROR");
      assertThat(error.path("object").path("kind").asText()).isEqualTo("Status");
      assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
      assertThat(error.path("object").path("reason").asText()).isEqualTo("Expired");
      assertThat(error.path("object").path("message").asText()).startsWith("too old resource version: 1 (");
    }
  }

  @Test
  void sendInitialEventsEndsWithTheAnnotatedBookmark() throws Exception {
    create("w-init", "investors");
    String path = PEOPLE + "?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=&allowWatchBookmarks=true"
        + "&labelSelector=crm.milo.io/source%3Dinvestors";
    try (WatchStream watch = WatchStream.open(server, path, Map.of())) {
      JsonNode event = watch.next(10);
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      JsonNode bookmark = watch.next(10);
      while (bookmark.path("type").asText().equals("ADDED")) {
        bookmark = watch.next(10);
      }
      assertThat(bookmark.path("type").asText()).isEqualTo("BOOKMARK");
      assertThat(bookmark.path("object").path("kind").asText()).isEqualTo("Person");
      assertThat(bookmark.path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end").asText())
          .isEqualTo("true");
      assertThat(bookmark.path("object").has("spec")).isFalse();
    }
    TestServer.Response invalid = server.get(PEOPLE + "?watch=1&sendInitialEvents=true");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().path("details").path("kind").asText()).isEqualTo("ListOptions");
  }

  @Test
  void selectorTransitionsAreAddedAndDeleted() throws Exception {
    String rv = create("w-move", "events");
    try (WatchStream watch = WatchStream.open(server, PEOPLE + "?watch=1&resourceVersion=" + rv
        + "&labelSelector=crm.milo.io/source%3Dreferral", Map.of())) {
      server.patch(PEOPLE + "/w-move", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"crm.milo.io/source\":\"referral\"}}}");
      server.patch(PEOPLE + "/w-move", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"crm.milo.io/source\":\"events\"}}}");
      assertThat(watch.next(10).path("type").asText()).isEqualTo("ADDED");
      JsonNode gone = watch.next(10);
      assertThat(gone.path("type").asText()).isEqualTo("DELETED");
    }
  }

  @Test
  void tableAndMetadataWatchesAndTimeout() throws Exception {
    String rv = create("w-table", "events");
    String tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    try (WatchStream watch = WatchStream.open(server, PEOPLE + "?watch=1&resourceVersion=" + rv, Map.of("Accept", tableAccept))) {
      create("w-table-2", "events");
      server.patch(PEOPLE + "/w-table-2", "application/merge-patch+json", "{\"spec\":{\"jobTitle\":\"t\"}}");
      JsonNode first = watch.next(10);
      assertThat(first.path("object").path("kind").asText()).isEqualTo("Table");
      assertThat(first.path("object").path("columnDefinitions").size()).isGreaterThan(1);
      assertThat(first.path("object").path("rows").size()).isEqualTo(1);
      JsonNode second = watch.next(10);
      assertThat(second.path("object").path("columnDefinitions").isMissingNode()
          || second.path("object").path("columnDefinitions").isEmpty()).isTrue();
    }
    String metadataAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    try (WatchStream watch = WatchStream.open(server, PEOPLE + "?watch=1&timeoutSeconds=2&resourceVersion=" + rv,
        Map.of("Accept", metadataAccept))) {
      assertThat(watch.response.statusCode()).isEqualTo(200);
      JsonNode event = watch.next(10);
      assertThat(event.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
      assertThat(event.path("object").has("spec")).isFalse();
      long deadline = System.currentTimeMillis() + 10_000;
      while (!watch.ended() && System.currentTimeMillis() < deadline) {
        watch.poll(200);
      }
      assertThat(watch.ended()).as("the watch ends at timeoutSeconds").isTrue();
    }
  }

  @Test
  void aBookmarkComesShortlyBeforeTheTimeoutWhenAskedFor() throws Exception {
    String rv = create("w-bookmark", "events");
    try (WatchStream watch = WatchStream.open(server, PEOPLE + "?watch=1&allowWatchBookmarks=true&timeoutSeconds=4&resourceVersion="
        + rv, Map.of())) {
      JsonNode bookmark = watch.next(10);
      assertThat(bookmark.path("type").asText()).isEqualTo("BOOKMARK");
      assertThat(bookmark.path("object").path("kind").asText()).isEqualTo("Person");
      assertThat(bookmark.path("object").path("apiVersion").asText()).isEqualTo("crm.milo.io/v1alpha1");
      assertThat(bookmark.path("object").path("metadata").path("resourceVersion").asLong()).isGreaterThanOrEqualTo(Long.parseLong(rv));
      assertThat(bookmark.path("object").has("spec")).isFalse();
    }
    try (WatchStream watch = WatchStream.open(server, PEOPLE + "?watch=1&timeoutSeconds=4&resourceVersion=" + rv, Map.of())) {
      assertThat(watch.poll(5_000)).as("no bookmark unless asked for").isNull();
    }
  }
}
