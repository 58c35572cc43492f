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
  /** What one complete list returned: its items and the pages they came in. */
  record Listing(int items, int pages) {}

  /**
   * A run of complete lists.
   *
   * @param outcome one latency per complete list
   * @param listing what the last complete list returned
   */
  record ListRun(Load.Outcome outcome, Listing listing) {}

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
   * Lists one list at a time, each to its last page, up to repetitions times but starting none after
   * timeLimit; options(i) is list i's first page.
   */
  Future<ListRun> list(int repetitions, Duration timeLimit, IntFunction<ListOptions> options) {
    Listing[] last = new Listing[1];
    return Load.run(context, 1, repetitions, timeLimit, i -> listFully(options.apply(i), new Listing(0, 0))
            .onSuccess(listing -> last[0] = listing))
        .map(outcome -> new ListRun(outcome, last[0]));
  }

  private Future<Listing> listFully(ListOptions options, Listing soFar) {
    return store.list(People.TYPE, options).compose(page -> {
      Listing listed = new Listing(soFar.items() + page.items().size(), soFar.pages() + 1);
      return page.continueToken() == null
          ? Future.succeededFuture(listed)
          : listFully(options.withContinue(page.continueToken()), listed);
    });
  }
}
