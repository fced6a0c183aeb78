package dev.sagemakergitops.local.spi;

import java.util.Optional;

/** ECR images as SageMaker sees them when a model or job names one. */
public interface ContainerImages {
  /**
   * The manifest media type of the image {@code imageUri} names
   * ({@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@sha256:digest]}), as
   * {@code PutImage} stored it; empty when the URI is not an image of this control plane's ECR.
   */
  Optional<String> manifestMediaType(String imageUri);
}
