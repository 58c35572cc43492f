#!/usr/bin/env bash
# Runs the server on this machine: builds it when the sources changed, then starts it with an
# embedded PostgreSQL whose data is kept in .local/ (pass --db-url to use another database).
# Flags are passed on; --help lists them. The JVM gets the heap the Deployment gives it (768 MiB, 75% of
# its 1 GiB limit); JAVA_OPTS replaces those options.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=api-server/target/classpath.txt
if [[ ! -f $stamp ]] || [[ -n "$(find . \( -path ./.local -o -name target -o -path ./.git \) -prune -o \
    \( -name '*.java' -o -name pom.xml -o -name '*.sql' -o -name '*.json' -o -name '*.properties' \) -newer "$stamp" -print -quit)" ]]; then
  echo "building..." >&2
  mvn -q -B install -DskipTests
  mvn -q -B -pl api-server dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:--Xmx768m -XX:+ExitOnOutOfMemoryError} -cp "api-server/target/classes:$(cat "$stamp")" \
  io.milo.crm.apiserver.Main "$@"
