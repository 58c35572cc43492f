package io.milo.crm.storage;

/**
 * StorageException is every failure the store reports on purpose. The API layer turns each into
 * its {@code metav1.Status} in one place; anything else that escapes the store is a bug or an
 * infrastructure failure.
 */
public abstract sealed class StorageException extends RuntimeException {
  /** The wording Kubernetes uses when an update raced another write. */
  public static final String OPTIMISTIC_LOCK_MESSAGE =
      "the object has been modified; please apply your changes to the latest version and try again";

  protected StorageException(String message) {
    super(message, null, false, false);
  }

  protected StorageException(String message, Throwable cause) {
    super(message, cause, false, true);
  }

  /** A failure about one object: which type and key. */
  public abstract static sealed class ObjectException extends StorageException {
    private final ResourceType type;
    private final ObjectKey key;

    ObjectException(ResourceType type, ObjectKey key, String message) {
      super(message);
      this.type = type;
      this.key = key;
    }

    public ResourceType type() {
      return type;
    }

    public ObjectKey key() {
      return key;
    }
  }

  /** The object does not exist. */
  public static final class NotFound extends ObjectException {
    public NotFound(ResourceType type, ObjectKey key) {
      super(type, key, type.qualifiedName() + " \"" + key.name() + "\" not found");
    }
  }

  /** An object with that key already exists. */
  public static final class AlreadyExists extends ObjectException {
    public AlreadyExists(ResourceType type, ObjectKey key) {
      super(type, key, type.qualifiedName() + " \"" + key.name() + "\" already exists");
    }
  }

  /** A unique field's value is already held by another object (see ResourceType#uniqueFields). */
  public static final class UniqueValueTaken extends ObjectException {
    private final String field;
    private final String value;

    public UniqueValueTaken(ResourceType type, ObjectKey key, String field, String value) {
      super(type, key, type.qualifiedName() + " \"" + key.name() + "\": " + field + " \"" + value
          + "\" is already taken");
      this.field = field;
      this.value = value;
    }

    public String field() {
      return field;
    }

    public String value() {
      return value;
    }
  }

  /** A precondition (uid or resourceVersion) did not hold; the message says which. */
  public static final class Conflict extends ObjectException {
    public Conflict(ResourceType type, ObjectKey key, String detail) {
      super(type, key, "Operation cannot be fulfilled on " + type.qualifiedName() + " \"" + key.name() + "\": " + detail);
    }
  }

  /**
   * The requested resourceVersion is older than the retained history (HTTP 410). For a list with
   * a continue token, {@link #continueToken()} lets the client carry on inconsistently.
   */
  public static final class Expired extends StorageException {
    private final String continueToken;

    public Expired(String message, String continueToken) {
      super(message);
      this.continueToken = continueToken;
    }

    /** A token to continue the list at the latest state, or null. */
    public String continueToken() {
      return continueToken;
    }
  }

  /** The requested resourceVersion is newer than the store has seen within the wait (HTTP 504). */
  public static final class TooLargeResourceVersion extends StorageException {
    private final long requested;
    private final long current;

    public TooLargeResourceVersion(long requested, long current) {
      super("Too large resource version: " + requested + ", current: " + current);
      this.requested = requested;
      this.current = current;
    }

    public long requested() {
      return requested;
    }

    public long current() {
      return current;
    }
  }

  /** The request itself is malformed for the store: a bad continue token or resourceVersion (HTTP 400). */
  public static final class BadRequest extends StorageException {
    public BadRequest(String message) {
      super(message);
    }
  }

  /** The database cannot be reached or failed (HTTP 503 or 500). */
  public static final class Unavailable extends StorageException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
