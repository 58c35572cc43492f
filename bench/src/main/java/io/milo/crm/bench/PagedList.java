package io.milo.crm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.StringJoiner;

/**
 * PagedList lists a collection as an informer or kubectl does: GET with the query, then again with
 * each page's metadata.continue until there is none. It records every page's latency and the
 * whole list's, and counts the items. Blocking: runs on the benchmark's main thread.
 */
final class PagedList {
  /** What one complete list returned: items, pages and the time for all of them. */
  record Listed(long items, int pages, long nanos, int failedStatus, String failure) {}

  private PagedList() {}

  static Listed list(ApiClient client, String path, String query, Integer limit, Outcome pages) {
    long start = System.nanoTime();
    long items = 0;
    int count = 0;
    String next = null;
    do {
      StringJoiner parameters = new StringJoiner("&", path + "?", "").setEmptyValue(path);
      if (!query.isEmpty()) {
        parameters.add(query);
      }
      if (limit != null) {
        parameters.add("limit=" + limit);
      }
      if (next != null) {
        parameters.add(Dataset.query("continue", next));
      }
      ApiClient.Response response = client.get(parameters.toString()).toCompletionStage().toCompletableFuture().join();
      count++;
      if (!response.ok()) {
        String failure = response.status() + " " + ClosedLoop.abbreviate(response.body().toString());
        if (pages != null) {
          pages.failure(response.nanos(), failure);
        }
        return new Listed(items, count, System.nanoTime() - start, response.status(), failure);
      }
      JsonNode list;
      try {
        list = Dataset.MAPPER.readTree(response.body().getBytes());
      } catch (IOException e) {
        list = null;
      }
      if (list == null || !list.path("kind").asText().endsWith("List") || !list.path("items").isArray()) {
        // A 2xx whose body is not a whole list: count it, never read it as a short last page.
        String failure = response.status() + " with a body that is not a list: "
            + ClosedLoop.abbreviate(response.body().toString());
        if (pages != null) {
          pages.failure(response.nanos(), failure);
        }
        return new Listed(items, count, System.nanoTime() - start, response.status(), failure);
      }
      if (pages != null) {
        pages.success(response.nanos());
      }
      items += list.path("items").size();
      next = list.path("metadata").path("continue").asText("");
      if (next.isEmpty()) {
        next = null;
      }
    } while (next != null);
    return new Listed(items, count, System.nanoTime() - start, 200, null);
  }
}
