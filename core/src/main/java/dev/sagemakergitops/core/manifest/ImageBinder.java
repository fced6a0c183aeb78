package dev.sagemakergitops.core.manifest;

/**
 * Binds {@code spec.image}, the serving image, and checks that it lives in the manifest's region:
 * SageMaker pulls images from ECR in its own region only.
 */
final class ImageBinder {
  private ImageBinder() {}

  /** The image, or {@code null} (with problems recorded) when missing, malformed or in another region. */
  /**
   * The image; for an inference {@code pipeline} the containers name the images, so {@code spec.image}
   * is refused rather than left to mean nothing, and {@code null} is returned.
   */
  static ImageReference bind(YamlMapping spec, String region, boolean pipeline) {
    if (pipeline) {
      if (spec.has("image")) {
        spec.problem("image", "spec.image does not go with spec.model.containers: each container names its own"
            + " image (containers[i].image); remove spec.image (spec.training.image names a training image)");
      }
      return null;
    }
    return inRegion(spec, "image", region);
  }

  /** The image under {@code key} of {@code node}, or {@code null} (with a problem) when it is not in {@code region}. */
  static ImageReference inRegion(YamlMapping node, String key, String region) {
    ImageReference image = SageMakerFields.image(node, key, true);
    if (image != null && region != null && !image.region().equals(region)) {
      node.problem(key, "the image lives in ECR in " + image.region() + " but spec.region is " + region
          + "; SageMaker pulls images from its own region. Replicate the image to " + region
          + " (ECR replication) and use that registry");
    }
    return image;
  }
}
