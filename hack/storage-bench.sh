#!/usr/bin/env bash
# Benchmarks the storage module against a PostgreSQL server, next to pgbench on the same server:
#   1. creates fresh databases crm_bench_<timestamp> and crm_bench_<timestamp>_baseline (dropped
#      again at the end, whatever happens);
#   2. baseline: in the second, with the store's own migrations applied, pgbench single-row JSONB
#      inserts into the objects table (hack/pgbench/*.sql; 16 clients, 20 s), then primary-key
#      selects of those rows (16 clients, 10 s);
#   3. the store: io.milo.crm.storage.bench.StorageBenchmark creates, gets and lists N people in
#      the first and prints one table with the pgbench rates beside its own, and writes the same
#      figures to storage/target/storage-bench.json.
#
# Usage: hack/storage-bench.sh [--objects N] [--db-url postgresql://postgres@127.0.0.1:5432/postgres]
# --db-url names any database on the server; the benchmark only uses it to create and drop its own.
set -euo pipefail

objects=100000
db_url=postgresql://postgres@127.0.0.1:5432/postgres
while [[ $# -gt 0 ]]; do
  case "$1" in
    --objects) objects="${2:?--objects needs a value}"; shift 2 ;;
    --db-url) db_url="${2:?--db-url needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
pgbench="$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)"
clients=16

# The benchmark's database: the same server, another database name, the same query string.
base="${db_url%%\?*}"
query="${db_url#"$base"}"
bench_db="crm_bench_$(date +%Y%m%d_%H%M%S)"
bench_url="${base%/*}/${bench_db}${query}"
baseline_url="${base%/*}/${bench_db}_baseline${query}"

# Maven, quiet, offline, without the colour codes this Maven prints even in batch mode.
mvn_quiet() { mvn -B -q -o "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'; }
psql_admin() { psql "$db_url" -v ON_ERROR_STOP=1 -qX "$@"; }
psql_baseline() { psql "$baseline_url" -v ON_ERROR_STOP=1 -qX "$@"; }

# The rate pgbench printed ("tps = 1234.5 (without initial connection time)"), failing loudly
# when it reported failed transactions or no rate at all.
pgbench_tps() {
  local output
  output="$("$pgbench" -n -M prepared -c "$clients" -j 2 "$@" "$baseline_url" 2>&1)" || { echo "$output" >&2; return 1; }
  if grep -q '^number of failed transactions: [1-9]' <<<"$output"; then
    echo "$output" >&2
    return 1
  fi
  awk '/^tps = / { print $3 }' <<<"$output"
}

psql_admin -c "CREATE DATABASE ${bench_db}" -c "CREATE DATABASE ${bench_db}_baseline"
trap 'psql_admin -c "DROP DATABASE IF EXISTS ${bench_db} WITH (FORCE)" \
  -c "DROP DATABASE IF EXISTS ${bench_db}_baseline WITH (FORCE)" && echo "dropped databases ${bench_db}{,_baseline}"' EXIT
echo "databases ${bench_db} (the store) and ${bench_db}_baseline (pgbench, the store's own schema)"

echo "pgbench: single-row JSONB inserts, ${clients} clients, 20 s"
# The baseline writes into the store's own objects table: its migrations, in version order.
for script in $(ls "$root"/storage/src/main/resources/io/milo/crm/storage/migrations/V*__*.sql | sort -V); do
  psql_baseline -f "$script"
done
insert_tps="$(pgbench_tps -T 20 -D n=0 -f "$root/hack/pgbench/insert.sql")"
echo "  ${insert_tps} tps"

echo "pgbench: primary-key selects, ${clients} clients, 10 s"
psql_baseline -c "VACUUM ANALYZE objects"
rows="$(psql_baseline -At -c "SELECT min(c) FROM (SELECT count(*) AS c FROM objects
  GROUP BY split_part(name, '-', 2)) per_client")"
select_tps="$(pgbench_tps -T 10 -D clients="$clients" -D rows="$rows" -f "$root/hack/pgbench/select.sql")"
echo "  ${select_tps} tps over $(psql_baseline -At -c 'SELECT count(*) FROM objects') rows"
psql_baseline -c "CHECKPOINT"

cd "$root"
echo "building the storage module"
mvn_quiet install -DskipTests -pl storage -am
mvn_quiet -pl storage org.codehaus.mojo:exec-maven-plugin:exec \
  -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp %classpath \
io.milo.crm.storage.bench.StorageBenchmark --db-url ${bench_url} --objects ${objects} \
--pgbench-insert-tps ${insert_tps} --pgbench-select-tps ${select_tps}"
