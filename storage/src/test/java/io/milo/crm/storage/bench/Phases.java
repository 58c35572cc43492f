package io.milo.crm.storage.bench;

import io.milo.crm.storage.ListOptions;
import io.milo.crm.storage.Store;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Phases are the benchmark's operations on one store and its {@link People}: creating them,
 * random gets, and lists that follow continue tokens to the end. Each phase runs as a {@link Load}
 * on one Vert.x context, which is also the only thread that draws from the random generator.
 */
final class Phases {
  /**
   * What one list returned.
   *
   * @param items the items of all its pages
   * @param pages how many pages it took
   * @param seconds how long it took
   * @param complete whether it reached the last page (false: it was cut off at the time limit)
   */
  record Listing(int items, int pages, double seconds, boolean complete) {}

  /**
   * A run of lists.
   *
   * @param outcome the run: every list, complete or not, and the failures
   * @param complete the latency of each complete list
   * @param lastComplete the last complete list, or null
   * @param cutOff the list the time limit cut off, or null
   */
  record ListRun(Load.Outcome outcome, Latencies complete, Listing lastComplete, Listing cutOff) {}

  private final Store store;
  private final Context context;
  private final People people;
  private final SplittableRandom random = new SplittableRandom(20_250_601);

  Phases(Store store, Context context, People people) {
    this.store = store;
    this.context = context;
    this.people = people;
  }

  /**
   * Creates people 0, 1, ... one per call of {@link Store#create}, inFlight at a time, until all
   * are created or the time is up; the outcome's operations say how many were.
   */
  Future<Load.Outcome> create(int inFlight, Duration timeLimit) {
    return Load.run(context, inFlight, people.count(), timeLimit,
        i -> store.create(People.TYPE, people.person(i)));
  }

  /**
   * Creates people from, from + 1, ... to the last, batchSize per {@link Store#inTransaction}, one
   * transaction at a time: the quick way to complete the dataset when single creates are slow.
   */
  Future<Load.Outcome> createRest(int from, int batchSize) {
    int batches = (people.count() - from + batchSize - 1) / batchSize;
    return Load.count(context, 1, batches, b -> store.inTransaction(tx -> {
      int first = from + b * batchSize;
      int end = Math.min(people.count(), first + batchSize);
      Future<?> chain = Future.succeededFuture();
      for (int i = first; i < end; i++) {
        int index = i;
        chain = chain.compose(v -> tx.create(People.TYPE, people.person(index)));
      }
      return chain;
    }));
  }

  /** Gets people at random for about the given time, inFlight at a time. */
  Future<Load.Outcome> get(int inFlight, Duration duration) {
    return Load.timed(context, inFlight, duration,
        i -> store.get(People.TYPE, people.key(random.nextInt(people.count()))));
  }

  /** A company drawn at random, for field-selective lists. */
  String randomCompany() {
    return people.company(random.nextInt(people.companies()));
  }

  /**
   * Lists one list at a time, each from options(i) to its last page, up to repetitions times and
   * for at most timeLimit: a list still paging then stops after its current page.
   */
  Future<ListRun> list(int repetitions, Duration timeLimit, IntFunction<ListOptions> options) {
    long deadline = System.nanoTime() + timeLimit.toNanos();
    Latencies complete = new Latencies();
    Listing[] lastAndCutOff = new Listing[2];
    return Load.run(context, 1, repetitions, timeLimit, i -> {
      long begin = System.nanoTime();
      return listPages(options.apply(i), 0, 0, begin, deadline).onSuccess(listing -> {
        if (listing.complete()) {
          complete.record(System.nanoTime() - begin);
          lastAndCutOff[0] = listing;
        } else {
          lastAndCutOff[1] = listing;
        }
      });
    }).map(outcome -> new ListRun(outcome, complete, lastAndCutOff[0], lastAndCutOff[1]));
  }

  private Future<Listing> listPages(ListOptions options, int items, int pages, long begin, long deadline) {
    return store.list(People.TYPE, options).compose(page -> {
      int listed = items + page.items().size();
      boolean complete = page.continueToken() == null;
      if (complete || System.nanoTime() > deadline) {
        return Future.succeededFuture(new Listing(listed, pages + 1, (System.nanoTime() - begin) / 1e9, complete));
      }
      return listPages(options.withContinue(page.continueToken()), listed, pages + 1, begin, deadline);
    });
  }
}
