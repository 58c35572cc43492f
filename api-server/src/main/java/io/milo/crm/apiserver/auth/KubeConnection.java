package io.milo.crm.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Function;

/**
 * KubeConnection is how to reach the main kube-apiserver: its URL, the CA that signs its
 * certificate, and the client's credential (a bearer token, fixed or re-read from a file as
 * projected service-account tokens rotate, or a client certificate). It comes from the pod's service
 * account (KUBERNETES_SERVICE_HOST/PORT and /var/run/secrets/kubernetes.io/serviceaccount) or from a
 * kubeconfig file (--authentication-kubeconfig, --authorization-kubeconfig), as client-go's
 * InClusterConfig and clientcmd do.
 *
 * @param caPem PEM CA bundle, null to use the JVM's default trust
 * @param insecureSkipVerify whether the server's certificate is not checked (kubeconfig
 *     insecure-skip-tls-verify)
 */
public record KubeConnection(String server, String caPem, boolean insecureSkipVerify, String token, Path tokenFile,
    String clientCertificatePem, String clientKeyPem) {
  public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The in-cluster connection, or null when the environment does not describe one. */
  public static KubeConnection inCluster(Function<String, String> env, Path serviceAccountDir) {
    String host = env.apply("KUBERNETES_SERVICE_HOST");
    String port = env.apply("KUBERNETES_SERVICE_PORT");
    if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
      return null;
    }
    Path tokenFile = serviceAccountDir.resolve("token");
    String ca = readIfExists(serviceAccountDir.resolve("ca.crt"));
    String hostForUrl = host.contains(":") ? "[" + host + "]" : host;
    return new KubeConnection("https://" + hostForUrl + ":" + port, ca, false, null, tokenFile, null, null);
  }

  /** The connection of a kubeconfig's current context. */
  public static KubeConnection fromKubeconfig(Path file) {
    JsonNode config;
    try {
      config = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the kubeconfig " + file, e);
    }
    Path base = file.toAbsolutePath().getParent();
    String contextName = config.path("current-context").asText("");
    JsonNode context = named(config.path("contexts"), contextName, "context");
    if (context == null) {
      JsonNode first = config.path("contexts").path(0);
      context = first.isMissingNode() ? null : first.path("context");
    }
    if (context == null) {
      throw new IllegalArgumentException("the kubeconfig " + file + " has no context");
    }
    JsonNode cluster = named(config.path("clusters"), context.path("cluster").asText(""), "cluster");
    JsonNode user = named(config.path("users"), context.path("user").asText(""), "user");
    if (cluster == null || cluster.path("server").asText("").isEmpty()) {
      throw new IllegalArgumentException("the kubeconfig " + file + " names no server for its context");
    }
    if (user == null) {
      user = YAML.createObjectNode();
    }
    String tokenFile = user.path("tokenFile").asText("");
    return new KubeConnection(cluster.path("server").asText(),
        dataOrFile(cluster, "certificate-authority", base),
        cluster.path("insecure-skip-tls-verify").asBoolean(false),
        user.path("token").asText("").isEmpty() ? null : user.path("token").asText(),
        tokenFile.isEmpty() ? null : base.resolve(tokenFile),
        dataOrFile(user, "client-certificate", base),
        dataOrFile(user, "client-key", base));
  }

  /** The bearer token to send now, or null. */
  public String currentToken() {
    if (token != null) {
      return token;
    }
    String fromFile = tokenFile == null ? null : readIfExists(tokenFile);
    return fromFile == null ? null : fromFile.trim();
  }

  private static JsonNode named(JsonNode list, String name, String field) {
    for (JsonNode entry : list) {
      if (entry.path("name").asText("").equals(name)) {
        return entry.path(field);
      }
    }
    return null;
  }

  private static String dataOrFile(JsonNode node, String key, Path base) {
    String data = node.path(key + "-data").asText("");
    if (!data.isEmpty()) {
      return new String(Base64.getDecoder().decode(data.trim()), StandardCharsets.UTF_8);
    }
    String file = node.path(key).asText("");
    if (file.isEmpty()) {
      return null;
    }
    try {
      return Files.readString(base.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + " named by the kubeconfig", e);
    }
  }

  private static String readIfExists(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
