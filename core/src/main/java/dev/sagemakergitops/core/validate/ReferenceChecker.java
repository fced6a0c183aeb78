package dev.sagemakergitops.core.validate;

import dev.sagemakergitops.core.aws.AlarmLookup;
import dev.sagemakergitops.core.aws.AwsCallException;
import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.aws.ImageResolution;
import dev.sagemakergitops.core.aws.ModelPackageLookup;
import dev.sagemakergitops.core.aws.ModelPackageResult;
import dev.sagemakergitops.core.manifest.ContainerSpec;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.ModelManifest;
import dev.sagemakergitops.core.manifest.ModelPackageReference;
import dev.sagemakergitops.core.manifest.ModelSpec;
import dev.sagemakergitops.core.manifest.MultiModelArtifacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what manifests refer to in AWS, with read-only calls only: image tags and digests exist
 * in ECR (and are pinned to digests), including every inference pipeline container's image, model
 * package versions (of {@code spec.model.package} and of each container's {@code package}) exist, are complete and approved and
 * were built from the manifest's image, and rollback alarms exist.
 *
 * <p>Calls are batched: one ECR DescribeImages per repository, one DescribeModelPackage per
 * distinct package version, and CloudWatch DescribeAlarms per region with up to 100 names.
 */
public final class ReferenceChecker {
  private final AwsClients clients;

  public ReferenceChecker(AwsClients clients) {
    this.clients = clients;
  }

  /** The outcome: problems, and the digest of every image that resolved. */
  public record Result(List<ManifestProblem> problems, Map<ImageReference, String> digests) {
    public Result {
      problems = List.copyOf(problems);
      digests = Map.copyOf(digests);
    }
  }

  public Result check(List<LoadedManifest> manifests) {
    List<ManifestProblem> problems = new ArrayList<>();
    Map<ImageReference, String> digests = new LinkedHashMap<>();
    checkImages(manifests, problems, digests);
    checkModelPackages(manifests, problems, digests);
    checkAlarms(manifests, problems);
    return new Result(problems, digests);
  }

  private record Usage(LoadedManifest manifest, String field) {}

  private void checkImages(List<LoadedManifest> manifests, List<ManifestProblem> problems,
      Map<ImageReference, String> digests) {
    Map<ImageReference, List<Usage>> usages = new LinkedHashMap<>();
    for (LoadedManifest loaded : manifests) {
      var spec = loaded.manifest().spec();
      if (spec.image() != null) {
        usages.computeIfAbsent(spec.image(), k -> new ArrayList<>()).add(new Usage(loaded, "spec.image"));
      }
      List<ContainerSpec> containers = spec.model() == null ? List.of() : spec.model().containers();
      for (int i = 0; i < containers.size(); i++) {
        usages.computeIfAbsent(containers.get(i).image(), k -> new ArrayList<>())
            .add(new Usage(loaded, "spec.model.containers[" + i + "].image"));
      }
      if (spec.training() != null && spec.training().image() != null) {
        usages.computeIfAbsent(spec.training().image(), k -> new ArrayList<>())
            .add(new Usage(loaded, "spec.training.image"));
      }
      for (PackageUse use : packageUses(loaded.manifest())) {
        if (use.imageField() != null) {
          usages.computeIfAbsent(use.image(), k -> new ArrayList<>()).add(new Usage(loaded, use.imageField()));
        }
      }
    }
    if (usages.isEmpty()) {
      return;
    }
    Map<ImageReference, ImageResolution> resolutions = ImagePinner.using(clients).resolve(usages.keySet());
    for (var entry : usages.entrySet()) {
      ImageResolution resolution = resolutions.get(entry.getKey());
      if (resolution instanceof ImageResolution.Resolved resolved) {
        digests.put(entry.getKey(), resolved.digest());
      } else if (resolution instanceof ImageResolution.AwsError error) {
        // ECR could not be asked (an outage, no network): a failure of the check, not a problem of the manifest.
        throw new AwsCallException(error.message(), error.errorCode(), null);
      } else if (resolution instanceof ImageResolution.Problem problem) {
        for (Usage usage : entry.getValue()) {
          problems.add(usage.manifest().problemAt(usage.field(), problem.message()));
        }
      }
    }
  }

  private void checkModelPackages(List<LoadedManifest> manifests, List<ManifestProblem> problems,
      Map<ImageReference, String> digests) {
    Map<String, ModelPackageResult> seen = new LinkedHashMap<>();
    // One lookup per region: it caches group ARNs, so further versions of a group cost one call.
    Map<String, ModelPackageLookup> lookups = new LinkedHashMap<>();
    for (LoadedManifest loaded : manifests) {
      ModelManifest manifest = loaded.manifest();
      for (PackageUse use : packageUses(manifest)) {
        ModelPackageReference reference = use.modelPackage();
        String region = regionOf(manifest);
        ModelPackageResult result = seen.computeIfAbsent(region + "|" + reference,
            k -> lookups.computeIfAbsent(region, r -> new ModelPackageLookup(clients.sageMaker(r)))
                .describe(reference.group(), reference.version()));
        if (result instanceof ModelPackageResult.Found found) {
          checkVersion(loaded, use, found, use.image() == null ? null : digests.get(use.image()), problems);
        } else {
          problems.add(loaded.problemAt(use.field(), problemMessage(result)));
        }
      }
    }
  }

  /**
   * A version found: completed, approved and (for a use that names an image: {@code spec.model.package}
   * and a variant's own model) built from that image.
   */
  private static void checkVersion(LoadedManifest loaded, PackageUse use, ModelPackageResult.Found found,
      String expected, List<ManifestProblem> problems) {
    ModelPackageReference reference = use.modelPackage();
    String field = use.field();
    var version = found.modelPackage();
    if (!version.isCompleted()) {
      problems.add(loaded.problemAt(field, "model package " + reference + " is " + version.packageStatus()
          + ", not Completed; wait for its registration to finish or pick another version"));
    }
    if (!version.isApproved()) {
      problems.add(loaded.problemAt(field, "model package " + reference + " is " + version.approvalStatus()
          + "; SageMaker deploys Approved versions only. Approve it (aws sagemaker update-model-package"
          + " --model-package-arn " + version.arn() + " --model-approval-status Approved) or pick an approved"
          + " version"));
    }
    ModelManifest manifest = loaded.manifest();
    if (field.equals("spec.model.package") && manifest.spec().model().mode() == ModelSpec.Mode.MULTI_MODEL
        && !version.containers().isEmpty()) {
      MultiModelArtifacts.problem(version.containers().get(0).modelDataUrl())
          .ifPresent(p -> problems.add(loaded.problemAt("spec.model.mode", p)));
    }
    String packaged = version.containers().isEmpty() ? null : version.containers().get(0).imageDigest();
    if (expected != null && packaged != null && !expected.equals(packaged)) {
      String imageField = use.imageField() == null ? "spec.image" : use.imageField();
      problems.add(loaded.problemAt(field, "model package " + reference + " holds image " + packaged
          + " but " + imageField + " " + use.image() + " resolves to " + expected + "; a deployment must"
          + " serve the image the manifest names. Set " + imageField + " to the tag the package was built from,"
          + " or register a package from this image"));
    }
  }

  /**
   * A model package a manifest serves, with the image it is served with: {@code spec.model}'s, then
   * each variant's own model's.
   *
   * @param imageField the field naming the image when it is a variant's own, else {@code null} ({@code spec.image})
   */
  private record PackageUse(ModelPackageReference modelPackage, String field, ImageReference image, String imageField) {}

  private static List<PackageUse> packageUses(ModelManifest manifest) {
    List<PackageUse> uses = new ArrayList<>();
    if (manifest.spec().model() == null) {
      return uses;
    }
    if (manifest.spec().model().modelPackage() != null) {
      uses.add(new PackageUse(manifest.spec().model().modelPackage(), "spec.model.package", manifest.spec().image(),
          null));
    }
    // A pipeline container's package gives its artifact only: its image is the container's own.
    List<ContainerSpec> containers = manifest.spec().model().containers();
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i).modelPackage() != null) {
        uses.add(new PackageUse(containers.get(i).modelPackage(), "spec.model.containers[" + i + "].package", null,
            null));
      }
    }
    if (manifest.spec().endpoint() != null) {
      var variants = manifest.spec().endpoint().variants();
      for (int i = 0; i < variants.size(); i++) {
        var own = variants.get(i).model();
        if (own != null) {
          String at = "spec.endpoint.variants[" + i + "].model.";
          uses.add(new PackageUse(own.modelPackage(), at + "package",
              own.image() == null ? manifest.spec().image() : own.image(), own.image() == null ? null : at + "image"));
        }
      }
    }
    return uses;
  }

  private static String problemMessage(ModelPackageResult result) {
    if (result instanceof ModelPackageResult.GroupNotFound missing) {
      return missing.message();
    }
    if (result instanceof ModelPackageResult.VersionNotFound missing) {
      return missing.message();
    }
    return ((ModelPackageResult.Failed) result).message();
  }

  private void checkAlarms(List<LoadedManifest> manifests, List<ManifestProblem> problems) {
    Map<String, Set<String>> namesByRegion = new LinkedHashMap<>();
    for (LoadedManifest loaded : manifests) {
      var endpoint = loaded.manifest().spec().endpoint();
      if (endpoint != null) {
        namesByRegion.computeIfAbsent(regionOf(loaded.manifest()), k -> new LinkedHashSet<>())
            .addAll(endpoint.deployment().rollbackAlarms());
      }
    }
    Map<String, Set<String>> missingByRegion = new LinkedHashMap<>();
    for (var entry : namesByRegion.entrySet()) {
      if (!entry.getValue().isEmpty()) {
        missingByRegion.put(entry.getKey(), new AlarmLookup(clients.cloudWatch(entry.getKey())).missing(entry.getValue()));
      }
    }
    for (LoadedManifest loaded : manifests) {
      var endpoint = loaded.manifest().spec().endpoint();
      if (endpoint == null) {
        continue;
      }
      String region = regionOf(loaded.manifest());
      List<String> alarms = endpoint.deployment().rollbackAlarms();
      for (int i = 0; i < alarms.size(); i++) {
        if (missingByRegion.getOrDefault(region, Set.of()).contains(alarms.get(i))) {
          problems.add(loaded.problemAt("spec.endpoint.deployment.rollbackAlarms[" + i + "]", "CloudWatch alarm '"
              + alarms.get(i) + "' does not exist in " + region + "; SageMaker cannot roll back on an alarm it cannot"
              + " find. Create the alarm first (aws cloudwatch put-metric-alarm) or fix the name"));
        }
      }
    }
  }

  private String regionOf(ModelManifest manifest) {
    return manifest.spec().region() != null ? manifest.spec().region() : clients.defaultRegion().id();
  }
}
