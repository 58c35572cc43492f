package io.milo.crm.storage.bench;

import io.milo.crm.storage.ListOptions;
import io.milo.crm.storage.Store;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Phases are the benchmark's operations on one store and its {@link People}: creating them all,
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

  /** Creates every person, inFlight at a time. */
  Future<Load.Outcome> create(int inFlight) {
    return Load.count(context, inFlight, people.count(), i -> store.create(People.TYPE, people.person(i)));
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

  /** Lists repetitions times, one list at a time, each to its last page; options(i) is list i's first page. */
  Future<ListRun> list(int repetitions, IntFunction<ListOptions> options) {
    Listing[] last = new Listing[1];
    return Load.count(context, 1, repetitions, i -> listFully(options.apply(i), new Listing(0, 0))
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
