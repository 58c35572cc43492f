package io.milo.crm.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * GnosticV2Encoder writes a Swagger 2.0 document as the protobuf form {@code /openapi/v2} serves to
 * clients that ask for {@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}: gnostic's
 * {@code openapi.v2.Document} message in the wire format, as kube-openapi's {@code handler.ToProtoBinary}
 * produces it (gnostic's compiler reads the JSON, Go's {@code proto.Marshal} writes the message).
 * kubectl 1.27 and client-go of that era read only this form: kubectl's field validation verifier looks
 * for the PATCH operation whose {@code x-kubernetes-group-version-kind} matches and for its
 * {@code fieldValidation} query parameter, and {@code kubectl explain --output=plaintext-openapiv2}
 * reads the definitions. Values gnostic keeps as text ({@code Any.yaml}: vendor extensions, defaults,
 * enum values, examples) are written as YAML by {@link YamlText}.
 */
public final class GnosticV2Encoder {
  private GnosticV2Encoder() {}

  /**
   * The {@code openapi.v2.Document} bytes of {@code swagger}.
   *
   * @param swagger a Swagger 2.0 document as a JSON tree
   * @throws IllegalArgumentException when gnostic's compiler would refuse the document (a key its
   *     message has no field for, a missing required key, a value of the wrong type), naming the place
   */
  public static byte[] encode(JsonNode swagger) {
    return GnosticV2Messages.DOCUMENT.encode(swagger, "$root").toByteArray();
  }
}
