package dev.sagemakergitops.core.status;

import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ManifestFile;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.EndpointConfigDefinition;
import dev.sagemakergitops.core.operation.deploy.LiveEndpoint;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.model.ServingModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * {@code status}: each endpoint of the manifests at a ref, against what it runs. Reads only, except
 * {@link #writeRevert}, which writes a commit on a branch (never to AWS).
 *
 * <p>The desired configuration is the name safe deploy would give it
 * ({@link EndpointConfigDefinition}); the live one is {@code DescribeEndpoint}'s. A rollback is
 * told by the endpoint's {@code sagemaker-gitops:endpoint-config} tag, which safe deploy writes as
 * soon as SageMaker accepted an update: when the endpoint is {@code InService} on another
 * configuration than the one last requested, that deployment did not take, whatever
 * {@code FailureReason} says (SageMaker may clear it after a rollback).
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
    String region = context.regionOf(manifest);
    String endpointName = manifest.manifest().spec().endpoint().name();
    String path = manifest.origin().manifestPath();
    String desired;
    String desiredProblem = null;
    try {
      desired = EndpointConfigDefinition.of(manifest, new ServingModels(context).define(manifest)).name();
    } catch (OperationInputException e) {
      desired = null;
      desiredProblem = e.getMessage();
    }
    SageMakerClient sageMaker = context.clients().sageMaker(region);
    Optional<DescribeEndpointResponse> found = LiveEndpoint.describe(sageMaker, endpointName);
    if (found.isEmpty()) {
      return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.OUT_OF_SYNC,
          "endpoint " + endpointName + " does not exist in " + region + "; deploy " + path + " to create it", desired,
          null, null, null, null, null);
    }
    DescribeEndpointResponse endpoint = found.get();
    String status = endpoint.endpointStatusAsString();
    String live = endpoint.endpointConfigName();
    String failure = endpoint.failureReason();
    Map<String, String> tags = tags(sageMaker, endpoint.endpointArn());
    String requested = tags.get(SafeDeployOperation.CONFIG_TAG);
    switch (status) {
      case "Creating":
      case "Updating":
      case "SystemUpdating":
        String target = endpoint.pendingDeploymentSummary() != null
            ? endpoint.pendingDeploymentSummary().endpointConfigName() : live;
        return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.UPDATING,
            "endpoint " + endpointName + " is " + status + " to " + target
                + (target != null && target.equals(desired) ? ", which is what " + path + " asks for"
                    : "; " + path + " asks for " + desired),
            desired, live, status, failure, requested, null);
      case "RollingBack":
      case "UpdateRollbackFailed":
        return rolledBack(manifest, repository, sageMaker, endpoint, desired, requested,
            "SageMaker " + ("RollingBack".equals(status) ? "is rolling back" : "could not roll back")
                + " the deployment of " + (requested != null ? requested : "a new configuration") + " to " + endpointName);
      default:
        break;
    }
    if (live != null && live.equals(desired) && "InService".equals(status)) {
      return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.IN_SYNC,
          "endpoint " + endpointName + " serves " + live + ", as " + path + " asks", desired, live, status, failure,
          requested, null);
    }
    if ("InService".equals(status) && requested != null && !requested.equals(live)) {
      return rolledBack(manifest, repository, sageMaker, endpoint, desired, requested,
          "the last deployment by sagemaker-gitops asked endpoint " + endpointName + " to serve " + requested
              + ", but it serves " + live + ": SageMaker rolled that deployment back");
    }
    String reason = desired == null
        ? "the configuration " + path + " asks for cannot be computed: " + desiredProblem
        : "endpoint " + endpointName + " is " + status + " on " + live + ", but " + path + " asks for " + desired
            + "; deploy it to bring the endpoint in line";
    return new EndpointSyncStatus(path, manifest.name(), region, endpointName, SyncState.OUT_OF_SYNC, reason, desired,
        live, status, failure, requested, null);
  }

  private EndpointSyncStatus rolledBack(ResolvedManifest manifest, GitRepository repository, SageMakerClient sageMaker,
      DescribeEndpointResponse endpoint, String desired, String requested, String what) {
    String offending = null;
    if (repository != null && requested != null) {
      offending = offendingCommit(repository, sageMaker, requested).orElse(null);
    }
    StringBuilder reason = new StringBuilder(what).append('.');
    if (endpoint.failureReason() != null && !endpoint.failureReason().isBlank()) {
      reason.append(" SageMaker's reason: ").append(endpoint.failureReason());
    }
    reason.append(offending != null ? " Revert commit " + offending + " (status can write the revert) or fix the "
        + "manifest and deploy again." : " Fix the manifest or revert the change, and deploy again.");
    return new EndpointSyncStatus(manifest.origin().manifestPath(), manifest.name(), context.regionOf(manifest),
        endpoint.endpointName(), SyncState.ROLLED_BACK, reason.toString(), desired, endpoint.endpointConfigName(),
        endpoint.endpointStatusAsString(), endpoint.failureReason(), requested, offending);
  }

  /**
   * The commit that introduced the manifest the configuration {@code requested} was made from: its
   * lineage tags name the commit the deploy ran at, the manifest's path and blob; walking back from
   * that commit along first parents, the oldest commit in the run of commits with that blob at that
   * path is where the change came in.
   */
  Optional<String> offendingCommit(GitRepository repository, SageMakerClient sageMaker, String requested) {
    Optional<String> arn = LiveEndpoint.describeConfig(sageMaker, requested).map(c -> c.endpointConfigArn());
    if (arn.isEmpty()) {
      return Optional.empty();
    }
    Lineage lineage = Lineage.fromTags(tags(sageMaker, arn.get()));
    if (lineage.commit() == null || lineage.manifestPath() == null || lineage.manifestBlob() == null) {
      return Optional.empty();
    }
    String introducing = null;
    for (int back = 0; back < HISTORY_LIMIT; back++) {
      String revision = lineage.commit() + "~" + back;
      Optional<String> blob = blobAt(repository, revision, lineage.manifestPath());
      if (blob.isEmpty() || !blob.get().equals(lineage.manifestBlob())) {
        break;
      }
      introducing = repository.resolve(revision).id();
    }
    return Optional.ofNullable(introducing);
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
