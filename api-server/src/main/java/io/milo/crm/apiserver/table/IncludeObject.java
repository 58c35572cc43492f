package io.milo.crm.apiserver.table;

/**
 * IncludeObject is the {@code includeObject} query parameter of a Table request: what each row's
 * {@code object} holds. As in the kube-apiserver (k8s.io/apiserver pkg/endpoints/handlers/response.go,
 * asTable), the default is {@link #METADATA}.
 */
public enum IncludeObject {
  /** No object: the row's {@code object} is null. */
  NONE("None"),
  /** A PartialObjectMetadata of the row's object (the default). */
  METADATA("Metadata"),
  /** The whole object. */
  OBJECT("Object");

  private final String value;

  IncludeObject(String value) {
    this.value = value;
  }

  /** The value as the query parameter spells it: None, Metadata or Object. */
  public String value() {
    return value;
  }

  /**
   * The policy the query parameter asks for; absent or empty means {@link #METADATA}. Matching is
   * case-sensitive, as upstream's.
   *
   * @throws IllegalArgumentException for any other value, with the message of the kube-apiserver's 400
   *     BadRequest (k8s.io/apimachinery pkg/apis/meta/v1beta1/validation ValidateTableOptions, wrapped by
   *     optionsForTransform)
   */
  public static IncludeObject parse(String value) {
    if (value == null || value.isEmpty()) {
      return METADATA;
    }
    for (IncludeObject policy : values()) {
      if (policy.value.equals(value)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("Unable to convert to Table as requested: includeObject: Invalid value: "
        + GoText.quote(value) + ": must be 'Metadata', 'Object', 'None', or empty");
  }
}
