package io.milo.crm.apiserver.kinds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kinds is the catalogue of every kind the server serves, loaded once: the declarations in
 * {@link CrmKinds} and {@link NotificationKinds} with their schema files. Discovery, OpenAPI, routing,
 * validation and Tables all read it, so a kind is added in one place. Loading checks the wiring the
 * kube-apiserver checks before it serves anything (each schema file present, valid JSON and a
 * whole-object schema; no two kinds with the same resource or kind name in a group) and fails with a
 * message naming the kind and the problem; call {@link #all()} at startup to fail there.
 */
public final class Kinds {
  /** A name (plural or kind) within an API group. */
  record Key(String group, String name) {}

  /** The loaded declarations and their indexes. */
  record Catalogue(List<KindDeclaration> all, Map<Key, KindDeclaration> byResource,
      Map<Key, KindDeclaration> byKind, List<String> groups) {}

  private static volatile Catalogue catalogue;

  private Kinds() {}

  /** Every kind served, grouped by API group, in declaration order. */
  public static List<KindDeclaration> all() {
    return catalogue().all();
  }

  /** The kind served at {@code /apis/<group>/<version>/<plural>}, if any. */
  public static Optional<KindDeclaration> byResource(String group, String plural) {
    return Optional.ofNullable(catalogue().byResource().get(new Key(group, plural)));
  }

  /** The kind {@code kind} of {@code group}, if served. */
  public static Optional<KindDeclaration> byKind(String group, String kind) {
    return Optional.ofNullable(catalogue().byKind().get(new Key(group, kind)));
  }

  /** The API groups served, in declaration order. */
  public static List<String> groups() {
    return catalogue().groups();
  }

  /** Loads and checks every declaration, reading schemas from {@code files}. */
  static Catalogue load(SchemaFiles files) {
    List<KindDeclaration> all = new ArrayList<>(CrmKinds.declare(files));
    all.addAll(NotificationKinds.declare(files));
    return index(all);
  }

  private static Catalogue catalogue() {
    Catalogue loaded = catalogue;
    if (loaded == null) {
      // Loading twice in a race is harmless: both threads build the same catalogue.
      loaded = load(SchemaFiles.onClasspath());
      catalogue = loaded;
    }
    return loaded;
  }

  private static Catalogue index(List<KindDeclaration> all) {
    Map<Key, KindDeclaration> byResource = new HashMap<>();
    Map<Key, KindDeclaration> byKind = new HashMap<>();
    var groups = new LinkedHashSet<String>();
    for (KindDeclaration kind : all) {
      KindDeclaration other = byResource.put(new Key(kind.group(), kind.plural()), kind);
      if (other != null) {
        throw new IllegalStateException("kind " + kind.kind() + ": resource " + kind.plural() + "." + kind.group()
            + " is already served for kind " + other.kind());
      }
      if (byKind.put(new Key(kind.group(), kind.kind()), kind) != null) {
        throw new IllegalStateException("kind " + kind.kind() + " is declared twice in group " + kind.group());
      }
      groups.add(kind.group());
    }
    return new Catalogue(List.copyOf(all), Map.copyOf(byResource), Map.copyOf(byKind), List.copyOf(groups));
  }
}
