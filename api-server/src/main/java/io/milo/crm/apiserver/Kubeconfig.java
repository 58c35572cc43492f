package io.milo.crm.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/** Kubeconfig writes a kubeconfig for the local server: its URL, its CA and the admin token. */
final class Kubeconfig {
  private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
  private static final String CLUSTER = "milo-crm-local";
  private static final String USER = "milo-crm-admin";

  private Kubeconfig() {}

  static void write(Path file, String server, String caPem, String token) {
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Config");
    config.putArray("clusters").addObject().put("name", CLUSTER).putObject("cluster").put("server", server)
        .put("certificate-authority-data", Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
    config.putArray("users").addObject().put("name", USER).putObject("user").put("token", token);
    config.putArray("contexts").addObject().put("name", CLUSTER).putObject("context").put("cluster", CLUSTER).put("user", USER);
    config.put("current-context", CLUSTER);
    try {
      PrivateFiles.write(file, YAML.writeValueAsString(config));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
