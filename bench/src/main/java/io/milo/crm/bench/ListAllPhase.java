package io.milo.crm.bench;

/** ListAllPhase times lists of every Person paged by 500, as an informer's initial list does. */
final class ListAllPhase {
  private ListAllPhase() {}

  static void run(Run run) {
    Outcome pages = new Outcome();
    Outcome lists = new Outcome();
    long items = -1;
    long start = System.nanoTime();
    for (int r = 0; r < run.options().listAllRuns(); r++) {
      PagedList.Listed listed = PagedList.list(run.client(), Dataset.PEOPLE, "", 500, pages);
      if (listed.failure() == null) {
        lists.success(listed.nanos());
        items = listed.items();
      } else {
        lists.failure(listed.nanos(), listed.failure());
      }
    }
    pages.elapsedNanos = System.nanoTime() - start;
    lists.elapsedNanos = pages.elapsedNanos;
    run.report().add(Row.of("list-all", "all people, limit=500, per request", pages));
    Row row = Row.of("list-all", "all people, limit=500, whole list", lists).detail(items + " items");
    String target = "<= 3 s at N=100k";
    boolean met = lists.latencies.percentileMillis(50) <= 3_000 && lists.errors.get() == 0;
    run.report().add(run.dataset().people() == 100_000 ? row.judged(target + " (median)", met) : row.indicative(target, met));
    run.recordRss("list-all", "after list-all");
  }
}
