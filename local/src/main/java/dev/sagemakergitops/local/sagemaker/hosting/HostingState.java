package dev.sagemakergitops.local.sagemaker.hosting;

import java.util.LinkedHashMap;
import java.util.Map;

/** The hosting resources of one region, in creation order. Touched only under the control plane's lock. */
final class HostingState {
  final Map<String, Model> models = new LinkedHashMap<>();
  final Map<String, EndpointConfig> configs = new LinkedHashMap<>();
  final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  final Map<String, InferenceExperiment> experiments = new LinkedHashMap<>();

  /** The endpoint whose name equals {@code name} ignoring case (names are unique that way). */
  Endpoint endpointIgnoringCase(String name) {
    for (Endpoint endpoint : endpoints.values()) {
      if (endpoint.name.equalsIgnoreCase(name)) {
        return endpoint;
      }
    }
    return null;
  }
}
