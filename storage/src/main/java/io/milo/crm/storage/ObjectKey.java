package io.milo.crm.storage;

import java.util.Objects;

/**
 * ObjectKey names one object within a resource type: its namespace ("" for cluster-scoped kinds)
 * and its name.
 */
public record ObjectKey(String namespace, String name) {
  public ObjectKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  public static ObjectKey cluster(String name) {
    return new ObjectKey("", name);
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
