package io.milo.crm.storage.bench;

import io.milo.crm.storage.ListOptions;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoreOptions;
import io.milo.crm.storage.selector.FieldSelector;
import io.milo.crm.storage.selector.LabelSelector;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * StorageBenchmark measures the store directly, without HTTP, on an empty database it is given.
 * It creates N people, 64 in flight (for at most 90 s; the rest are then created 500 per
 * transaction, so that the later phases still see N), runs VACUUM ANALYZE as autovacuum would (see
 * {@link Maintenance}), gets people at random (64 in flight, then one client alone), lists them by
 * a rare label and by company (paged by 500 and unpaged), and lists them all paged by 500. Every
 * phase is bounded in time. It prints one table that puts the rates beside pgbench's on the same
 * server (measured by {@code hack/storage-bench.sh}, which passes them in) and writes the same
 * figures as JSON.
 *
 * <p>A main program, not a test. Arguments: {@code --db-url URL} (required; an empty database),
 * {@code --objects N} (100000), {@code --pgbench-insert-tps X}, {@code --pgbench-select-tps Y},
 * {@code --json PATH} (target/storage-bench.json). Exits 1 when any operation failed.
 */
public final class StorageBenchmark {
  private static final int IN_FLIGHT = 64;
  private static final int POOL_SIZE = 32;
  private static final int PAGE = 500;
  private static final int BATCH = 500;
  private static final Duration CREATE_TIME_LIMIT = Duration.ofSeconds(90);
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final Duration GET_TIME = Duration.ofSeconds(10);
  private static final Duration ONE_CLIENT_GET_TIME = Duration.ofSeconds(5);
  private static final int LIST_REPETITIONS = 50;
  private static final Duration LIST_TIME_LIMIT = Duration.ofSeconds(15);
  private static final int LIST_ALL_REPETITIONS = 3;
  private static final Duration LIST_ALL_TIME_LIMIT = Duration.ofSeconds(60);

  /**
   * The command line.
   *
   * @param dbUrl the empty database to benchmark on, as a postgresql:// URL
   * @param objects how many people to create
   * @param insertTps pgbench's single-row insert rate, or null
   * @param selectTps pgbench's primary-key select rate, or null
   * @param json where to write the JSON
   */
  record Arguments(String dbUrl, int objects, Double insertTps, Double selectTps, Path json) {
    static Arguments parse(String[] args) {
      String dbUrl = null;
      int objects = 100_000;
      Double insertTps = null;
      Double selectTps = null;
      Path json = Path.of("target", "storage-bench.json");
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--db-url" -> dbUrl = value;
          case "--objects" -> objects = Integer.parseInt(value);
          case "--pgbench-insert-tps" -> insertTps = Double.valueOf(value);
          case "--pgbench-select-tps" -> selectTps = Double.valueOf(value);
          case "--json" -> json = Path.of(value);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (dbUrl == null || objects < 1) {
        throw new IllegalArgumentException("usage: --db-url postgresql://... [--objects N] "
            + "[--pgbench-insert-tps X] [--pgbench-select-tps Y] [--json PATH]");
      }
      return new Arguments(dbUrl, objects, insertTps, selectTps, json);
    }
  }

  private final Vertx vertx;
  private final Arguments arguments;
  private final PgConnectOptions database;
  private final People people;
  private final Report report;
  private WaitSampler sampler;
  private Phases phases;

  private StorageBenchmark(Vertx vertx, Arguments arguments) {
    this.vertx = vertx;
    this.arguments = arguments;
    this.database = PgConnectOptions.fromUri(arguments.dbUrl());
    this.people = new People(arguments.objects());
    this.report = new Report(people.count(), arguments.insertTps(), arguments.selectTps());
  }

  public static void main(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args);
    Vertx vertx = Vertx.vertx();
    StorageBenchmark benchmark = new StorageBenchmark(vertx, arguments);
    try {
      benchmark.run();
    } finally {
      await(vertx.close());
    }
    System.out.println();
    System.out.print(benchmark.report.table());
    benchmark.report.writeJson(arguments.json());
    System.out.println();
    System.out.println("JSON: " + arguments.json().toAbsolutePath());
    System.exit(benchmark.report.errors() == 0 ? 0 : 1);
  }

  private void run() {
    Store store = await(Store.open(vertx, StoreOptions.defaults(database).withPoolSize(POOL_SIZE)));
    Context context = vertx.getOrCreateContext();
    sampler = await(WaitSampler.connect(vertx, context, database));
    phases = new Phases(store, context, people);
    try {
      create();
      vacuum();
      get();
      listSelective();
      listAll();
    } finally {
      await(sampler.close());
      await(store.close());
    }
  }

  private void create() {
    progress("create: %,d people, %d in flight, for at most %s", people.count(), IN_FLIGHT, CREATE_TIME_LIMIT);
    sampler.start();
    Load.Outcome created = await(phases.create(IN_FLIGHT, CREATE_TIME_LIMIT));
    report.addSessions("create", await(sampler.stop()));
    add(Result.rate("create", "create, 64 in flight", "objects/s", created, arguments.insertTps()), created);
    int rest = people.count() - created.operations();
    if (rest > 0) {
      progress("create the other %,d, %d per transaction", rest, BATCH);
      Load.Outcome batched = await(phases.createRest(created.operations(), BATCH));
      add(Result.batched("create-rest", "create the rest, 500 per transaction", rest, batched), batched);
    }
  }

  private void vacuum() {
    long start = System.nanoTime();
    String autovacuum = await(Maintenance.vacuumAnalyze(vertx, database));
    String note = String.format("after the creates: VACUUM ANALYZE, %.1f s, as autovacuum would "
        + "(autovacuum = %s on this server)", (System.nanoTime() - start) / 1e9, autovacuum);
    progress(note);
    report.addNote(note);
  }

  private void get() {
    progress("get: %s warm-up, then %s with %d in flight, then %s from one client", WARM_UP, GET_TIME, IN_FLIGHT,
        ONE_CLIENT_GET_TIME);
    await(phases.get(IN_FLIGHT, WARM_UP));
    sampler.start();
    Load.Outcome got = await(phases.get(IN_FLIGHT, GET_TIME));
    report.addSessions("get", await(sampler.stop()));
    add(Result.rate("get", "get, 64 in flight", "gets/s", got, arguments.selectTps()), got);
    Load.Outcome alone = await(phases.get(1, ONE_CLIENT_GET_TIME));
    add(Result.latency("get-one-client", "get, one client", alone), alone);
  }

  private void listSelective() {
    progress("list-selective: %d lists of each kind (at most %s each), one client", LIST_REPETITIONS,
        LIST_TIME_LIMIT);
    String source = People.SOURCE_LABEL + "=" + People.RARE_SOURCE;
    ListOptions rare = ListOptions.all(null).withSelectors(LabelSelector.parse(source), null);
    lists("list-label-paged", "list -l " + source + ", limit=500", i -> rare.withLimit(PAGE));
    lists("list-label", "list -l " + source + ", unpaged", i -> rare);
    lists("list-field-paged", "list companyRef.name=<one>, limit=500", i -> byCompany().withLimit(PAGE));
    lists("list-field", "list companyRef.name=<one>, unpaged", i -> byCompany());
  }

  private void lists(String id, String measure, IntFunction<ListOptions> options) {
    Phases.ListRun run = await(phases.list(LIST_REPETITIONS, LIST_TIME_LIMIT, options));
    add(Result.lists(id, measure, run), run.outcome());
  }

  private ListOptions byCompany() {
    String selector = People.COMPANY_FIELD + "=" + phases.randomCompany();
    return ListOptions.all(null).withSelectors(null, FieldSelector.parse(selector));
  }

  private void listAll() {
    progress("list-all: %d complete lists paged by %d (at most %s)", LIST_ALL_REPETITIONS, PAGE, LIST_ALL_TIME_LIMIT);
    Phases.ListRun all = await(phases.list(LIST_ALL_REPETITIONS, LIST_ALL_TIME_LIMIT,
        i -> ListOptions.all(null).withLimit(PAGE)));
    add(Result.fullLists("list-all", "list-all, limit=500", all, people.count()), all.outcome());
  }

  /** Adds the result, after telling stderr about the first failure when there were any. */
  private void add(Result result, Load.Outcome outcome) {
    if (outcome.errors() > 0) {
      System.err.printf("%s: %,d of %,d operations failed; the first: %s%n", result.id(), outcome.errors(),
          outcome.operations(), outcome.firstError());
    }
    progress("  %s: %s", result.id(), result.ours());
    report.add(result);
  }

  private static void progress(String format, Object... args) {
    System.out.printf(format + "%n", args);
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
