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

/**
 * StorageBenchmark measures the store directly, without HTTP, on an empty database it is given:
 * it creates N people (64 in flight; when that takes longer than 90 s, it creates the rest 500 per
 * transaction, so that the other phases still see N), then gets them at random (64 in flight, then
 * one client alone), lists them by a rare label and by company (paged by 500 and unpaged), and
 * lists them all paged by 500. Every phase is bounded in time. It prints one table comparing the rates with pgbench's on the same machine (run by
 * {@code hack/storage-bench.sh}, which passes them in) and writes the same figures as JSON.
 *
 * <p>A main program, not a test. Arguments: {@code --db-url URL} (required; the database must be
 * empty), {@code --objects N} (100000), {@code --pgbench-insert-tps X}, {@code --pgbench-select-tps
 * Y}, {@code --json PATH} (target/storage-bench.json). Exits 1 when any operation failed.
 */
public final class StorageBenchmark {
  private static final int IN_FLIGHT = 64;
  private static final int POOL_SIZE = 32;
  private static final int PAGE = 500;
  private static final int BATCH = 500;
  private static final Duration CREATE_TIME_LIMIT = Duration.ofSeconds(90);
  private static final int LIST_REPETITIONS = 50;
  private static final Duration LIST_TIME_LIMIT = Duration.ofSeconds(15);
  private static final int LIST_ALL_REPETITIONS = 3;
  private static final Duration LIST_ALL_TIME_LIMIT = Duration.ofSeconds(30);
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final Duration GET_TIME = Duration.ofSeconds(10);
  private static final Duration ONE_CLIENT_GET_TIME = Duration.ofSeconds(5);

  private StorageBenchmark() {}

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

  public static void main(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args);
    Vertx vertx = Vertx.vertx();
    Report report;
    try {
      report = run(vertx, arguments);
    } finally {
      await(vertx.close());
    }
    System.out.println();
    System.out.print(report.table());
    report.writeJson(arguments.json());
    System.out.println();
    System.out.println("JSON: " + arguments.json().toAbsolutePath());
    System.exit(report.errors() == 0 ? 0 : 1);
  }

  private static Report run(Vertx vertx, Arguments arguments) {
    PgConnectOptions database = PgConnectOptions.fromUri(arguments.dbUrl());
    Store store = await(Store.open(vertx, StoreOptions.defaults(database).withPoolSize(POOL_SIZE)));
    Context context = vertx.getOrCreateContext();
    WaitSampler sampler = await(WaitSampler.connect(vertx, context, database));
    People people = new People(arguments.objects());
    Phases phases = new Phases(store, context, people);
    Report report = new Report(people.count(), arguments.insertTps(), arguments.selectTps());
    try {
      progress("create: %,d people, %d in flight, for at most %s", people.count(), IN_FLIGHT, CREATE_TIME_LIMIT);
      sampler.start();
      Load.Outcome created = await(phases.create(IN_FLIGHT, CREATE_TIME_LIMIT));
      report.addSessions("create", await(sampler.stop()));
      report.add(checked(Result.rate("create", "create, 64 in flight", "objects/s", created, arguments.insertTps()),
          created));
      if (created.operations() < people.count()) {
        int rest = people.count() - created.operations();
        progress("create the other %,d, %d per transaction", rest, BATCH);
        Load.Outcome batched = await(phases.createRest(created.operations(), BATCH));
        report.add(checked(Result.batched("create-rest", "create the rest, 500 per transaction", rest, batched),
            batched));
      }

      progress("get: %s warm-up, then %s with %d in flight, then %s from one client", WARM_UP, GET_TIME, IN_FLIGHT,
          ONE_CLIENT_GET_TIME);
      await(phases.get(IN_FLIGHT, WARM_UP));
      sampler.start();
      Load.Outcome got = await(phases.get(IN_FLIGHT, GET_TIME));
      report.addSessions("get", await(sampler.stop()));
      report.add(checked(Result.rate("get", "get, 64 in flight", "gets/s", got, arguments.selectTps()), got));
      Load.Outcome alone = await(phases.get(1, ONE_CLIENT_GET_TIME));
      report.add(checked(Result.latency("get-one-client", "get, one client", alone, null), alone));

      progress("list-selective: %d lists of each kind (at most %s), one client", LIST_REPETITIONS, LIST_TIME_LIMIT);
      ListOptions rare = ListOptions.all(null)
          .withSelectors(LabelSelector.parse(People.SOURCE_LABEL + "=" + People.RARE_SOURCE), null);
      addList(report, "list-label-paged", "list -l source=" + People.RARE_SOURCE + ", limit=500",
          phases.list(LIST_REPETITIONS, LIST_TIME_LIMIT, i -> rare.withLimit(PAGE)));
      addList(report, "list-label", "list -l source=" + People.RARE_SOURCE + ", unpaged",
          phases.list(LIST_REPETITIONS, LIST_TIME_LIMIT, i -> rare));
      addList(report, "list-field-paged", "list companyRef.name=<one>, limit=500",
          phases.list(LIST_REPETITIONS, LIST_TIME_LIMIT, i -> byCompany(phases.randomCompany()).withLimit(PAGE)));
      addList(report, "list-field", "list companyRef.name=<one>, unpaged",
          phases.list(LIST_REPETITIONS, LIST_TIME_LIMIT, i -> byCompany(phases.randomCompany())));

      progress("list-all: %d complete lists paged by %d (at most %s)", LIST_ALL_REPETITIONS, PAGE,
          LIST_ALL_TIME_LIMIT);
      Phases.ListRun all = await(phases.list(LIST_ALL_REPETITIONS, LIST_ALL_TIME_LIMIT,
          i -> ListOptions.all(null).withLimit(PAGE)));
      report.add(checked(Result.duration("list-all", "list-all, limit=500", all.outcome(), all.listing()),
          all.outcome()));
    } finally {
      await(sampler.close());
      await(store.close());
    }
    return report;
  }

  private static ListOptions byCompany(String company) {
    return ListOptions.all(null).withSelectors(null, FieldSelector.parse(People.COMPANY_FIELD + "=" + company));
  }

  private static void addList(Report report, String id, String measure, Future<Phases.ListRun> lists) {
    Phases.ListRun run = await(lists);
    report.add(checked(Result.latency(id, measure, run.outcome(), run.listing()), run.outcome()));
  }

  /** The result, after telling stderr about the first failure when there were any. */
  private static Result checked(Result result, Load.Outcome outcome) {
    if (outcome.errors() > 0) {
      System.err.printf("%s: %,d of %,d operations failed; the first: %s%n", result.id(), outcome.errors(),
          outcome.operations(), outcome.firstError());
    }
    progress("  %s: %s", result.id(), result.ours());
    return result;
  }

  private static void progress(String format, Object... args) {
    System.out.printf(format + "%n", args);
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
