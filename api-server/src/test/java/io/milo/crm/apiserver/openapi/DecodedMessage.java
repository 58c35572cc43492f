package io.milo.crm.apiserver.openapi;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DecodedMessage reads protobuf bytes without any schema, with protobuf-java's generic
 * {@link UnknownFieldSet}: the tests name the field numbers of gnostic's OpenAPIv2.proto themselves,
 * so they check the encoder against the wire format rather than against its own tables.
 */
final class DecodedMessage {
  private final UnknownFieldSet fields;

  private DecodedMessage(UnknownFieldSet fields) {
    this.fields = fields;
  }

  static DecodedMessage parse(byte[] bytes) {
    return parse(ByteString.copyFrom(bytes));
  }

  private static DecodedMessage parse(ByteString bytes) {
    try {
      return new DecodedMessage(UnknownFieldSet.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a protobuf message: " + e.getMessage(), e);
    }
  }

  boolean has(int field) {
    return fields.hasField(field);
  }

  /** The field numbers present, ascending. */
  List<Integer> fieldNumbers() {
    return List.copyOf(fields.asMap().keySet());
  }

  /** A string field; "" when absent, as proto3 reads it. */
  String string(int field) {
    List<ByteString> values = lengthDelimited(field);
    return values.isEmpty() ? "" : values.get(values.size() - 1).toStringUtf8();
  }

  List<String> strings(int field) {
    return lengthDelimited(field).stream().map(ByteString::toStringUtf8).toList();
  }

  /** A submessage that must be present. */
  DecodedMessage message(int field) {
    List<ByteString> values = lengthDelimited(field);
    if (values.isEmpty()) {
      throw new AssertionError("field " + field + " is absent; present: " + fieldNumbers());
    }
    return parse(values.get(values.size() - 1));
  }

  List<DecodedMessage> messages(int field) {
    return lengthDelimited(field).stream().map(DecodedMessage::parse).toList();
  }

  /** An int64 or bool field; 0 when absent. */
  long varint(int field) {
    List<Long> values = has(field) ? fields.getField(field).getVarintList() : List.of();
    return values.isEmpty() ? 0 : values.get(values.size() - 1);
  }

  /** A double field; 0 when absent. */
  double float64(int field) {
    List<Long> values = has(field) ? fields.getField(field).getFixed64List() : List.of();
    return values.isEmpty() ? 0 : Double.longBitsToDouble(values.get(values.size() - 1));
  }

  /** A gnostic map: {@code repeated Named<T> field}, each {@code {name = 1, value = 2}}, in order. */
  Map<String, DecodedMessage> named(int field) {
    Map<String, DecodedMessage> out = new LinkedHashMap<>();
    for (DecodedMessage entry : messages(field)) {
      out.put(entry.string(1), entry.message(2));
    }
    return out;
  }

  private List<ByteString> lengthDelimited(int field) {
    return has(field) ? fields.getField(field).getLengthDelimitedList() : List.of();
  }
}
