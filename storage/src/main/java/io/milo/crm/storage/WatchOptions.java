package io.milo.crm.storage;

import io.milo.crm.storage.selector.FieldSelector;
import io.milo.crm.storage.selector.LabelSelector;

/**
 * WatchOptions select what a watch delivers, as {@code metav1.ListOptions} with watch=true does.
 *
 * @param namespace only this namespace, or null for all
 * @param labels label selector (never null)
 * @param fields field selector (never null)
 * @param resourceVersion null, "" or "0": start with the current state; a number N: changes after N
 * @param sendInitialEvents null for the legacy behaviour; true: the state (at least as new as
 *     resourceVersion) as ADDED events, then a BOOKMARK marked as the end of initial events
 */
public record WatchOptions(
    String namespace,
    LabelSelector labels,
    FieldSelector fields,
    String resourceVersion,
    Boolean sendInitialEvents) {

  public WatchOptions {
    labels = labels == null ? LabelSelector.everything() : labels;
    fields = fields == null ? FieldSelector.everything() : fields;
  }

  /** Changes after resourceVersion rv, everything in the namespace (null: all). */
  public static WatchOptions from(String namespace, long rv) {
    return new WatchOptions(namespace, null, null, Long.toString(rv), null);
  }

  public WatchOptions withSelectors(LabelSelector newLabels, FieldSelector newFields) {
    return new WatchOptions(namespace, newLabels, newFields, resourceVersion, sendInitialEvents);
  }

  boolean startsWithState() {
    if (sendInitialEvents != null) {
      return sendInitialEvents;
    }
    return resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0");
  }
}
