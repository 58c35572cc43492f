package io.milo.crm.apiserver.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * UserKubeconfig derives a kubeconfig for one user from an existing one (the server's admin
 * kubeconfig, or a cluster's): same cluster, same CA, but this user's bearer token in place of
 * whatever credential the original carried. The end-to-end tests give each person they play a
 * kubeconfig of their own, as a real user has.
 */
final class UserKubeconfig {
  private static final YAMLMapper YAML = new YAMLMapper();

  private UserKubeconfig() {}

  /** Writes to target a copy of base whose every context uses the user named name with token. */
  static Path withToken(Path base, Path target, String name, String token) throws IOException {
    return write(YAML.readTree(base.toFile()), target, name, token);
  }

  /** The same from kubeconfig YAML text. */
  static Path withToken(String baseYaml, Path target, String name, String token) throws IOException {
    return write(YAML.readTree(baseYaml), target, name, token);
  }

  private static Path write(JsonNode base, Path target, String name, String token) throws IOException {
    ObjectNode config = base.deepCopy();
    ArrayNode users = config.putArray("users");
    users.addObject().put("name", name).putObject("user").put("token", token);
    for (JsonNode context : config.path("contexts")) {
      ((ObjectNode) context.path("context")).put("user", name);
    }
    Files.writeString(target, YAML.writeValueAsString(config));
    return target;
  }
}
