package dev.sagemakergitops.core.validate;

import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ManifestFile;
import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.core.manifest.ManifestLoader;
import dev.sagemakergitops.core.manifest.ManifestParseResult;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.ManifestSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code validate}: the manifests at a commit, first on their own (shape, SageMaker limits,
 * guardrail exclusions, names unique across the repository), then, unless offline, against AWS
 * ({@link ReferenceChecker}). Makes no mutating AWS call, ever; reference checks run only on
 * manifests that are valid on their own.
 */
public final class ManifestValidator {
  private final ManifestLoader loader = new ManifestLoader();
  private final ReferenceChecker references;
  private final String defaultRegion;

  private ManifestValidator(ReferenceChecker references, String defaultRegion) {
    this.references = references;
    this.defaultRegion = defaultRegion;
  }

  /**
   * Checks files only.
   *
   * @param defaultRegion the region of manifests without {@code spec.region}, used to tell whether
   *     two manifests deploy the same endpoint
   */
  public static ManifestValidator offline(String defaultRegion) {
    return new ManifestValidator(null, defaultRegion);
  }

  /** Checks files, then their references through read-only calls with {@code checker}. */
  public static ManifestValidator online(ReferenceChecker checker, String defaultRegion) {
    return new ManifestValidator(checker, defaultRegion);
  }

  /** Validates the manifests at {@code ref} under {@code paths} (all when empty). */
  public ValidationReport validate(GitRepository repository, String ref, List<String> paths) {
    ResolvedCommit commit = repository.resolve(ref);
    List<ManifestFile> files = repository.readManifests(commit.id(), paths);
    List<ManifestProblem> problems = new ArrayList<>();
    List<LoadedManifest> loaded = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (ManifestFile file : files) {
      checked.add(file.path());
      ManifestParseResult result = loader.load(new ManifestSource(file.path(), file.blobId()), file.content());
      problems.addAll(result.problems());
      result.validManifest().ifPresent(manifest -> loaded.add(new LoadedManifest(manifest, file.text())));
    }
    problems.addAll(ManifestSetChecks.check(loaded, defaultRegion));
    Map<dev.sagemakergitops.core.manifest.ImageReference, String> digests = Map.of();
    if (references != null && !loaded.isEmpty()) {
      ReferenceChecker.Result result = references.check(loaded);
      problems.addAll(result.problems());
      digests = result.digests();
    }
    problems.sort(Comparator.comparing(ManifestProblem::file).thenComparingInt(ManifestProblem::line)
        .thenComparingInt(ManifestProblem::column));
    return new ValidationReport(commit, checked, problems, digests, references == null);
  }
}
