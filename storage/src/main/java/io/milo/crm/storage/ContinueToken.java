package io.milo.crm.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ContinueToken is the opaque {@code continue} value of a paged list, in the upstream shape:
 * base64url of {@code {"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}}, where the key is
 * "namespace/name" (or "name" for cluster-scoped kinds) of the last item returned. rv -1 asks for
 * the rest of the list at the latest state (the inconsistent continuation offered with a 410).
 */
record ContinueToken(long resourceVersion, ObjectKey after) {
  static final long LATEST = -1;
  private static final String VERSION = "meta.k8s.io/v1";

  String encode(boolean namespaced) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("v", VERSION);
    node.put("rv", resourceVersion);
    node.put("start", (namespaced ? after.namespace() + "/" : "") + after.name() + "\u0000");
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
  }

  static ContinueToken decode(String token, boolean namespaced) {
    JsonNode node;
    try {
      byte[] raw = Base64.getUrlDecoder().decode(token.replace('+', '-').replace('/', '_').replace("=", ""));
      node = Json.MAPPER.readTree(raw);
    } catch (Exception e) {
      throw invalid("illegal base64 data or JSON");
    }
    if (node == null || !node.isObject()) {
      throw invalid("not a continue token");
    }
    if (!VERSION.equals(node.path("v").asText())) {
      throw invalid("server does not recognize this encoded version \"" + node.path("v").asText() + "\"");
    }
    JsonNode rvNode = node.path("rv");
    long rv = rvNode.asLong(0);
    if (!rvNode.isIntegralNumber() || rv == 0 || rv < LATEST) {
      throw invalid("incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    }
    String start = node.path("start").asText("");
    if (!start.endsWith("\u0000") || start.length() < 2) {
      throw invalid("encoded start key is not valid");
    }
    String key = start.substring(0, start.length() - 1);
    ObjectKey after;
    if (namespaced) {
      int slash = key.indexOf('/');
      if (slash < 0) {
        throw invalid("encoded start key is not valid");
      }
      after = new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
    } else {
      after = ObjectKey.cluster(key);
    }
    if (after.name().isEmpty() || after.name().contains("/")) {
      throw invalid("encoded start key is not valid");
    }
    return new ContinueToken(rv, after);
  }

  private static StorageException.BadRequest invalid(String why) {
    return new StorageException.BadRequest("continue key is not valid: " + why);
  }
}
