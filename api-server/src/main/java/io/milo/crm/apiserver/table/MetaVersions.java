package io.milo.crm.apiserver.table;

import java.util.Set;

/**
 * MetaVersions are the versions of meta.k8s.io a Table or PartialObjectMetadata can be asked in;
 * the kube-apiserver serves both with the same shape.
 */
final class MetaVersions {
  static final String GROUP = "meta.k8s.io";
  static final Set<String> SERVED = Set.of("v1", "v1beta1");

  private MetaVersions() {}

  /** "meta.k8s.io/{@code version}"; for another version IllegalArgumentException with upstream's 406 message naming {@code kind}. */
  static String apiVersion(String version, String kind) {
    if (version == null || !SERVED.contains(version)) {
      throw new IllegalArgumentException("no " + kind + " exists in group version " + GROUP + "/" + version);
    }
    return GROUP + "/" + version;
  }
}
