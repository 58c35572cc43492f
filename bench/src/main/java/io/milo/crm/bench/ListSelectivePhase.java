package io.milo.crm.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * ListSelectivePhase measures selective lists by one client: the rare source label (1% of N) and
 * one company's people (a field selector, 20 people), each paged by 500 and unpaged. Each is
 * repeated for --list-seconds; it reports every request (page) and every complete list.
 */
final class ListSelectivePhase {
  /** kube-apiserver + CRDs, `-l source=investors` with limit=500 as kubectl sends it, p50 per list (performance.md). */
  private static final double KUBE_10K_MS = 2_900;
  private static final double KUBE_100K_MS = 32_000;

  private ListSelectivePhase() {}

  static void run(Run run) {
    Dataset data = run.dataset();
    String label = Dataset.query("labelSelector", Dataset.SOURCE_LABEL + "=" + Dataset.RARE_SOURCE);
    measure(run, "labelSelector source=" + Dataset.RARE_SOURCE, () -> label, 500, true);
    measure(run, "labelSelector source=" + Dataset.RARE_SOURCE, () -> label, null, false);
    Supplier<String> field = () -> Dataset.query("fieldSelector",
        "spec.companyRef.name=" + Dataset.companyName(ThreadLocalRandom.current().nextInt(data.companies())));
    measure(run, "fieldSelector spec.companyRef.name", field, 500, false);
    measure(run, "fieldSelector spec.companyRef.name", field, null, false);
  }

  private static void measure(Run run, String what, Supplier<String> query, Integer limit, boolean judged) {
    Outcome pages = new Outcome();
    Outcome lists = new Outcome();
    long deadline = System.nanoTime() + (long) (run.options().listSeconds() * 1e9);
    long items = -1;
    long start = System.nanoTime();
    // One warm-up list, not recorded.
    PagedList.list(run.client(), Dataset.PEOPLE, query.get(), limit, null);
    do {
      PagedList.Listed listed = PagedList.list(run.client(), Dataset.PEOPLE, query.get(), limit, pages);
      if (listed.failure() == null) {
        lists.success(listed.nanos());
        items = listed.items();
      } else {
        lists.failure(listed.nanos(), listed.failure());
      }
    } while (System.nanoTime() < deadline || lists.latencies.count() < 5);
    pages.elapsedNanos = System.nanoTime() - start;
    lists.elapsedNanos = pages.elapsedNanos;
    String paging = limit == null ? "unpaged" : "limit=" + limit;
    Row perRequest = Row.of("list-selective", what + ", " + paging + ", per request", pages)
        .detail(items + " items per list");
    int n = run.dataset().people();
    if (judged) {
      String target = "p99 <= 50 ms per request at N=1M";
      boolean met = pages.latencies.percentileMillis(99) <= 50 && pages.errors.get() == 0;
      perRequest = n == 1_000_000 ? perRequest.judged(target, met) : perRequest.indicative(target, met);
    }
    run.report().add(perRequest);
    Row perList = Row.of("list-selective", what + ", " + paging + ", whole list", lists);
    if (judged && (n == 10_000 || n == 100_000)) {
      double kube = n == 10_000 ? KUBE_10K_MS : KUBE_100K_MS;
      double p50 = lists.latencies.percentileMillis(50);
      perList = perList.detail(String.format("%.0fx faster than kube-apiserver+CRDs' p50 %.1f s", kube / p50, kube / 1000));
      if (n == 10_000) {
        perList = perList.judged(">= 50x kube-apiserver+CRDs at 10k", kube / p50 >= 50);
      }
    }
    run.report().add(perList);
  }
}
