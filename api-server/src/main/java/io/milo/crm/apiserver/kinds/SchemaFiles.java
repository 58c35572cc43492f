package io.milo.crm.apiserver.kinds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * SchemaFiles reads each kind's schema from {@code <kind in lower case>.json} next to this class and
 * checks that it is a whole-object schema. A file that is missing, is not JSON (duplicate keys
 * included) or has the wrong shape stops the server at startup with a message naming the kind.
 */
final class SchemaFiles {
  static final String DIRECTORY = "io/milo/crm/apiserver/kinds/";
  private static final List<String> ROOT_PROPERTIES = List.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final Function<String, InputStream> open;

  /** @param open opens a file by name (e.g. "person.json"), or answers null when there is none */
  SchemaFiles(Function<String, InputStream> open) {
    this.open = open;
  }

  /** The files shipped with the server. */
  static SchemaFiles onClasspath() {
    return new SchemaFiles(SchemaFiles::openOnClasspath);
  }

  static InputStream openOnClasspath(String fileName) {
    return SchemaFiles.class.getClassLoader().getResourceAsStream(DIRECTORY + fileName);
  }

  static String fileName(String kind) {
    return kind.toLowerCase(Locale.ROOT) + ".json";
  }

  /** The schema of {@code kind}; throws IllegalStateException naming the kind and the problem. */
  ObjectNode load(String kind) {
    String file = DIRECTORY + fileName(kind);
    JsonNode root;
    try (InputStream in = open.apply(fileName(kind))) {
      if (in == null) {
        throw problem(kind, "schema file " + file + " not found");
      }
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw problem(kind, "schema file " + file + " is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("kind " + kind + ": cannot read schema file " + file, e);
    }
    if (!(root instanceof ObjectNode object) || !"object".equals(root.path("type").asText())) {
      throw problem(kind, "schema file " + file + " must hold an object schema ({\"type\": \"object\", ...})");
    }
    for (String property : ROOT_PROPERTIES) {
      if (!root.path("properties").has(property)) {
        throw problem(kind, "schema file " + file + " declares no property " + property
            + "; a kind's schema describes the whole object: " + String.join(", ", ROOT_PROPERTIES));
      }
    }
    return object;
  }

  private static IllegalStateException problem(String kind, String message) {
    return new IllegalStateException("kind " + kind + ": " + message);
  }
}
