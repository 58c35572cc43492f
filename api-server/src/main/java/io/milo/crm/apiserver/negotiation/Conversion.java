package io.milo.crm.apiserver.negotiation;

/**
 * Conversion is what an Accept clause's {@code g}, {@code v} and {@code as} parameters ask the server to turn
 * its answer into (upstream's {@code MediaTypeOptions.Convert}); a parameter that is absent is empty.
 */
record Conversion(String group, String version, String kind) {
  static final String META_GROUP = "meta.k8s.io";
  static final String DISCOVERY_GROUP = "apidiscovery.k8s.io";

  boolean isMeta() {
    return group.equals(META_GROUP) && (version.equals("v1") || version.equals("v1beta1"));
  }

  boolean isAggregatedDiscovery() {
    return group.equals(DISCOVERY_GROUP) && (version.equals("v2") || version.equals("v2beta1"))
        && kind.equals("APIGroupDiscoveryList");
  }
}
