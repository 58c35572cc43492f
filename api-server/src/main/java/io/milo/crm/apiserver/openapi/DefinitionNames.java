package io.milo.crm.apiserver.openapi;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * DefinitionNames names a custom resource's definitions the way the CRD builder does
 * ({@code gvkToModelName} in builder.go, formerly {@code ToRESTFriendlyName}): the group's dot-separated
 * parts reversed, then version and kind, so Person of crm.milo.io/v1alpha1 is
 * {@code io.milo.crm.v1alpha1.Person}. The list kind is the kind followed by "List", as the CRD's
 * {@code spec.names.listKind} defaults to.
 */
final class DefinitionNames {
  private DefinitionNames() {}

  static String of(String group, String version, String kind) {
    List<String> parts = Arrays.asList(group.split("\\."));
    Collections.reverse(parts);
    return String.join(".", parts) + "." + version + "." + kind;
  }

  static String listKind(String kind) {
    return kind + "List";
  }
}
