package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.aws.AwsCallException;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.aws.ImageResolution;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ManifestFile;
import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.core.manifest.ContainerSpec;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.ManifestLoader;
import dev.sagemakergitops.core.manifest.ManifestLocator;
import dev.sagemakergitops.core.manifest.ManifestParseResult;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.ManifestSource;
import dev.sagemakergitops.core.manifest.ModelManifest;
import dev.sagemakergitops.core.manifest.VariantModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads manifests at a Git commit and pins their images, producing the {@link ResolvedManifest}s
 * operations start from. Reads only: Git objects and ECR's {@code DescribeImages}.
 */
public final class ManifestResolver {
  private final ManifestLoader loader = new ManifestLoader();
  private final ImagePinner pinner;

  public ManifestResolver(ImagePinner pinner) {
    this.pinner = pinner;
  }

  /**
   * The manifests at {@code ref} under {@code paths} (all when empty), resolved.
   *
   * @throws OperationInputException listing every problem (file, line, field) when any manifest
   *     does not load or names an image that does not exist
   */
  public List<ResolvedManifest> resolve(GitRepository repository, String ref, List<String> paths) {
    ResolvedCommit commit = repository.resolve(ref);
    String repositoryName = repository.lineageName();
    List<ManifestProblem> problems = new ArrayList<>();
    List<Loaded> loaded = new ArrayList<>();
    for (ManifestFile file : repository.readManifests(commit.id(), paths)) {
      ManifestParseResult result = loader.load(new ManifestSource(file.path(), file.blobId()), file.content());
      problems.addAll(result.problems());
      result.validManifest().ifPresent(manifest -> loaded.add(new Loaded(manifest, file)));
    }
    if (!problems.isEmpty()) {
      throw new OperationInputException(problems);
    }
    Set<ImageReference> images = new LinkedHashSet<>();
    for (Loaded each : loaded) {
      if (each.manifest.spec().image() != null) {
        images.add(each.manifest.spec().image());
      }
      containersOf(each.manifest).forEach(container -> images.add(container.image()));
      if (each.manifest.spec().training() != null && each.manifest.spec().training().image() != null) {
        images.add(each.manifest.spec().training().image());
      }
      VariantModelSpec.imagesByField(each.manifest.spec().endpoint()).values().forEach(images::add);
    }
    Map<ImageReference, ImageResolution> pinned = pinner.resolve(images);
    List<ResolvedManifest> out = new ArrayList<>();
    for (Loaded each : loaded) {
      ModelManifest manifest = each.manifest;
      List<ImageReference> containerImages = new ArrayList<>();
      List<ContainerSpec> containers = containersOf(manifest);
      for (int i = 0; i < containers.size(); i++) {
        ImageReference pinnedImage = pin(pinned, containers.get(i).image(), each, "spec.model.containers[" + i
            + "].image", problems);
        if (pinnedImage != null) {
          containerImages.add(pinnedImage);
        }
      }
      ImageReference image = manifest.spec().image() == null
          ? (containerImages.size() == containers.size() && !containers.isEmpty() ? containerImages.get(0) : null)
          : pin(pinned, manifest.spec().image(), each, "spec.image", problems);
      ImageReference trainingImage = null;
      if (manifest.spec().training() != null && manifest.spec().training().image() != null) {
        trainingImage = pin(pinned, manifest.spec().training().image(), each, "spec.training.image", problems);
      }
      Map<String, ImageReference> variantImages = new LinkedHashMap<>();
      VariantModelSpec.imagesByField(manifest.spec().endpoint()).forEach((field, reference) -> {
        ImageReference variantImage = pin(pinned, reference, each, field, problems);
        if (variantImage != null) {
          variantImages.put(variantName(manifest, field), variantImage);
        }
      });
      if (image != null) {
        GitOrigin origin = new GitOrigin(repositoryName, commit.id(), commit.commitTime(), each.file.path(),
            each.file.blobId());
        out.add(new ResolvedManifest(manifest, origin, image, trainingImage, each.file.text(), variantImages,
            containerImages));
      }
    }
    if (!problems.isEmpty()) {
      throw new OperationInputException(problems);
    }
    return out;
  }

  /**
   * The one manifest at {@code path}.
   *
   * @throws OperationInputException when it does not load or its image does not exist
   */
  public ResolvedManifest resolveOne(GitRepository repository, String ref, String path) {
    List<ResolvedManifest> all = resolve(repository, ref, List.of(path));
    if (all.size() != 1) {
      throw new OperationInputException(new ManifestProblem(path, 0, 0, "",
          "expected exactly one manifest at " + path + " in " + ref + ", found " + all.size()
              + "; name the manifest file itself"));
    }
    return all.get(0);
  }

  private static ImageReference pin(Map<ImageReference, ImageResolution> pinned, ImageReference reference,
      Loaded loaded, String field, List<ManifestProblem> problems) {
    ImageResolution resolution = pinned.get(reference);
    if (resolution instanceof ImageResolution.Resolved resolved) {
      return resolved.pinned();
    }
    if (resolution instanceof ImageResolution.AwsError error) {
      // ECR could not be asked (no network, throttling that outlasted the retries): not the manifest's fault.
      throw new AwsCallException(error.message(), error.errorCode(), null);
    }
    String message = resolution instanceof ImageResolution.Problem problem ? problem.message()
        : "image " + reference + " was not resolved";
    problems.add(ManifestLocator.problem(loaded.file.path(), loaded.file.text(), field, message));
    return null;
  }

  private static String variantName(ModelManifest manifest, String field) {
    int index = Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
    return manifest.spec().endpoint().variants().get(index).name();
  }

  private static List<ContainerSpec> containersOf(ModelManifest manifest) {
    return manifest.spec().model() == null ? List.of() : manifest.spec().model().containers();
  }

  private record Loaded(ModelManifest manifest, ManifestFile file) {}
}
