package io.milo.crm.apiserver.negotiation;

/** Encoding is the serialization of a response body, named by the Content-Type the server answers with. */
public enum Encoding {
  /** Compact JSON, one value per line on a watch. */
  JSON("application/json"),
  /** YAML as {@code sigs.k8s.io/yaml.JSONToYAML} writes it; never for a watch. */
  YAML("application/yaml");

  private final String contentType;

  Encoding(String contentType) {
    this.contentType = contentType;
  }

  /** The Content-Type of a response in this encoding, without parameters: upstream adds none for resources. */
  public String contentType() {
    return contentType;
  }
}
