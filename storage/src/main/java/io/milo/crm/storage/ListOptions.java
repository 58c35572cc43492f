package io.milo.crm.storage;

import io.milo.crm.storage.selector.FieldSelector;
import io.milo.crm.storage.selector.LabelSelector;

/**
 * ListOptions select what a list returns, as {@code metav1.ListOptions} does.
 *
 * @param namespace only this namespace, or null for all
 * @param labels label selector (never null; {@link LabelSelector#everything()} for none)
 * @param fields field selector (never null)
 * @param limit at most this many items per page, 0 for all
 * @param continueToken the token of the previous page, or null
 * @param resourceVersion as given by the client: null or "" (latest, consistent), "0" (any), or a number
 * @param match how resourceVersion is interpreted
 */
public record ListOptions(
    String namespace,
    LabelSelector labels,
    FieldSelector fields,
    int limit,
    String continueToken,
    String resourceVersion,
    ResourceVersionMatch match) {

  public ListOptions {
    labels = labels == null ? LabelSelector.everything() : labels;
    fields = fields == null ? FieldSelector.everything() : fields;
    match = match == null ? ResourceVersionMatch.UNSET : match;
    if (limit < 0) {
      throw new StorageException.BadRequest("limit must not be negative");
    }
  }

  /** Everything in the namespace (null: all namespaces), latest state, one page. */
  public static ListOptions all(String namespace) {
    return new ListOptions(namespace, null, null, 0, null, null, null);
  }

  public ListOptions withLimit(int newLimit) {
    return new ListOptions(namespace, labels, fields, newLimit, continueToken, resourceVersion, match);
  }

  public ListOptions withContinue(String token) {
    return new ListOptions(namespace, labels, fields, limit, token, resourceVersion, match);
  }

  public ListOptions withResourceVersion(String rv, ResourceVersionMatch newMatch) {
    return new ListOptions(namespace, labels, fields, limit, continueToken, rv, newMatch);
  }

  public ListOptions withSelectors(LabelSelector newLabels, FieldSelector newFields) {
    return new ListOptions(namespace, newLabels, newFields, limit, continueToken, resourceVersion, match);
  }

  /** How a list's resourceVersion parameter is read (metav1.ResourceVersionMatch). */
  public enum ResourceVersionMatch { UNSET, NOT_OLDER_THAN, EXACT }
}
