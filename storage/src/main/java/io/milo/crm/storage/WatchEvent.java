package io.milo.crm.storage;

/**
 * WatchEvent is one event of a watch, in the shape of Kubernetes' watch.Event.
 *
 * @param type what happened
 * @param object the object (for DELETED its last state with the deletion's resourceVersion);
 *     null for a BOOKMARK
 * @param resourceVersion the event's resourceVersion
 * @param initialEventsEnd for a BOOKMARK: it marks the end of the initial events (WatchList)
 */
public record WatchEvent(Type type, StoredObject object, long resourceVersion, boolean initialEventsEnd) {
  public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK }

  static WatchEvent bookmark(long rv, boolean initialEventsEnd) {
    return new WatchEvent(Type.BOOKMARK, null, rv, initialEventsEnd);
  }
}
