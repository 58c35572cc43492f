package io.milo.crm.storage;

import java.util.Objects;

/**
 * ObjectKey names one object within a resource type: its namespace ("" for cluster-scoped kinds)
 * and its name.
 */
public record ObjectKey(String namespace, String name) implements Comparable<ObjectKey> {
  public ObjectKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  public static ObjectKey cluster(String name) {
    return new ObjectKey("", name);
  }

  /** Orders keys as lists return them: by namespace, then name, comparing bytes (collation "C"). */
  @Override
  public int compareTo(ObjectKey other) {
    int c = Utf8Order.compare(namespace, other.namespace);
    return c != 0 ? c : Utf8Order.compare(name, other.name);
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
