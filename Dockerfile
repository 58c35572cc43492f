# syntax=docker/dockerfile:1
# The milo-crm image: the api-server (the default entrypoint) and the email-provider sync
# (deploy/sync runs io.milo.crm.sync.Main from /opt/milo-crm/sync). Build from the repository root:
#   docker build -t milo-crm-apiserver:0.1.0-SNAPSHOT .
# Stage one builds both jars and copies their runtime dependencies to <module>/target/lib
# (maven-dependency-plugin); stage two is a JRE that runs them as a non-root user.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests -pl api-server,sync -am package

FROM eclipse-temurin:17-jre
# A fixed numeric uid/gid, so runAsNonRoot can verify it and the Deployment can name it (10001).
RUN groupadd --system --gid 10001 milo \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /var/lib/milo-crm \
      --shell /usr/sbin/nologin milo \
 && mkdir -p /var/lib/milo-crm \
 && chown 10001:10001 /var/lib/milo-crm
COPY --from=build /src/api-server/target/lib/ /opt/milo-crm/lib/
COPY --from=build /src/api-server/target/milo-crm-api-server-*.jar /opt/milo-crm/
COPY --from=build /src/sync/target/lib/ /opt/milo-crm/sync/lib/
COPY --from=build /src/sync/target/milo-crm-sync-*.jar /opt/milo-crm/sync/
USER 10001:10001
WORKDIR /var/lib/milo-crm
EXPOSE 8443
# Heap from the container's memory limit; exit (and be restarted) rather than limp on after an OOM.
# JAVA_TOOL_OPTIONS adds to or overrides these at run time.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
  "-cp", "/opt/milo-crm/*:/opt/milo-crm/lib/*", "io.milo.crm.apiserver.Main"]
CMD ["--bind-address=0.0.0.0", "--data-dir=/var/lib/milo-crm"]
