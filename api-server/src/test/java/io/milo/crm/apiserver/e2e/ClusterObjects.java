package io.milo.crm.apiserver.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ClusterObjects creates arbitrary Kubernetes objects, given as YAML files or JSON trees, in a
 * cluster through the official Java client's dynamic API, as {@code kubectl create -f} would: the
 * group and version come from apiVersion, the resource from the kind's plural. The end-to-end test
 * uses it to put the manifests under deploy/ into k3s unchanged, without needing kubectl there.
 */
final class ClusterObjects {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiClient client;

  ClusterObjects(ApiClient client) {
    this.client = client;
  }

  /** The documents of a (multi-document) YAML manifest, empty documents left out. */
  static List<ObjectNode> read(Path manifest) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest.toFile())) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && document.isObject() && document.has("kind")) {
          out.add((ObjectNode) document);
        }
      }
    }
    return out;
  }

  /** Creates every object of a manifest file. */
  void createAll(Path manifest) throws IOException {
    for (ObjectNode object : read(manifest)) {
      create(object);
    }
  }

  /** Creates one object; anything but success fails the test with the server's Status. */
  DynamicKubernetesObject create(JsonNode object) {
    KubernetesApiResponse<DynamicKubernetesObject> response = api(object).create(toDynamic(object));
    if (!response.isSuccess()) {
      throw new AssertionError("could not create " + object.path("kind").asText() + " "
          + object.path("metadata").path("name").asText() + ": " + response.getHttpStatusCode() + " "
          + response.getStatus());
    }
    return response.getObject();
  }

  /** The dynamic API for the kind of an object. */
  DynamicKubernetesApi api(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    return new DynamicKubernetesApi(group, version, plural(object.path("kind").asText()), client);
  }

  /** The resource of a kind the way the built-in kinds used here name theirs (Endpoints stays). */
  static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    return lower.endsWith("s") ? lower : lower + "s";
  }

  static DynamicKubernetesObject toDynamic(JsonNode object) {
    return new DynamicKubernetesObject(JsonParser.parseString(object.toString()).getAsJsonObject());
  }

  static JsonNode toJackson(JsonElement gson) {
    try {
      return JSON.readTree(gson.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The status of the condition of the given type in an object's status.conditions, or "" if none. */
  static String condition(JsonObject object, String type) {
    for (JsonNode condition : toJackson(object).path("status").path("conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition.path("status").asText();
      }
    }
    return "";
  }
}
