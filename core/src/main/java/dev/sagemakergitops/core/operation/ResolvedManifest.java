package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.ManifestLocator;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.ModelManifest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest read at a Git commit with its images pinned to digests: the input of every
 * operation. Everything an operation derives (names, tags, records) comes from this value, so the
 * same commit always yields the same resources.
 *
 * @param manifest the manifest
 * @param origin where it was read
 * @param image the serving image, pinned ({@code repository@sha256:...}); the tag it was pinned
 *     from stays in the manifest's {@code spec.image}. For an inference pipeline, which has no
 *     {@code spec.image}, the first container's image: it stands for the model wherever one image
 *     is asked for (the lineage tags' {@code image-digest}), while {@code containerImages} name them all
 * @param trainingImage the training image, pinned, or {@code null} when the manifest's training
 *     section names none (then the serving image trains)
 * @param text the manifest's YAML text, so a problem found later points at its line
 * @param variantImages the pinned image of each variant whose own model names one
 *     ({@code spec.endpoint.variants[].model.image}), by variant name
 * @param containerImages the images of {@code spec.model.containers}, pinned and in order; empty for
 *     a manifest without containers
 */
public record ResolvedManifest(ModelManifest manifest, GitOrigin origin, ImageReference image,
    ImageReference trainingImage, String text, Map<String, ImageReference> variantImages,
    List<ImageReference> containerImages) {

  /** A manifest of one serving image, none of whose variants names its own image. */
  public ResolvedManifest(ModelManifest manifest, GitOrigin origin, ImageReference image,
      ImageReference trainingImage, String text) {
    this(manifest, origin, image, trainingImage, text, Map.of(), List.of());
  }

  /** A manifest of one serving image (no {@code spec.model.containers}). */
  public ResolvedManifest(ModelManifest manifest, GitOrigin origin, ImageReference image,
      ImageReference trainingImage, String text, Map<String, ImageReference> variantImages) {
    this(manifest, origin, image, trainingImage, text, variantImages, List.of());
  }

  /** An inference pipeline none of whose variants names its own image. */
  public ResolvedManifest(ModelManifest manifest, GitOrigin origin, ImageReference image,
      ImageReference trainingImage, String text, List<ImageReference> containerImages) {
    this(manifest, origin, image, trainingImage, text, Map.of(), containerImages);
  }

  public ResolvedManifest {
    variantImages = Collections.unmodifiableMap(new LinkedHashMap<>(variantImages == null ? Map.of() : variantImages));
    variantImages.forEach((variant, pinned) -> {
      if (!pinned.isPinned()) {
        throw new IllegalArgumentException("variant " + variant + "'s image " + pinned + " is not pinned to a digest");
      }
    });
    containerImages = List.copyOf(containerImages == null ? List.of() : containerImages);
    if (containerImages.stream().anyMatch(i -> !i.isPinned())) {
      throw new IllegalArgumentException("container images " + containerImages + " are not all pinned to digests");
    }
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(image, "image");
    if (!image.isPinned()) {
      throw new IllegalArgumentException("image " + image + " is not pinned to a digest");
    }
    if (trainingImage != null && !trainingImage.isPinned()) {
      throw new IllegalArgumentException("training image " + trainingImage + " is not pinned to a digest");
    }
  }

  /** The pinned image of variant {@code variantName}'s own model, when it names one. */
  public Optional<ImageReference> variantImage(String variantName) {
    return Optional.ofNullable(variantImages.get(variantName));
  }

  /**
   * The serving image as the manifest names it (usually by tag), for lineage; for an inference
   * pipeline the first container's.
   */
  public ImageReference specifiedImage() {
    return manifest.spec().image() != null ? manifest.spec().image()
        : manifest.spec().model().containers().get(0).image();
  }

  /** The training image, pinned: the manifest's own training image, else the serving image. */
  public ImageReference effectiveTrainingImage() {
    return trainingImage != null ? trainingImage : image;
  }

  /** A problem at {@code fieldPath} (for example {@code spec.model.package}) of this manifest. */
  public ManifestProblem problemAt(String fieldPath, String message) {
    return ManifestLocator.problem(origin.manifestPath(), text == null ? "" : text, fieldPath, message);
  }

  /** The manifest's region, or {@code defaultRegion} when it names none. */
  public String region(String defaultRegion) {
    return manifest.spec().region() != null ? manifest.spec().region() : defaultRegion;
  }

  /** The manifest's name. */
  public String name() {
    return manifest.name();
  }
}
