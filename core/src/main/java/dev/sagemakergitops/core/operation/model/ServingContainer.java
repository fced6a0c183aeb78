package dev.sagemakergitops.core.operation.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One container of an inference pipeline's {@link ServingModel}, as it goes into CreateModel's
 * {@code Containers}.
 *
 * @param hostname {@code ContainerHostname}, or {@code null} (SageMaker names it by position)
 * @param image the pinned image, {@code host/repository@sha256:...}
 * @param imageDigest the digest alone
 * @param modelDataUrl the artifact, or {@code null} for a container without one
 * @param modelPackageArn the package version the artifact comes from, or {@code null}
 * @param environment the container's environment variables
 */
public record ServingContainer(String hostname, String image, String imageDigest, String modelDataUrl,
    String modelPackageArn, Map<String, String> environment) {

  public ServingContainer {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /** The container as it is hashed into the model's name: every field, in a stable shape. */
  Map<String, Object> hashed() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hostname", hostname);
    out.put("image", image);
    out.put("modelDataUrl", modelDataUrl);
    out.put("modelPackage", modelPackageArn);
    out.put("environment", environment);
    return out;
  }
}
