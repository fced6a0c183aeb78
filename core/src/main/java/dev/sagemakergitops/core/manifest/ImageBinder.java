package dev.sagemakergitops.core.manifest;

/**
 * Binds {@code spec.image}, the serving image, and checks that it lives in the manifest's region:
 * SageMaker pulls images from ECR in its own region only.
 */
final class ImageBinder {
  private ImageBinder() {}

  /** The image, or {@code null} (with problems recorded) when missing, malformed or in another region. */
  static ImageReference bind(YamlMapping spec, String region) {
    ImageReference image = SageMakerFields.image(spec, "image", true);
    if (image != null && region != null && !image.region().equals(region)) {
      spec.problem("image", "the image lives in ECR in " + image.region() + " but spec.region is " + region
          + "; SageMaker pulls images from its own region. Replicate the image to " + region
          + " (ECR replication) and use that registry");
    }
    return image;
  }
}
