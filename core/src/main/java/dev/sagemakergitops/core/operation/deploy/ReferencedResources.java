package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.git.GitPathNotFoundException;
import dev.sagemakergitops.core.git.GitRefNotFoundException;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The model and endpoint configuration names that manifests resolve to: what a clean-up must keep
 * so that reverting to any of them finds its resources. Reads only (the model package of each).
 */
public final class ReferencedResources {
  private final OperationContext context;

  public ReferencedResources(OperationContext context) {
    this.context = context;
  }

  /** The names {@code manifests} resolve to (those without a model or an endpoint are skipped). */
  public Set<String> of(Collection<ResolvedManifest> manifests) {
    Set<String> names = new LinkedHashSet<>();
    for (ResolvedManifest manifest : manifests) {
      if (manifest.manifest().spec().model() == null || manifest.manifest().spec().endpoint() == null) {
        continue;
      }
      DesiredServing desired;
      try {
        desired = DesiredServing.of(context, manifest);
      } catch (OperationInputException e) {
        // A package that no longer exists or is no longer approved cannot be reverted to anyway.
        continue;
      }
      names.add(desired.model().name());
      desired.variantModels().forEach(model -> names.add(model.name()));
      names.add(desired.config().name());
    }
    return names;
  }

  /**
   * The clean-up that keeps what the manifest at {@code manifestPath} resolved to in each of the
   * last {@code commits} commits of {@code ref}'s first-parent history ({@code ref}, {@code ref~1},
   * ...). A commit where the manifest is missing or does not resolve (an image deleted since)
   * contributes nothing; a history shorter than {@code commits} ends the walk.
   */
  public CleanUp fromHistory(GitRepository repository, String ref, String manifestPath, int commits,
      ManifestResolver resolver) {
    if (commits < 1) {
      throw new IllegalArgumentException("keep at least the last commit, got " + commits);
    }
    Set<String> blobs = new HashSet<>();
    Set<ResolvedManifest> manifests = new LinkedHashSet<>();
    for (int back = 0; back < commits; back++) {
      String revision = ref + "~" + back;
      try {
        repository.resolve(revision);
      } catch (GitRefNotFoundException e) {
        break;
      }
      try {
        ResolvedManifest manifest = resolver.resolveOne(repository, revision, manifestPath);
        if (blobs.add(manifest.origin().manifestBlobId())) {
          manifests.add(manifest);
        }
      } catch (GitPathNotFoundException | OperationInputException e) {
        // Not a deployable manifest at that commit: nothing there to keep.
      }
    }
    return CleanUp.keeping(commits, of(manifests));
  }
}
