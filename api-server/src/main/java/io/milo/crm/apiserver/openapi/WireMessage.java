package io.milo.crm.apiserver.openapi;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * WireMessage is one protocol buffers message being written in the wire format, field after field,
 * the way Go's {@code proto.Marshal} writes a proto3 message of generated code: callers add fields in
 * field-number order; singular scalars holding their zero value are left out (implicit presence), a
 * submessage is written whenever it is set, even when empty, because readers tell "absent" from
 * "empty" (kube-openapi's pkg/util/proto treats a schema with an empty {@code properties} message as
 * a kind), and oneof members are always written.
 */
final class WireMessage {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

  /** A singular proto3 string: nothing for "". */
  WireMessage string(int field, String value) {
    return value.isEmpty() ? this : element(field, value);
  }

  /** One element of a repeated string, or a oneof string: written even when empty. */
  WireMessage element(int field, String value) {
    try {
      out.writeString(field, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A singular proto3 bool: nothing for false. */
  WireMessage bool(int field, boolean value) {
    return value ? oneofBool(field, true) : this;
  }

  /** A bool member of a oneof: written even when false. */
  WireMessage oneofBool(int field, boolean value) {
    try {
      out.writeBool(field, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A singular proto3 int64: nothing for 0. */
  WireMessage int64(int field, long value) {
    try {
      if (value != 0) {
        out.writeInt64(field, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A singular proto3 double: nothing for 0 (Go compares the bits, so -0 is written). */
  WireMessage float64(int field, double value) {
    try {
      if (Double.doubleToRawLongBits(value) != 0) {
        out.writeDouble(field, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A submessage (or one element of a repeated one): always written. */
  WireMessage message(int field, WireMessage message) {
    try {
      out.writeByteArray(field, message.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  byte[] toByteArray() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
