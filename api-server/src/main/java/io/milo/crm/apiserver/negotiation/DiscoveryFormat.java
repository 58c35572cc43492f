package io.milo.crm.apiserver.negotiation;

/** DiscoveryFormat is which discovery document answers a request. */
public enum DiscoveryFormat {
  /** The legacy APIGroupList, APIGroup or APIResourceList, in JSON. */
  LEGACY,
  /** APIGroupDiscoveryList of apidiscovery.k8s.io/v2 (kube-aggregator and client-go 1.30 and later). */
  AGGREGATED_V2,
  /** APIGroupDiscoveryList of apidiscovery.k8s.io/v2beta1 (kube-aggregator 1.26 to 1.29 ask only for this). */
  AGGREGATED_V2BETA1;

  /** The apidiscovery.k8s.io version, for aggregated formats. */
  public String version() {
    return switch (this) {
      case LEGACY -> throw new IllegalStateException("legacy discovery has no apidiscovery.k8s.io version");
      case AGGREGATED_V2 -> "v2";
      case AGGREGATED_V2BETA1 -> "v2beta1";
    };
  }
}
