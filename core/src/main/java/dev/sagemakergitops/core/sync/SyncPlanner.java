package dev.sagemakergitops.core.sync;

import dev.sagemakergitops.core.git.GitPathNotFoundException;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ManifestFile;
import dev.sagemakergitops.core.health.EndpointReads;
import dev.sagemakergitops.core.lineage.ExplainException;
import dev.sagemakergitops.core.lineage.Explainer;
import dev.sagemakergitops.core.lineage.Explanation;
import dev.sagemakergitops.core.manifest.Spec;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.transform.BatchTransformOperation;
import dev.sagemakergitops.core.status.EndpointStatusCheck;
import dev.sagemakergitops.core.status.EndpointSyncStatus;
import dev.sagemakergitops.core.status.SyncState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides what {@code sync} runs: for each manifest at the target commit, whether it changed since
 * what is deployed, and then its steps in order (shadow test when configured and the endpoint is
 * live, deploy, each batch transform).
 *
 * <p>What is deployed is read from AWS, not from a CI variable: {@link Explainer} reads the lineage
 * tags of the endpoint's live configuration, which name the commit and the Git blob of the manifest
 * it was made from. The manifest changed when its blob at the target commit differs. That needs no
 * history (a shallow clone works) and is right after a rollback, where the endpoint runs an older
 * commit than the last deploy asked for. With {@code --base}, the manifest's blob at that commit is
 * the comparison instead. A manifest without an endpoint (batch transforms only) is compared with
 * {@code --base}, else with the one commit every endpoint runs; when they run different commits (or
 * there is no endpoint), it is left alone and says so.
 *
 * <p>Before that comparison it reads what is in flight: the steps a sync of the same commit that did
 * not end still owes ({@link SyncJournal}), operation states saved for this commit (a deploy or a
 * transform killed midway), and the endpoint's health ({@link EndpointStatusCheck}). Owed steps run
 * first; a deployment of the very configuration the manifest asks for that is still in flight is
 * followed to its end (during an update SageMaker already names the new configuration as the
 * endpoint's, so its lineage alone would say "unchanged"). Another change in flight (another
 * deployment, a shadow test) is waited for by the deploy step, bounded by its conflict wait.
 *
 * <p>An endpoint whose last deployment SageMaker rolled back ({@link EndpointStatusCheck}) while the
 * manifest still asks for that same configuration is not deployed again: it would roll back again.
 * The item is blocked with the rollback as its failure, so {@code sync} exits 3 until the change is
 * reverted or fixed.
 *
 * <p>It reads AWS and Git only; what runs the steps (and where their states are saved) is the
 * caller's, which answers {@link SavedStates} for it.
 */
public final class SyncPlanner {
  private final OperationContext context;
  private final GitRepository git;
  private final String base;
  private final SyncJournal journal;
  private final SavedStates saved;

  /**
   * @param base the commit to compare with instead of what the endpoints run, or {@code null}
   * @param journal the journal of the sync of the target commit
   * @param saved whether an operation's state is saved for a manifest (a run killed midway)
   */
  public SyncPlanner(OperationContext context, GitRepository git, String base, SyncJournal journal,
      SavedStates saved) {
    this.context = context;
    this.git = git;
    this.base = base;
    this.journal = journal;
    this.saved = saved;
  }

  /**
   * Whether the state of an operation run for a manifest is saved, by the operation's name, the
   * manifest and the parts that tell its runs apart (a transform's name).
   */
  @FunctionalInterface
  public interface SavedStates {
    boolean saved(String operation, ResolvedManifest manifest, String... keyParts);
  }

  /** One item per manifest, in the order given. */
  public List<SyncItem> plan(List<ResolvedManifest> manifests) {
    return plan(manifests, 1);
  }

  /**
   * One item per manifest, in the order given, reading up to {@code readers} endpoints at once: a
   * fleet's reads (lineage, health) are a handful of calls per endpoint, and a parallel sync of
   * hundreds would otherwise spend minutes reading one endpoint after the other before it starts.
   */
  public List<SyncItem> plan(List<ResolvedManifest> manifests, int readers) {
    Explainer explainer = new Explainer(context.clients());
    EndpointStatusCheck status = new EndpointStatusCheck(context);
    List<SyncItem> items = new ArrayList<>(readEndpoints(manifests, readers,
        manifest -> withEndpoint(manifest, explainer, status)));
    Set<String> deployedCommits = new LinkedHashSet<>();
    for (SyncItem item : items) {
      if (item != null && item.deployedCommit() != null) {
        deployedCommits.add(item.deployedCommit());
      }
    }
    String transformBase = base != null ? base : deployedCommits.size() == 1 ? deployedCommits.iterator().next() : null;
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        items.set(i, withoutEndpoint(manifests.get(i), transformBase, deployedCommits.size()));
      }
    }
    return items;
  }

  /** {@code read} of each manifest with an endpoint ({@code null} for the others), in order, {@code readers} at a time. */
  private static List<SyncItem> readEndpoints(List<ResolvedManifest> manifests, int readers,
      Function<ResolvedManifest, SyncItem> read) {
    if (readers <= 1 || manifests.size() <= 1) {
      return manifests.stream().map(m -> m.manifest().spec().endpoint() == null ? null : read.apply(m))
          .collect(Collectors.toCollection(ArrayList::new));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(readers, manifests.size()));
    try {
      List<Future<SyncItem>> reads = new ArrayList<>();
      for (ResolvedManifest manifest : manifests) {
        reads.add(manifest.manifest().spec().endpoint() == null ? CompletableFuture.completedFuture(null)
            : pool.submit(() -> read.apply(manifest)));
      }
      List<SyncItem> items = new ArrayList<>();
      for (Future<SyncItem> item : reads) {
        items.add(item.get());
      }
      return items;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the endpoints", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private SyncItem withEndpoint(ResolvedManifest manifest, Explainer explainer, EndpointStatusCheck status) {
    String endpoint = manifest.manifest().spec().endpoint().name();
    String region = context.regionOf(manifest);
    // The endpoint's description and tags, read once for its health and its lineage both.
    EndpointReads reads = new EndpointReads(context.clients().sageMaker(region));
    EndpointSyncStatus standing = status.check(manifest, git, reads);
    List<String> resumed = resumed(manifest, true);
    Explanation explanation;
    try {
      explanation = explainer.explain(endpoint, region, reads);
    } catch (ExplainException missing) {
      return new SyncItem(manifest, endpoint, false, null, true, "endpoint " + endpoint + " does not exist in "
          + region + " yet", !resumed.isEmpty() ? resumed : steps(manifest, false, true), null);
    }
    String deployedCommit = explanation.lineage().commit();
    boolean deploySaved = saved.saved(SafeDeployOperation.NAME, manifest);
    if (!resumed.isEmpty()) {
      return new SyncItem(manifest, endpoint, true, deployedCommit, true, "a sync of this commit stopped before it"
          + " finished; running what it still owed", resumed, deploySaved ? null : blocked(standing));
    }
    if (standing.deployingDesired()) {
      // SageMaker already names the new configuration as the endpoint's during the update, so its
      // lineage says "unchanged": the deployment is followed to its end instead of taken for done.
      return new SyncItem(manifest, endpoint, true, deployedCommit, true, "the deployment of "
          + standing.desiredConfig() + " to endpoint " + endpoint + " is still in flight (" + standing.endpointStatus()
          + "); following it to its end", steps(manifest, false, true), null);
    }
    String deployedBlob = explanation.lineage().manifestBlob();
    String headBlob = manifest.origin().manifestBlobId();
    boolean changed;
    String reason;
    if (base != null) {
      Comparison comparison = compare(manifest, base, base);
      changed = comparison.changed();
      reason = comparison.reason();
    } else if (deployedBlob == null) {
      changed = true;
      reason = "endpoint " + endpoint + " carries no sagemaker-gitops lineage, so what it runs is unknown";
    } else {
      changed = !deployedBlob.equals(headBlob);
      reason = "endpoint " + endpoint + " runs commit " + abbreviated(deployedCommit) + (changed
          ? ", where the manifest was different" : ", where the manifest was the same");
    }
    if (!changed) {
      return new SyncItem(manifest, endpoint, true, deployedCommit, false, reason, List.of(), null);
    }
    return new SyncItem(manifest, endpoint, true, deployedCommit, true, reason, steps(manifest, true, true),
        blocked(standing));
  }

  /** When the endpoint already rolled back this very configuration: the failure to report instead of deploying it again. */
  private static OperationFailure blocked(EndpointSyncStatus standing) {
    if (standing.state() == SyncState.ROLLED_BACK && Objects.equals(standing.desiredConfig(),
        standing.requestedConfig())) {
      return new OperationFailure(OperationFailure.Kind.ROLLED_BACK, "not deployed again: " + standing.reason(),
          standing.failureReason(), List.of());
    }
    return null;
  }

  /**
   * The steps a sync of this commit that did not end still owes for {@code manifest}: the journal's,
   * else those from the first whose operation state is saved (a deploy or a transform killed midway
   * by another command of the same commit) onward.
   */
  private List<String> resumed(ResolvedManifest manifest, boolean endpointExists) {
    List<String> owed = journal.owed(manifest.origin().manifestPath());
    if (!owed.isEmpty()) {
      return owed;
    }
    List<String> all = steps(manifest, endpointExists, true);
    for (int i = 0; i < all.size(); i++) {
      String step = all.get(i);
      boolean stateSaved = step.equals(SyncItem.DEPLOY) ? saved.saved(SafeDeployOperation.NAME, manifest)
          : SyncItem.transformOf(step) != null && saved.saved(BatchTransformOperation.NAME, manifest,
              SyncItem.transformOf(step), null);
      if (stateSaved) {
        return all.subList(i, all.size());
      }
    }
    return List.of();
  }

  private SyncItem withoutEndpoint(ResolvedManifest manifest, String against, int deployedCommits) {
    if (manifest.manifest().spec().batchTransforms().isEmpty()) {
      return new SyncItem(manifest, null, false, null, false, "no endpoint and no batch transform: nothing to sync",
          List.of(), null);
    }
    List<String> resumed = resumed(manifest, false);
    if (!resumed.isEmpty()) {
      return new SyncItem(manifest, null, false, null, true, "a sync of this commit stopped before it finished;"
          + " running what it still owed", resumed, null);
    }
    if (against == null) {
      return new SyncItem(manifest, null, false, null, false, "no endpoint to read the deployed commit from ("
          + (deployedCommits == 0 ? "no endpoint is deployed" : "the endpoints run " + deployedCommits + " different"
          + " commits") + "); give --base to compare with a commit", List.of(), null);
    }
    Comparison comparison = compare(manifest, against,
        against.equals(base) ? against : abbreviated(against) + " (what the endpoints run)");
    boolean changed = comparison.changed();
    String reason = comparison.reason();
    return new SyncItem(manifest, null, false, null, changed, reason,
        changed ? steps(manifest, false, false) : List.of(), null);
  }

  private static List<String> steps(ResolvedManifest manifest, boolean endpointExists, boolean deploy) {
    Spec spec = manifest.manifest().spec();
    List<String> steps = new ArrayList<>();
    if (spec.shadowTest() != null && endpointExists && deploy) {
      steps.add(SyncItem.SHADOW);
    }
    if (deploy) {
      steps.add(SyncItem.DEPLOY);
    }
    spec.batchTransforms().keySet().forEach(name -> steps.add(SyncItem.TRANSFORM + name));
    return steps;
  }

  /** Whether {@code manifest} differs from its blob at {@code ref}, and a sentence saying so. */
  private Comparison compare(ResolvedManifest manifest, String ref, String label) {
    Optional<String> blob = blobAt(ref, manifest.origin().manifestPath());
    if (blob.isEmpty()) {
      return new Comparison(true, "the manifest is new since " + label);
    }
    boolean changed = !blob.get().equals(manifest.origin().manifestBlobId());
    return new Comparison(changed, (changed ? "the manifest changed since " : "the manifest is the same as at ") + label);
  }

  private record Comparison(boolean changed, String reason) {}

  private Optional<String> blobAt(String ref, String path) {
    try {
      List<ManifestFile> files = git.readManifests(ref, List.of(path));
      return files.isEmpty() ? Optional.empty() : Optional.ofNullable(files.get(0).blobId());
    } catch (GitPathNotFoundException absent) {
      return Optional.empty();
    }
  }

  private static String abbreviated(String commit) {
    return commit == null ? "(unknown)" : commit.substring(0, Math.min(12, commit.length()));
  }
}
