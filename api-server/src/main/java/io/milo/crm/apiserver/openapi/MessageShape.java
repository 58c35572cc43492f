package io.milo.crm.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * MessageShape is one message of gnostic's {@code openapi.v2} protobuf schema as gnostic's compiler
 * fills it from a JSON object: which key goes to which field number as what, which keys must be
 * there, and where the {@code x-} keys go ({@code repeated NamedAny vendor_extension}). Encoding
 * refuses what gnostic refuses (a missing required key, a key the message has no field for, a value
 * of the wrong JSON type), because the kube-apiserver cannot serve a document gnostic rejects either.
 * Fields are written in field-number order, as Go's {@code proto.Marshal} writes them.
 */
final class MessageShape implements MessageEncoder {
  private enum Kind { STRING, BOOL, INT64, DOUBLE, STRINGS, ANY, ANYS, MESSAGE, MESSAGES, VENDOR_EXTENSIONS }

  private record Field(String key, int number, Kind kind, Supplier<MessageEncoder> nested) {}

  private final String name;
  private final List<Field> fields = new ArrayList<>();
  private final Set<String> required = new LinkedHashSet<>();
  private boolean anyKeyAllowed;

  private MessageShape(String name) {
    this.name = name;
  }

  /** The shape of message {@code name}, e.g. "Schema", filled in by the builder methods. */
  static MessageShape message(String name) {
    return new MessageShape(name);
  }

  MessageShape string(String key, int number) {
    return add(key, number, Kind.STRING, null);
  }

  MessageShape bool(String key, int number) {
    return add(key, number, Kind.BOOL, null);
  }

  MessageShape int64(String key, int number) {
    return add(key, number, Kind.INT64, null);
  }

  MessageShape float64(String key, int number) {
    return add(key, number, Kind.DOUBLE, null);
  }

  MessageShape strings(String key, int number) {
    return add(key, number, Kind.STRINGS, null);
  }

  /** An {@code openapi.v2.Any}: the value as YAML text. */
  MessageShape any(String key, int number) {
    return add(key, number, Kind.ANY, null);
  }

  /** A {@code repeated Any} from a JSON array. */
  MessageShape anys(String key, int number) {
    return add(key, number, Kind.ANYS, null);
  }

  /** A submessage; a supplier, since messages nest recursively (Schema in Schema). */
  MessageShape message(String key, int number, Supplier<MessageEncoder> nested) {
    return add(key, number, Kind.MESSAGE, nested);
  }

  /** A repeated submessage from a JSON array. */
  MessageShape messages(String key, int number, Supplier<MessageEncoder> nested) {
    return add(key, number, Kind.MESSAGES, nested);
  }

  /** {@code repeated NamedAny vendor_extension = number}: every {@code x-} key, in document order. */
  MessageShape vendorExtensions(int number) {
    return add(null, number, Kind.VENDOR_EXTENSIONS, null);
  }

  MessageShape required(String... keys) {
    required.addAll(List.of(keys));
    return this;
  }

  /** Other keys are ignored instead of refused (gnostic does not check JsonReference's keys). */
  MessageShape anyKeyAllowed() {
    anyKeyAllowed = true;
    return this;
  }

  /** Whether gnostic would accept every key of {@code node} for this message. */
  boolean acceptsKeysOf(JsonNode node) {
    for (String key : MessageShape.keys(node)) {
      if (!knows(key)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public WireMessage encode(JsonNode node, String where) {
    if (!node.isObject()) {
      throw Refusal.at(where, "has unexpected value for " + name + ": " + node);
    }
    for (String key : required) {
      if (!node.has(key)) {
        throw Refusal.at(where, "is missing required property: " + key);
      }
    }
    if (!anyKeyAllowed) {
      for (String key : MessageShape.keys(node)) {
        if (!knows(key)) {
          throw Refusal.at(where, "has invalid property: " + key);
        }
      }
    }
    WireMessage out = new WireMessage();
    List<Field> ordered = new ArrayList<>(fields);
    ordered.sort(Comparator.comparingInt(Field::number));
    for (Field field : ordered) {
      if (field.kind() == Kind.VENDOR_EXTENSIONS) {
        vendorExtensions(out, field.number(), node);
        continue;
      }
      JsonNode value = node.get(field.key());
      if (value != null) {
        write(out, field, value, where + "." + field.key());
      }
    }
    return out;
  }

  /** Writes the {@code x-} keys of {@code node} as {@code NamedAny} entries of field {@code number}. */
  static void vendorExtensions(WireMessage out, int number, JsonNode node) {
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (isVendorExtension(entry.getKey())) {
        out.message(number, new WireMessage().string(1, entry.getKey()).message(2, any(entry.getValue())));
      }
    }
  }

  /** gnostic's {@code Any} for a JSON value: only {@code yaml = 2} is set. */
  static WireMessage any(JsonNode value) {
    return new WireMessage().string(2, YamlText.of(value));
  }

  /** The keys of a JSON object, in document order. */
  static List<String> keys(JsonNode node) {
    return node.properties().stream().map(Map.Entry::getKey).toList();
  }

  static boolean isVendorExtension(String key) {
    return key.startsWith("x-");
  }

  private boolean knows(String key) {
    if (isVendorExtension(key) && fields.stream().anyMatch(f -> f.kind() == Kind.VENDOR_EXTENSIONS)) {
      return true;
    }
    return fields.stream().anyMatch(f -> key.equals(f.key()));
  }

  private MessageShape add(String key, int number, Kind kind, Supplier<MessageEncoder> nested) {
    fields.add(new Field(key, number, kind, nested));
    return this;
  }

  private static void write(WireMessage out, Field field, JsonNode value, String where) {
    int number = field.number();
    switch (field.kind()) {
      case STRING -> out.string(number, text(value, where));
      case BOOL -> {
        if (!value.isBoolean()) {
          throw Refusal.at(where, "has unexpected value: " + value + " (expected a boolean)");
        }
        out.bool(number, value.booleanValue());
      }
      case INT64 -> {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
          throw Refusal.at(where, "has unexpected value: " + value + " (expected an integer)");
        }
        out.int64(number, value.longValue());
      }
      case DOUBLE -> {
        if (!value.isNumber()) {
          throw Refusal.at(where, "has unexpected value: " + value + " (expected a number)");
        }
        out.float64(number, value.doubleValue());
      }
      case STRINGS -> {
        for (JsonNode item : array(value, where)) {
          out.element(number, text(item, where));
        }
      }
      case ANY -> out.message(number, any(value));
      case ANYS -> {
        for (JsonNode item : array(value, where)) {
          out.message(number, any(item));
        }
      }
      case MESSAGE -> out.message(number, field.nested().get().encode(value, where));
      case MESSAGES -> {
        int index = 0;
        for (JsonNode item : array(value, where)) {
          out.message(number, field.nested().get().encode(item, where + "[" + index++ + "]"));
        }
      }
      case VENDOR_EXTENSIONS -> throw new IllegalStateException("vendor extensions are written from the whole object");
    }
  }

  static String text(JsonNode value, String where) {
    if (!value.isTextual()) {
      throw Refusal.at(where, "has unexpected value: " + value + " (expected a string)");
    }
    return value.textValue();
  }

  private static JsonNode array(JsonNode value, String where) {
    if (!value.isArray()) {
      throw Refusal.at(where, "has unexpected value: " + value + " (expected an array)");
    }
    return value;
  }
}
