package io.milo.crm.apiserver.discovery;

import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GroupVersions arranges the kind declarations by group, then version, keeping declaration order: the
 * first version declared for a group is its preferred one.
 */
final class GroupVersions {
  private GroupVersions() {}

  static Map<String, Map<String, List<KindDeclaration>>> of(List<KindDeclaration> kinds) {
    Map<String, Map<String, List<KindDeclaration>>> byGroup = new LinkedHashMap<>();
    for (KindDeclaration kind : kinds) {
      byGroup.computeIfAbsent(kind.group(), g -> new LinkedHashMap<>())
          .computeIfAbsent(kind.version(), v -> new ArrayList<>()).add(kind);
    }
    return byGroup;
  }
}
