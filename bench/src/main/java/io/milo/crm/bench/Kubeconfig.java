package io.milo.crm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Kubeconfig is what the benchmark needs from a kubeconfig file: the current context's server
 * URL, its CA (certificate-authority-data or -file) and the user's bearer token, as
 * hack/run-local.sh writes them.
 */
record Kubeconfig(URI server, String caPem, String token) {

  static Kubeconfig read(Path file) {
    JsonNode config;
    try {
      config = new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
    }
    JsonNode context = named(config, "contexts", config.path("current-context").asText()).path("context");
    JsonNode cluster = named(config, "clusters", context.path("cluster").asText()).path("cluster");
    JsonNode user = named(config, "users", context.path("user").asText()).path("user");
    String ca = null;
    try {
      if (cluster.hasNonNull("certificate-authority-data")) {
        ca = new String(Base64.getDecoder().decode(cluster.get("certificate-authority-data").asText()),
            StandardCharsets.US_ASCII);
      } else if (cluster.hasNonNull("certificate-authority")) {
        ca = Files.readString(file.resolveSibling(cluster.get("certificate-authority").asText()));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the CA of " + file + ": " + e.getMessage(), e);
    }
    String server = cluster.path("server").asText(null);
    if (server == null) {
      throw new IllegalArgumentException("kubeconfig " + file + " names no server");
    }
    return new Kubeconfig(URI.create(server), ca, user.path("token").asText(null));
  }

  /** The entry of list whose name is name; the first one when name is empty. */
  private static JsonNode named(JsonNode config, String list, String name) {
    for (JsonNode entry : config.path(list)) {
      if (name.isEmpty() || name.equals(entry.path("name").asText())) {
        return entry;
      }
    }
    throw new IllegalArgumentException("kubeconfig has no " + list + " entry named '" + name + "'");
  }
}
