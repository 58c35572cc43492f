package io.milo.crm.storage;

import java.util.List;

/**
 * ListResult is one page of a list.
 *
 * @param items the objects, sorted by namespace then name
 * @param resourceVersion the store's resourceVersion the page is a snapshot at (never an item's)
 * @param continueToken the token for the next page, or null when this is the last
 */
public record ListResult(List<StoredObject> items, long resourceVersion, String continueToken) {
  public ListResult {
    items = List.copyOf(items);
  }
}
