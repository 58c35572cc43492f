#!/usr/bin/env bash
# Runs the server on this machine: builds it when the sources changed, then starts it with an
# embedded PostgreSQL whose data is kept in .local/ (pass --db-url to use another database).
# Flags are passed on; --help lists them.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=api-server/target/classpath.txt
if [[ ! -f $stamp ]] || [[ -n "$(find . \( -path ./.local -o -name target -o -path ./.git \) -prune -o \
    \( -name '*.java' -o -name pom.xml -o -name '*.sql' -o -name '*.json' -o -name '*.properties' \) -newer "$stamp" -print -quit)" ]]; then
  echo "building..." >&2
  mvn -q -B install -DskipTests
  mvn -q -B -pl api-server dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
exec java -cp "api-server/target/classes:$(cat "$stamp")" io.milo.crm.apiserver.Main "$@"
