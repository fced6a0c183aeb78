package dev.sagemakergitops.core.status;

import dev.sagemakergitops.core.aws.SageMakerHosting;
import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ManifestFile;
import dev.sagemakergitops.core.health.EndpointHealth;
import dev.sagemakergitops.core.health.EndpointHealthReader;
import dev.sagemakergitops.core.health.EndpointReads;
import dev.sagemakergitops.core.health.HealthState;
import dev.sagemakergitops.core.health.IntentTag;
import dev.sagemakergitops.core.health.Rollback;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.DesiredServing;
import dev.sagemakergitops.core.operation.deploy.EndpointConfigDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * {@code status}: each endpoint of the manifests at a ref, against what it runs. Reads only, except
 * {@link #writeRevert}, which writes a commit on a branch (never to AWS).
 *
 * <p>The desired configuration is the name safe deploy would give it
 * ({@link EndpointConfigDefinition}); how the endpoint stands is read by the one classifier of
 * endpoint health ({@link dev.sagemakergitops.core.health.EndpointHealthClassifier}) from
 * {@code DescribeEndpoint}, the intent tag safe deploy writes as soon as SageMaker accepted an
 * update, and the endpoint's unfinished inference experiments. In sync is judged before rolled
 * back; a rollback (the endpoint is back on the configuration the last deployment replaced) names
 * the commit to revert, taken from the intent tag; a configuration nobody in Git asked for is a
 * change outside Git; a running inference experiment is a shadow test in progress.
 */
public final class EndpointStatusCheck {
  /** How far back the history is searched for the commit that introduced a manifest. */
  static final int HISTORY_LIMIT = 1000;

  private final OperationContext context;

  public EndpointStatusCheck(OperationContext context) {
    this.context = context;
  }

  /** The status of every manifest with an endpoint at {@code ref}, resolved with {@code resolver}. */
  public List<EndpointSyncStatus> check(GitRepository repository, String ref, List<String> paths,
      ManifestResolver resolver) {
    List<EndpointSyncStatus> out = new ArrayList<>();
    for (ResolvedManifest manifest : resolver.resolve(repository, ref, paths)) {
      if (manifest.manifest().spec().endpoint() != null) {
        out.add(check(manifest, repository));
      }
    }
    return out;
  }

  /**
   * The status of {@code manifest}'s endpoint. With {@code repository} (may be {@code null}), a
   * rollback also names the commit to revert.
   */
  public EndpointSyncStatus check(ResolvedManifest manifest, GitRepository repository) {
    return check(manifest, repository, new EndpointReads(context.clients().sageMaker(context.regionOf(manifest))));
  }

  /**
   * The status of {@code manifest}'s endpoint, its description and tags read through {@code reads}
   * (a plan that goes on to read the endpoint's lineage shares them).
   */
  public EndpointSyncStatus check(ResolvedManifest manifest, GitRepository repository, EndpointReads reads) {
    EndpointSyncStatus status = checkConfig(manifest, repository, reads);
    var endpoint = manifest.manifest().spec().endpoint();
    if (!endpoint.hasVariantModels()) {
      return status;
    }
    Map<String, String> packages = new LinkedHashMap<>();
    for (var variant : endpoint.variants()) {
      packages.put(variant.name(), (variant.model() != null ? variant.model().modelPackage()
          : manifest.manifest().spec().model().modelPackage()).toString());
    }
    return status.withVariantModels(packages);
  }

  private EndpointSyncStatus checkConfig(ResolvedManifest manifest, GitRepository repository, EndpointReads reads) {
    String region = context.regionOf(manifest);
    String endpointName = manifest.manifest().spec().endpoint().name();
    String path = manifest.origin().manifestPath();
    String desired;
    String desiredProblem = null;
    EndpointConfigDefinition definition = null;
    try {
      definition = DesiredServing.of(context, manifest).config();
      desired = definition.name();
    } catch (OperationInputException e) {
      desired = null;
      desiredProblem = e.getMessage();
    }
    SageMakerClient sageMaker = context.clients().sageMaker(region);
    EndpointHealthReader.Reading reading = new EndpointHealthReader(reads).read(endpointName, desired);
    EndpointHealth health = reading.health();
    String live = health.liveConfig();
    String status = health.endpointStatus();
    String failure = health.failureReason();
    String requested = health.intent() == null ? null : health.intent().config();
    Optional<Rollback> rollback = Rollback.of(health);
    if (rollback.isPresent()) {
      return rolledBack(manifest, repository, sageMaker, health, rollback.get(), desired);
    }
    switch (health.state()) {
      case MISSING:
        return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.OUT_OF_SYNC,
            "endpoint " + endpointName + " does not exist in " + region + "; deploy " + path + " to create it", desired,
            null, null, null, null, null, health.state(), null);
      case SHADOW_TEST:
        return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.SHADOW_TEST,
            health.message() + "; it is judged when the experiment ends (a deploy waits for it)", desired, live,
            status, failure, requested, null, health.state(), health.targetConfig());
      case DEPLOYING:
      case UPDATING_ELSEWHERE:
      case SCALING:
      case CAPACITY_ROLLING_BACK:
      case SYSTEM_UPDATING:
      case DELETING:
        String target = health.targetConfig();
        return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.UPDATING,
            health.message() + (health.state() == HealthState.DEPLOYING || health.state() == HealthState.UPDATING_ELSEWHERE
                ? (target != null && target.equals(desired) ? ", which is what " + path + " asks for"
                    : "; " + path + " asks for " + desired) : ""),
            desired, live, status, failure, requested, null, health.state(), health.targetConfig());
      case HEALTHY:
        Optional<String> drift = desired == null || desired.equals(health.liveConfig()) || reading.endpoint().isEmpty()
            ? Optional.empty() : InPlaceWeights.drift(definition, reading.endpoint().get());
        if (drift.isPresent()) {
          // Applied in place earlier (the intent tag says so): live is that configuration with the
          // weights it runs now, which must still be the manifest's.
          return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.OUT_OF_SYNC,
              "endpoint " + endpointName + " serves " + live + " with " + path + "'s weights applied in place, but "
                  + drift.get() + " since (a change outside Git); deploy " + path + " to change them back in place",
              desired, live, status, failure, requested, null, health.state(), health.targetConfig());
        }
        if (desired != null) {
          return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.IN_SYNC,
              "endpoint " + endpointName + " serves " + live + ", as " + path + " asks", desired, live, status,
              failure, requested, null, health.state(), health.targetConfig());
        }
        break;
      case CHANGED_OUTSIDE_GIT:
        if (desired != null) {
          return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.OUT_OF_SYNC,
              health.message() + "; " + path + " asks for " + desired + ": deploy it to bring the endpoint back in line"
                  + " with Git", desired, live, status, failure, requested, null, health.state(), health.targetConfig());
        }
        break;
      default:
        break;
    }
    String reason = desired == null
        ? "the configuration " + path + " asks for cannot be computed: " + desiredProblem
        : "endpoint " + endpointName + " is " + status + " on " + live + ", but " + path + " asks for " + desired
            + "; deploy it to bring the endpoint in line";
    return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.OUT_OF_SYNC, reason, desired,
        live, status, failure, requested, null, health.state(), health.targetConfig());
  }

  /** A rollback ({@link Rollback}, read by {@code core.health}) names the commit to revert. */
  private EndpointSyncStatus rolledBack(ResolvedManifest manifest, GitRepository repository, SageMakerClient sageMaker,
      EndpointHealth health, Rollback rollback, String desired) {
    String offending = null;
    String requested = rollback.requestedConfig();
    if (repository != null && health.intent() != null) {
      offending = offendingCommit(repository, sageMaker, health.intent(), manifest.origin().manifestPath()).orElse(null);
    }
    String what = !rollback.rollbackFailed() ? health.message() : "SageMaker could not roll back the deployment of "
        + (requested != null ? requested : "a new configuration") + " to " + rollback.endpointName();
    StringBuilder reason = new StringBuilder(what).append('.').append(rollback.reasonSentence());
    reason.append(offending != null ? " Revert commit " + offending + " (status can write the revert) or fix the "
        + "manifest and deploy again." : " Fix the manifest or revert the change, and deploy again.");
    return new EndpointSyncStatus(manifest.origin().manifestPath(), manifest.name(), context.regionOf(manifest),
        health.endpointName(), SyncState.ROLLED_BACK, reason.toString(), desired, health.liveConfig(),
        health.endpointStatus(), health.failureReason(), requested, offending, health.state(), health.targetConfig());
  }

  /**
   * The commit that introduced the change whose deployment SageMaker rolled back. The intent tag
   * names the commit the deploy ran at; from there, back along the history, the oldest commit in the
   * run of commits with that same manifest blob at {@code manifestPath} is where the change came in.
   * Through a merge the walk follows the parent that had the blob, so the commit named is the
   * ordinary commit that made the change on its branch (a merge cannot be reverted without a
   * chosen mainline). The configuration's own lineage tags are not used when the intent names a
   * commit: a configuration reused by a later deploy (a revert, then the same change again) still
   * carries the tags of the deploy that first created it.
   *
   * <p>An intent tag written by an earlier version names no commit; the configuration's lineage
   * tags are then the only record, and give the commit and path they name.
   */
  Optional<String> offendingCommit(GitRepository repository, SageMakerClient sageMaker, IntentTag intent,
      String manifestPath) {
    String commit = intent.commit();
    String path = manifestPath;
    if (commit == null) {
      Optional<String> arn = new SageMakerHosting(sageMaker).findEndpointConfig(intent.config()).map(c -> c.endpointConfigArn());
      if (arn.isEmpty()) {
        return Optional.empty();
      }
      Lineage lineage = Lineage.fromTags(tags(sageMaker, arn.get()));
      if (lineage.commit() == null || lineage.manifestPath() == null) {
        return Optional.empty();
      }
      commit = lineage.commit();
      path = lineage.manifestPath();
    }
    Optional<String> blob = blobAt(repository, commit, path);
    if (blob.isEmpty()) {
      return Optional.empty();
    }
    String introducing = repository.resolve(commit).id();
    for (int step = 0; step < HISTORY_LIMIT; step++) {
      Optional<String> parent = parentWithBlob(repository, introducing, path, blob.get());
      if (parent.isEmpty()) {
        break;
      }
      introducing = parent.get();
    }
    return Optional.of(introducing);
  }

  /** The first parent of {@code commit} whose {@code path} has {@code blob}, if one does. */
  private static Optional<String> parentWithBlob(GitRepository repository, String commit, String path, String blob) {
    for (String parent : repository.resolve(commit).parentIds()) {
      if (blobAt(repository, parent, path).filter(blob::equals).isPresent()) {
        return Optional.of(parent);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> blobAt(GitRepository repository, String revision, String path) {
    try {
      List<ManifestFile> files = repository.readManifests(revision, List.of(path));
      return files.isEmpty() ? Optional.empty() : Optional.ofNullable(files.get(0).blobId());
    } catch (GitException e) {
      // No such commit (the start of history, a shallow clone) or no such file there.
      return Optional.empty();
    }
  }

  /**
   * Writes the revert of {@code status}'s offending commit on {@code branch} (created from
   * {@code startRef}), ready for a pull request that brings Git back in line with the endpoint.
   *
   * @throws IllegalArgumentException when {@code status} is not a rollback with a known offending commit
   */
  public CommitResult writeRevert(GitRepository repository, EndpointSyncStatus status, String branch, String startRef,
      PersonIdent author) {
    if (status.state() != SyncState.ROLLED_BACK || status.offendingCommit() == null) {
      throw new IllegalArgumentException("endpoint " + status.endpointName() + " is " + status.state()
          + (status.offendingCommit() == null ? " with no known commit to revert" : "") + "; nothing to revert");
    }
    return repository.revertCommit(branch, startRef, status.offendingCommit(), author);
  }

  private static Map<String, String> tags(SageMakerClient sageMaker, String arn) {
    Map<String, String> out = new HashMap<>();
    for (Tag tag : sageMaker.listTagsPaginator(r -> r.resourceArn(arn)).tags()) {
      out.put(tag.key(), tag.value());
    }
    return out;
  }
}
