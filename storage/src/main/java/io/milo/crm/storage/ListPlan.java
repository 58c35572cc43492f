package io.milo.crm.storage;

import io.milo.crm.storage.ListOptions.ResourceVersionMatch;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * ListPlan turns a list request's resourceVersion, resourceVersionMatch and continue token into
 * one page read, as the kube-apiserver's etcd3 store does:
 * <ul>
 *   <li>continue token: the snapshot at the token's resourceVersion, from its key (410 with an
 *       inconsistent continuation when compacted meanwhile);
 *   <li>no resourceVersion, or "0": the latest state, consistent;
 *   <li>N with NotOlderThan (or without match and limit): the latest state once this process has
 *       seen N (waiting briefly, then 504 too large);
 *   <li>N with Exact (or N with a limit, the legacy form): the snapshot at exactly N (410 when
 *       compacted).
 * </ul>
 */
final class ListPlan {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ListPlan.class);
  static final String TOO_OLD_LIST = "The resourceVersion for the provided list is too old.";
  static final String INCONSISTENT_CONTINUE = "The provided continue parameter is too old to display a consistent "
      + "list result. You can start a new list without the continue parameter, or use the continue token in this "
      + "response to retrieve the remainder of the results. Continuing with the provided token results in an "
      + "inconsistent list - objects that were created, modified, or deleted between the time the first chunk was "
      + "returned and now may show up in the list.";

  private final ResourceType type;
  private final ListOptions options;
  private final Pool pool;
  private final WatchHub hub;

  ListPlan(ResourceType type, ListOptions options, Pool pool, WatchHub hub) {
    this.type = type;
    this.options = options;
    this.pool = pool;
    this.hub = hub;
  }

  Future<ListResult> run() {
    if (options.continueToken() != null && !options.continueToken().isEmpty()) {
      return continued();
    }
    long rv = ResourceVersions.parse(options.resourceVersion());
    ResourceVersionMatch match = options.match();
    if (match == ResourceVersionMatch.EXACT || (match == ResourceVersionMatch.UNSET && rv > 0 && options.limit() > 0)) {
      if (rv == 0) {
        throw new StorageException.BadRequest("an exact list needs a resourceVersion other than 0");
      }
      return hub.awaitCursor(rv).compose(v -> exactly(rv, null));
    }
    Future<Void> fresh = rv > 0 ? hub.awaitCursor(rv) : Future.succeededFuture();
    return fresh.compose(v -> latest(null));
  }

  private Future<ListResult> continued() {
    String rvParam = options.resourceVersion();
    if (rvParam != null && !rvParam.isEmpty() && !rvParam.equals("0")) {
      throw new StorageException.BadRequest("specifying resource version is not allowed when using continue");
    }
    ContinueToken token = ContinueToken.decode(options.continueToken(), type.namespaced());
    if (token.resourceVersion() == ContinueToken.LATEST) {
      return latest(token.after());
    }
    return ListQueries.at(pool, type, options, token.resourceVersion(), token.after(), options.limit()).map(page -> {
      if (page.floor() > token.resourceVersion()) {
        throw new StorageException.Expired(INCONSISTENT_CONTINUE,
            new ContinueToken(ContinueToken.LATEST, token.after()).encode(type.namespaced()));
      }
      if (page.items().isEmpty()) {
        // The token was only issued because the query that made the previous page saw a row after
        // its last key at this resourceVersion; the snapshot at it never changes, so an empty page
        // means that row was lost to this read. Answering 200 without items and without continue
        // would end the client's list silently short; refuse the continuation instead, as for a
        // compacted one, so the client relists or continues inconsistently.
        LOG.warn("continued list of {} at resourceVersion {} after {} found nothing, though the previous page saw "
            + "more (head {}, floor {}); answering 410", type.qualifiedName(), token.resourceVersion(), token.after(),
            page.head(), page.floor());
        throw new StorageException.Expired(INCONSISTENT_CONTINUE,
            new ContinueToken(ContinueToken.LATEST, token.after()).encode(type.namespaced()));
      }
      return result(page, token.resourceVersion());
    });
  }

  private Future<ListResult> latest(ObjectKey after) {
    return ListQueries.latest(pool, type, options, after, options.limit()).map(page -> result(page, page.head()));
  }

  private Future<ListResult> exactly(long rv, ObjectKey after) {
    return ListQueries.at(pool, type, options, rv, after, options.limit()).map(page -> {
      if (page.floor() > rv) {
        throw new StorageException.Expired(TOO_OLD_LIST, null);
      }
      return result(page, rv);
    });
  }

  private ListResult result(ListQueries.Page page, long rv) {
    String next = null;
    if (page.more()) {
      ObjectKey last = page.items().get(page.items().size() - 1).key();
      next = new ContinueToken(rv, last).encode(type.namespaced());
    }
    return new ListResult(page.items(), rv, next);
  }
}
