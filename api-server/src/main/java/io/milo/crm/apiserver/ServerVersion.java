package io.milo.crm.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ServerVersion is what {@code /version} answers standalone (in a cluster the main apiserver
 * answers it): the Kubernetes API level implemented, 1.33, with this server's own build as semver
 * build metadata ({@code v1.33.0+milo-crm.0.1.0}, as k3s writes {@code +k3s1}), so version checks
 * such as "at least 1.33" hold, in the shape of apimachinery's version.Info.
 */
final class ServerVersion {
  static final int MAJOR = 1;
  static final int MINOR = 33;

  private ServerVersion() {}

  static String json() {
    String build = build();
    ObjectNode info = new ObjectMapper().createObjectNode()
        .put("major", Integer.toString(MAJOR))
        .put("minor", Integer.toString(MINOR))
        .put("emulationMajor", Integer.toString(MAJOR))
        .put("emulationMinor", Integer.toString(MINOR))
        .put("minCompatibilityMajor", Integer.toString(MAJOR))
        .put("minCompatibilityMinor", Integer.toString(MINOR - 1))
        .put("gitVersion", "v" + MAJOR + "." + MINOR + ".0+milo-crm." + (build == null ? "dev" : build))
        .put("gitCommit", "")
        .put("gitTreeState", "")
        .put("buildDate", "1970-01-01T00:00:00Z")
        .put("goVersion", "")
        .put("compiler", "")
        .put("platform", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/" + arch());
    return info.toString();
  }

  /** This server's version, from build.properties (filled in by the build). */
  private static String build() {
    var properties = new java.util.Properties();
    try (var in = ServerVersion.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  /** The platform's architecture in Go's words (amd64, arm64). */
  private static String arch() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
  }
}
