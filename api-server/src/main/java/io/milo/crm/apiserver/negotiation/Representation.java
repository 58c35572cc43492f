package io.milo.crm.apiserver.negotiation;

/** Representation is the form of a resource response the client asked for with Accept's {@code as}. */
public enum Representation {
  /** The resource itself (no {@code as}): the object, the {@code <Kind>List}, or events carrying objects. */
  RESOURCE,
  /** A meta.k8s.io Table built from the printer columns; on a watch, one Table per event. */
  TABLE,
  /** meta.k8s.io PartialObjectMetadata: kind, apiVersion and metadata only; on a watch, in each event. */
  PARTIAL_OBJECT_METADATA,
  /** meta.k8s.io PartialObjectMetadataList: the list's metadata and one PartialObjectMetadata per item. */
  PARTIAL_OBJECT_METADATA_LIST
}
