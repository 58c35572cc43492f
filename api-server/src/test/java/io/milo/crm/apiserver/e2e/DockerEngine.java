package io.milo.crm.apiserver.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * DockerEngine decides whether the container-based end-to-end tests can run here: they need a
 * Docker engine that Testcontainers can reach (a docker CLI alone is not enough). Without one, each
 * test is skipped, and the reason is printed so a skipped run is never mistaken for a passed one.
 */
final class DockerEngine {
  private static String unavailable;
  private static boolean checked;

  private DockerEngine() {}

  /** Why no Docker engine can be used, or null when one answers. Asked once per JVM. */
  static synchronized String unavailableReason() {
    if (!checked) {
      checked = true;
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        String dockerHost = System.getenv("DOCKER_HOST");
        unavailable = "Testcontainers found no Docker engine to talk to (DockerClientFactory.isDockerAvailable()"
            + " is false; DOCKER_HOST=" + (dockerHost == null ? "unset" : dockerHost) + ", /var/run/docker.sock "
            + (Files.exists(Path.of("/var/run/docker.sock")) ? "exists but does not answer" : "does not exist") + ")";
      }
    }
    return unavailable;
  }

  /** Skips the calling test unless Testcontainers reaches a Docker engine, printing why. */
  static void assumeAvailable() {
    String reason = unavailableReason();
    if (reason != null) {
      System.out.println("SKIPPED: no Docker engine: " + reason);
      Assumptions.abort("no Docker engine: " + reason);
    }
  }
}
