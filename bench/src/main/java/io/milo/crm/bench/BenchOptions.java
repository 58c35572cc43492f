package io.milo.crm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** BenchOptions are the load generator's flags (--name value or --name=value); --help lists them. */
record BenchOptions(Path kubeconfig, int n, Set<String> phases, boolean reuse, int inFlight, int watchers,
    int watchWrites, double mixedRate, double mixedSeconds, double getSeconds, double listSeconds, int listAllRuns,
    int notesMax, Long pid, Double pgInsertTps, Double pgSelectTps, Double pgSelective500Ms, Double pgStoreInsertTps, String serverDbUrl, int coldStartRuns, Path out) {

  static final List<String> PHASES = List.of("create", "get", "list-selective", "list-all", "watch", "mixed",
      "cold-start");

  static final String HELP = """
      Usage: hack/bench [flags]   (the Java part; hack/bench --help for the script's own flags)
        --kubeconfig FILE      the server to load (default .local/kubeconfig)
        --n N                  people in the dataset (default 10000)
        --phases a,b,...       of create,get,list-selective,list-all,watch,mixed,cold-start (default all)
        --reuse                the dataset is already loaded: skip loading (create measures nothing then)
        --in-flight K          concurrent requests for create and get (default 64)
        --watchers W           concurrent watches in the watch phase (default 1000)
        --watch-writes K       people created while the watches are open (default 100)
        --mixed-rate R         requests per second in the mixed phase (default 1000)
        --mixed-seconds S      length of the mixed phase (default 60)
        --get-seconds S        length of each get measurement (default 15)
        --list-seconds S       length of each list-selective measurement (default 10)
        --list-all-runs K      full paged lists to time (default 3)
        --notes-max K          notes per person are 0..K (default 5; 0: no notes)
        --pid PID              the server's pid for RSS (default: the process listening on the server's port)
        --pgbench-insert-tps X, --pgbench-select-tps X, --pgbench-selective-ms X, --pgbench-store-insert-tps X
                               PostgreSQL's limits measured by hack/bench --baseline, for the ratios
        --server-db-url URL    the database the server uses: cold-start launches the server on it (built
                               here, as hack/run-local.sh builds it) and times launch to /readyz 200
        --cold-start-runs K    measured launches (default 3; one more, uncounted, writes the certificates)
        --out FILE             JSON result (default target/bench/result-<timestamp>.json)
      """;

  static BenchOptions parse(String[] args) {
    Path kubeconfig = Path.of(".local/kubeconfig");
    int n = 10_000;
    Set<String> phases = new LinkedHashSet<>(PHASES);
    boolean reuse = false;
    int inFlight = 64;
    int watchers = 1000;
    int watchWrites = 100;
    double mixedRate = 1000;
    double mixedSeconds = 60;
    double getSeconds = 15;
    double listSeconds = 10;
    int listAllRuns = 3;
    int notesMax = 5;
    Long pid = null;
    Double insertTps = null;
    Double selectTps = null;
    Double selectiveMs = null;
    Double storeInsertTps = null;
    String serverDbUrl = null;
    int coldStartRuns = 3;
    Path out = null;
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value = null;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (name.equals("--reuse")) {
        reuse = true;
        continue;
      }
      if (name.equals("--help") || name.equals("-h")) {
        System.out.print(HELP);
        System.exit(0);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          errors.add(name + " needs a value");
          continue;
        }
        value = args[++i];
      }
      try {
        switch (name) {
          case "--kubeconfig" -> kubeconfig = Path.of(value);
          case "--n" -> n = Integer.parseInt(value.replace("_", "").replace("k", "000").replace("M", "000000"));
          case "--phases" -> {
            phases = new LinkedHashSet<>(List.of(value.split(",")));
            for (String phase : phases) {
              if (!PHASES.contains(phase)) {
                errors.add("unknown phase " + phase + "; phases are " + String.join(",", PHASES));
              }
            }
          }
          case "--in-flight" -> inFlight = Integer.parseInt(value);
          case "--watchers" -> watchers = Integer.parseInt(value);
          case "--watch-writes" -> watchWrites = Integer.parseInt(value);
          case "--mixed-rate" -> mixedRate = Double.parseDouble(value);
          case "--mixed-seconds" -> mixedSeconds = Double.parseDouble(value);
          case "--get-seconds" -> getSeconds = Double.parseDouble(value);
          case "--list-seconds" -> listSeconds = Double.parseDouble(value);
          case "--list-all-runs" -> listAllRuns = Integer.parseInt(value);
          case "--notes-max" -> notesMax = Integer.parseInt(value);
          case "--pid" -> pid = Long.parseLong(value);
          case "--pgbench-insert-tps" -> insertTps = Double.parseDouble(value);
          case "--pgbench-select-tps" -> selectTps = Double.parseDouble(value);
          case "--pgbench-selective-ms" -> selectiveMs = Double.parseDouble(value);
          case "--pgbench-store-insert-tps" -> storeInsertTps = Double.parseDouble(value);
          case "--server-db-url" -> serverDbUrl = value;
          case "--cold-start-runs" -> coldStartRuns = Integer.parseInt(value);
          case "--out" -> out = Path.of(value);
          default -> errors.add("unknown flag " + name);
        }
      } catch (NumberFormatException e) {
        errors.add(name + " needs a number, got " + value);
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors) + "\n\n" + HELP);
    }
    return new BenchOptions(kubeconfig, n, phases, reuse, inFlight, watchers, watchWrites, mixedRate, mixedSeconds,
        getSeconds, listSeconds, listAllRuns, notesMax, pid, insertTps, selectTps, selectiveMs,
        storeInsertTps, serverDbUrl, coldStartRuns, out);
  }
}
