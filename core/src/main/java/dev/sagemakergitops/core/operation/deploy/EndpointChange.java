package dev.sagemakergitops.core.operation.deploy;

/** What a deploy did to the endpoint: the value of a result's and a saved state's {@code change}. */
public enum EndpointChange {
  /** CreateEndpoint: there was no endpoint. */
  CREATED,
  /** UpdateEndpoint to the manifest's configuration (sent by this run, or followed). */
  UPDATED,
  /** The endpoint already served the manifest's configuration. */
  UNCHANGED,
  /**
   * Only weights and instance counts differed: applied with UpdateEndpointWeightsAndCapacities on the
   * configuration the endpoint serves (no new model, configuration or fleet), or found applied so.
   */
  IN_PLACE
}
