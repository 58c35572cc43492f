package io.milo.crm.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Terms are an object's rows in {@code object_terms}: (kind, key, value) for each label ('l') and
 * each selectable field value ('f'). Writes send the terms to add and to remove as JSON arrays, the
 * difference between the old and the new object, so an update that keeps its labels touches none.
 */
final class Terms {
  static final String NONE = "[]";
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private Terms() {}

  static Set<List<String>> of(Map<String, String> labels, Map<String, String> fields) {
    Set<List<String>> terms = new LinkedHashSet<>();
    labels.forEach((k, v) -> terms.add(List.of("l", k, v)));
    fields.forEach((k, v) -> terms.add(List.of("f", k, v)));
    return terms;
  }

  /**
   * The terms computed from the object's data: unique terms ('u', each non-empty unique field's
   * value, lower-cased) and index terms ('x', see TermIndex).
   */
  static Set<List<String>> unique(ResourceType type, ObjectNode object) {
    Set<List<String>> terms = new LinkedHashSet<>();
    for (TermIndex index : type.indexes()) {
      index.values(object).forEach(v -> terms.add(List.of("x", index.name(), v)));
    }
    Json.fields(object, type.uniqueFields()).forEach((k, v) -> {
      if (!v.isEmpty()) {
        terms.add(List.of("u", k, normalize(v)));
      }
    });
    return terms;
  }

  static String normalize(String value) {
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  static Set<List<String>> union(Set<List<String>> a, Set<List<String>> b) {
    Set<List<String>> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  static Set<List<String>> of(String labelsJson, String fieldsJson) {
    try {
      return of(Json.MAPPER.readValue(labelsJson, STRING_MAP), Json.MAPPER.readValue(fieldsJson, STRING_MAP));
    } catch (Exception e) {
      throw new IllegalStateException("stored labels or fields do not parse", e);
    }
  }

  /** The terms of a that are not in b, as a JSON array of [kind, key, value]. */
  static String minus(Set<List<String>> a, Set<List<String>> b) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (List<String> term : a) {
      if (!b.contains(term)) {
        ArrayNode t = out.addArray();
        term.forEach(t::add);
      }
    }
    return Json.write(out);
  }
}
