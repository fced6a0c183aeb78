package dev.sagemakergitops.core.operation.register;

import dev.sagemakergitops.core.aws.ModelPackageLookup;
import dev.sagemakergitops.core.aws.ModelPackageResult;
import dev.sagemakergitops.core.manifest.ContainerSpec;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * The containers of an inference pipeline registered as one model package version, in the
 * manifest's order: each pinned image, host name and environment, with its artifact. A container
 * with {@code artifact} keeps it, one with {@code package} takes that version's artifact (read, not
 * changed), and the one container that names neither is the one the build produced: it receives the
 * artifact being registered (the training job's, or {@code --artifact}).
 */
final class PipelineRegistration {
  private PipelineRegistration() {}

  /** The containers to register; empty for a manifest without {@code spec.model.containers}. */
  static List<PackageRegistration.Container> containers(ResolvedManifest manifest, RegisterRequest.Artifact artifact,
      ModelPackageLookup packages) {
    var model = manifest.manifest().spec().model();
    if (model == null || !model.isPipeline()) {
      return List.of();
    }
    long built = model.containers().stream().filter(c -> c.modelPackage() == null && c.artifact() == null).count();
    if (built != 1) {
      throw new OperationInputException(manifest.problemAt("spec.model.containers", "registering a pipeline puts the"
          + " registered artifact (" + artifact.s3Uri() + ") into the one container that names neither package nor"
          + " artifact, and " + built + " containers name neither; give every other container its package or"
          + " artifact"));
    }
    List<PackageRegistration.Container> out = new ArrayList<>();
    for (int i = 0; i < model.containers().size(); i++) {
      ContainerSpec container = model.containers().get(i);
      ImageReference image = manifest.containerImages().get(i);
      String modelDataUrl = container.artifact();
      if (container.modelPackage() != null) {
        modelDataUrl = artifactOf(manifest, packages, container, "spec.model.containers[" + i + "].package");
      } else if (modelDataUrl == null) {
        modelDataUrl = artifact.s3Uri();
      }
      out.add(new PackageRegistration.Container(container.hostname(), image.toString(), image.digest(), modelDataUrl,
          container.environment()));
    }
    return out;
  }

  private static String artifactOf(ResolvedManifest manifest, ModelPackageLookup packages, ContainerSpec container,
      String field) {
    ModelPackageResult result = packages.describe(container.modelPackage().group(), container.modelPackage().version());
    if (result instanceof ModelPackageResult.Found found && found.modelPackage().containers().size() == 1
        && found.modelPackage().containers().get(0).modelDataUrl() != null) {
      return found.modelPackage().containers().get(0).modelDataUrl();
    }
    if (result instanceof ModelPackageResult.Failed failed) {
      throw new IllegalStateException(failed.message());
    }
    String message = result instanceof ModelPackageResult.GroupNotFound missing ? missing.message()
        : result instanceof ModelPackageResult.VersionNotFound missing ? missing.message()
        : "model package " + container.modelPackage() + " is not a version of one container with an artifact;"
            + " name one that is, or the artifact itself (artifact: s3://...)";
    throw new OperationInputException(manifest.problemAt(field, message));
  }
}
