package io.milo.crm.storage;

/**
 * Preconditions a write must meet, as in Kubernetes' {@code metav1.Preconditions}: the object's
 * uid and/or resourceVersion must equal the given values. A null value is not checked.
 */
public record Preconditions(String uid, Long resourceVersion) {
  public static final Preconditions NONE = new Preconditions(null, null);

  public static Preconditions resourceVersion(long rv) {
    return new Preconditions(null, rv);
  }

  public static Preconditions uid(String uid) {
    return new Preconditions(uid, null);
  }

  /** Throws {@link StorageException.Conflict} when the current object does not meet these. */
  public void check(ResourceType type, StoredObject current) {
    if (uid != null && !uid.equals(current.uid())) {
      throw new StorageException.Conflict(type, current.key(), "Precondition failed: UID in precondition: "
          + uid + ", UID in object meta: " + (current.uid() == null ? "" : current.uid()));
    }
    if (resourceVersion != null && resourceVersion != current.resourceVersion()) {
      throw new StorageException.Conflict(type, current.key(), "Precondition failed: ResourceVersion in precondition: "
          + resourceVersion + ", ResourceVersion in object meta: " + current.resourceVersion());
    }
  }
}
