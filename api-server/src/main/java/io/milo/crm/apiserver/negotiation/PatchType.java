package io.milo.crm.apiserver.negotiation;

/**
 * PatchType is a patch format the kube-apiserver accepts for custom resources, named by its Content-Type
 * (k8s.io/apiextensions-apiserver pkg/apiserver/customresource_handler.go, {@code supportedTypes}).
 * Strategic merge patch is not one of them: it needs Go struct tags that custom resources do not have, and
 * the garbage collector relies on the 415 to fall back to merge patch.
 */
public enum PatchType {
  JSON_PATCH("application/json-patch+json"),
  MERGE_PATCH("application/merge-patch+json"),
  APPLY_PATCH("application/apply-patch+yaml");

  private final String mediaType;

  PatchType(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The Content-Type that selects this patch type. */
  public String mediaType() {
    return mediaType;
  }
}
