package dev.sagemakergitops.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One container of an inference pipeline ({@code spec.model.containers[i]}): its image, the host
 * name SageMaker knows it by, where its model artifact comes from, and its environment.
 *
 * @param image the container's image as the manifest names it (pinned to a digest before use)
 * @param hostname SageMaker's {@code ContainerHostname}, or {@code null} (then SageMaker names it by
 *     its position; only allowed in Serial mode, and only when no container names one)
 * @param modelPackage the approved model package version whose artifact the container serves, or
 *     {@code null}
 * @param artifact an S3 URI of the container's artifact, or {@code null}; never set together with
 *     {@code modelPackage}
 * @param environment the container's environment variables
 */
public record ContainerSpec(
    ImageReference image, String hostname, ModelPackageReference modelPackage, String artifact,
    Map<String, String> environment) {

  public ContainerSpec {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }
}
