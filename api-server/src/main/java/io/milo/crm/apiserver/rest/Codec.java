package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;

/**
 * Codec reads request bodies and writes responses as JSON or YAML. Reading is strict about what the
 * kube-apiserver's strict decoder reports: a duplicate field is an error the caller turns into 400
 * (Strict) or a warning, so it is found in a first strict pass and the body is then read leniently.
 */
public final class Codec {
  public static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();
  private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build();
  private static final ObjectMapper STRICT_YAML = new ObjectMapper(new YAMLFactory())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());

  private Codec() {}

  /** A body read: the tree, and the duplicate field the strict reading found, if any. */
  public record Decoded(JsonNode tree, String duplicateField) {}

  /** Reads a JSON or YAML body; malformed input is a 400 with the parser's reason. */
  public static Decoded decode(byte[] body, boolean yaml) {
    ObjectMapper lenient = yaml ? YAML : JSON;
    JsonNode tree;
    try {
      tree = lenient.readTree(body);
    } catch (IOException e) {
      throw ApiError.badRequest(decodeMessage(e));
    }
    if (tree == null || tree.isMissingNode()) {
      throw ApiError.badRequest("Object 'Kind' is missing in ''");
    }
    String duplicate = null;
    try {
      (yaml ? STRICT_YAML : STRICT_JSON).readTree(body);
    } catch (JsonProcessingException e) {
      duplicate = duplicateName(e);
    } catch (IOException e) {
      throw ApiError.badRequest(decodeMessage(e));
    }
    return new Decoded(tree, duplicate);
  }

  /** Reads a body that must be a JSON object (an API object or DeleteOptions). */
  public static ObjectNode decodeObject(byte[] body, boolean yaml) {
    JsonNode tree = decode(body, yaml).tree();
    if (!(tree instanceof ObjectNode object)) {
      throw ApiError.badRequest("json: cannot unmarshal " + jsonType(tree) + " into Go value of type map[string]interface {}");
    }
    return object;
  }

  public static byte[] json(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] yaml(JsonNode node) {
    try {
      return YAML.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectNode parseObject(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse", e);
    }
  }

  static String jsonType(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return "object";
  }

  private static String duplicateName(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int start = message.indexOf('\'');
    int end = message.indexOf('\'', start + 1);
    return message.startsWith("Duplicate field") && start >= 0 && end > start ? message.substring(start + 1, end) : null;
  }

  private static String decodeMessage(IOException e) {
    String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    return "the body of the request could not be decoded: " + detail;
  }
}
