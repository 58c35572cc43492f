package io.milo.crm.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * MessageEncoder turns one JSON value of a Swagger 2.0 document into the gnostic {@code openapi.v2}
 * protobuf message it becomes: a plain message ({@link MessageShape}), or one of gnostic's oneof and
 * map messages ({@link GnosticV2Messages}).
 */
@FunctionalInterface
interface MessageEncoder {
  /**
   * @param where the value's place in the document, for refusals, e.g. {@code $root.paths./apis}
   * @throws IllegalArgumentException when gnostic would refuse the value
   */
  WireMessage encode(JsonNode value, String where);
}
