package io.milo.crm.storage;

/** ResourceVersions parses resourceVersion strings as clients send them. */
final class ResourceVersions {
  private ResourceVersions() {}

  /** 0 for null, "" or "0"; the number otherwise; BadRequest when it is not one. */
  static long parse(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      long rv = Long.parseLong(value);
      if (rv < 0) {
        throw new NumberFormatException();
      }
      return rv;
    } catch (NumberFormatException e) {
      throw new StorageException.BadRequest("invalid resource version: " + value);
    }
  }
}
