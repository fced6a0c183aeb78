package dev.sagemakergitops.local.sagemaker.images;

import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.spi.ContainerImages;
import java.util.Optional;

/**
 * The check SageMaker makes when a model, training job or transform job names a container image: the
 * image's manifest media type must be one SageMaker runs. See the package manual for the sources.
 */
public final class SupportedImages {
  private static final String OCI_PREFIX = "application/vnd.oci.image.";
  private static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

  private final Installation installation;

  public SupportedImages(Installation installation) {
    this.installation = installation;
  }

  /**
   * Refuses {@code image} (as the request wrote it) with SageMaker's {@code ValidationException} when
   * the local ECR holds it with an OCI media type or as a Docker manifest list. Images the local ECR
   * does not hold pass: the control plane does not model other registries.
   */
  public void check(String image) {
    if (image == null || image.isBlank()) {
      return;
    }
    Optional<ContainerImages> images;
    try {
      images = Optional.of(installation.capability(ContainerImages.class));
    } catch (IllegalStateException e) {
      images = Optional.empty();
    }
    images.flatMap(registry -> registry.manifestMediaType(image))
        .filter(mediaType -> mediaType.startsWith(OCI_PREFIX) || mediaType.equals(DOCKER_MANIFEST_LIST))
        .ifPresent(mediaType -> {
          throw AwsServiceException.validation("Unsupported manifest media type " + mediaType + " for image " + image
              + ". Ensure that valid manifest media type is used for specified image.");
        });
  }
}
