package dev.sagemakergitops.core.cleanup;

import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.CleanUp;
import dev.sagemakergitops.core.operation.deploy.ReferencedResources;

/**
 * The clean-up a deploy does after it succeeded, when asked: delete the manifest's models and
 * endpoint configurations that none of its last commits resolves to, so that a revert within that
 * many commits still finds its resources by name and reuses them.
 */
public final class DeployCleanUp {
  /** How many commits' resources are kept when the user does not say. */
  public static final int DEFAULT_KEEP_COMMITS = 10;

  private DeployCleanUp() {}

  /**
   * What the deploy of {@code manifest} keeps: what the manifest resolved to (images pinned) in the
   * last {@code commits} commits of the first-parent history of the commit it was read at. Reads Git
   * and ECR before anything changes.
   *
   * @throws IllegalArgumentException when {@code commits} is below 1
   */
  public static CleanUp keepingLast(OperationContext context, GitRepository git, ResolvedManifest manifest,
      int commits) {
    return new ReferencedResources(context).fromHistory(git, manifest.origin().commitId(),
        manifest.origin().manifestPath(), commits, new ManifestResolver(ImagePinner.using(context.clients())));
  }
}
