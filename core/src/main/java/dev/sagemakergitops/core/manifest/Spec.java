package dev.sagemakergitops.core.manifest;

import java.util.Map;

/**
 * The body of a manifest. Each section is {@code null} when the manifest leaves it out; which
 * operations a manifest supports follows from which sections it has.
 *
 * @param region the AWS region, or {@code null} for the region chain
 * @param image the serving (and by default training) container image
 * @param training read by {@code sagemakerTrain}, or {@code null}
 * @param registry read by {@code registerModel}, or {@code null}
 * @param model the registered model that is served, or {@code null}
 * @param endpoint the real-time endpoint, or {@code null}
 * @param shadowTest the shadow test run before a deployment, or {@code null}
 * @param batchTransforms named batch transform jobs, in manifest order (may be empty)
 */
public record Spec(
    String region,
    ImageReference image,
    TrainingSpec training,
    RegistrySpec registry,
    ModelSpec model,
    EndpointSpec endpoint,
    ShadowTestSpec shadowTest,
    Map<String, BatchTransformSpec> batchTransforms) {

  public Spec {
    batchTransforms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(batchTransforms));
  }
}
