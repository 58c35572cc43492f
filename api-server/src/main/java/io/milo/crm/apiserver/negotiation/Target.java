package io.milo.crm.apiserver.negotiation;

/**
 * Target is what a response carries, which decides the conversions a client may ask for: upstream
 * negotiates the same way for all of them, then fails a conversion that does not fit the object
 * (k8s.io/apiserver pkg/endpoints/handlers/response.go, {@code asPartialObjectMetadata},
 * {@code asPartialObjectMetadataList}).
 */
public enum Target {
  /** One object: the answer of get, create, update, patch, and of a delete that returns the object. */
  OBJECT,
  /** A list (list, deletecollection). */
  LIST,
  /** A watch stream: each event carries one object, converted as for {@link #OBJECT}. */
  WATCH,
  /**
   * A watch with {@code sendInitialEvents=true} and bookmarks (WatchList): as {@link #WATCH}, but Table
   * clauses are skipped (k8s.io/apiserver pkg/endpoints/handlers/get.go, watchListEndpointRestrictions).
   */
  WATCH_LIST;

  boolean isWatch() {
    return this == WATCH || this == WATCH_LIST;
  }
}
