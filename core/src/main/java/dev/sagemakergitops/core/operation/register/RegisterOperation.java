package dev.sagemakergitops.core.operation.register;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.ModelPackageLookup;
import dev.sagemakergitops.core.aws.S3Objects;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.SageMakerModelPackages;
import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.register.RegisterState.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatusItem;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * {@code registerModel}: registers a model artifact as a version of the manifest's model package
 * group, with its lineage, and optionally writes the commit that bumps the manifest to it.
 *
 * <p>{@link #begin} checks everything before the first mutating call: the manifest has
 * {@code spec.registry} (and {@code spec.model} when a bump is asked for), an explicit artifact
 * exists in S3, and the evaluation report {@code spec.registry.metrics} names exists and is JSON.
 * Then the polls:
 *
 * <ol>
 *   <li>{@code Finding}: creates the group if it is missing; looks for a version with the same
 *       artifact and image digest ({@link RegisteredVersions}), which is reused: a model is never
 *       registered twice;
 *   <li>{@code Registering}: looks once more (an earlier attempt may have created the version and
 *       died before saving its state), then {@code CreateModelPackage} with a {@code ClientToken}
 *       derived from the same identity;
 *   <li>{@code Validating}: waits for {@code ModelPackageStatus} Completed;
 *   <li>{@code Bumping}: writes the bump commit, if asked.
 * </ol>
 */
public final class RegisterOperation implements Operation<RegisterRequest, RegisterState, RegisterResult> {
  private final OperationContext context;

  public RegisterOperation(OperationContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public String name() {
    return "registerModel";
  }

  @Override
  public Class<RegisterState> stateType() {
    return RegisterState.class;
  }

  /**
   * Checks the request and resolves the version to register. Reads S3 (the artifact when given
   * explicitly, the evaluation report); changes nothing.
   *
   * @throws OperationInputException naming file, line and field when the manifest has no
   *     {@code spec.registry}, a bump is asked for without {@code spec.model}, the artifact or the
   *     evaluation report does not exist, or the report is not JSON
   */
  @Override
  public RegisterState begin(RegisterRequest request) {
    ResolvedManifest manifest = request.manifest();
    if (manifest.manifest().spec().registry() == null) {
      throw new OperationInputException(manifest.problemAt("spec",
          "this manifest has no 'registry' section, so there is no model package group to register in; add "
              + "spec.registry with the group (and approval, metrics)"));
    }
    if (request.bump() != null && manifest.manifest().spec().model() != null
        && manifest.manifest().spec().model().isPipeline()) {
      throw new OperationInputException(manifest.problemAt("spec.model.containers",
          "a bump commit sets spec.model.package, and a pipeline's containers name their own; register without a"
              + " bump commit, and deploy the version from a manifest whose spec.model.package names it"));
    }
    if (request.bump() != null && manifest.manifest().spec().model() == null) {
      throw new OperationInputException(manifest.problemAt("spec",
          "a bump commit sets spec.model.package, but this manifest has no 'model' section; add spec.model "
              + "(package, executionRoleArn) or register without a bump commit"));
    }
    String region = context.regionOf(manifest);
    RegistrationInputs s3 = new RegistrationInputs(new S3Objects(context.clients().s3(region), region));
    if (request.artifact().trainingJob() == null) {
      // A training job's artifact is vouched for by SageMaker; one typed by hand is checked here,
      // rather than when a deployment fails to download it.
      s3.requireArtifact(manifest, request.artifact().s3Uri());
    }
    String metricsUri = manifest.manifest().spec().registry().metricsS3Uri();
    String metricsDigest = metricsUri == null ? null : s3.evaluationReportDigest(manifest, metricsUri);
    PackageRegistration registration = PackageRegistration.of(manifest, request.artifact(), context.build(),
        metricsDigest, PipelineRegistration.containers(manifest, request.artifact(),
            new ModelPackageLookup(context.clients().sageMaker(region))));
    BumpPlan bump = null;
    if (request.bump() != null) {
      String start = request.bump().startRef() != null ? request.bump().startRef() : manifest.origin().commitId();
      bump = new BumpPlan(request.bump().repository().toString(), request.bump().branch(), start,
          manifest.origin().manifestPath());
    }
    return new RegisterState(Stage.FINDING, region, registration, null, 0, false, bump, false);
  }

  @Override
  public Step<RegisterState, RegisterResult> poll(RegisterState state) {
    if (state.cancelRequested()) {
      return new Step.Failed<>(state, List.of(), OperationFailure.of(OperationFailure.Kind.CANCELLED,
          "registration was cancelled" + (state.packageArn() != null
              ? "; version " + state.registration().group() + "/" + state.version() + " stays registered"
              : " before a version was registered")));
    }
    return switch (state.stage()) {
      case FINDING -> find(state);
      case REGISTERING -> register(state);
      case VALIDATING -> validate(state);
      case BUMPING -> bump(state);
      // A finished registration is not polled; a saved state in this stage says so.
      case DONE -> throw new IllegalStateException("registerModel has no phase '" + state.phase() + "'");
    };
  }

  /** Nothing in SageMaker needs stopping: a registered version stays, one not yet registered never will be. */
  @Override
  public RegisterState cancel(RegisterState state) {
    return state.cancelling();
  }

  private Step<RegisterState, RegisterResult> find(RegisterState state) {
    List<OperationEvent> events = new ArrayList<>();
    if (ensureGroup(state)) {
      events.add(event(state, "created model package group " + state.registration().group()));
      return new Step.Running<>(state.inStage(Stage.REGISTERING), events, Duration.ZERO);
    }
    Optional<DescribeModelPackageResponse> found = versions(state).find(state.registration());
    if (found.isEmpty()) {
      return new Step.Running<>(state.inStage(Stage.REGISTERING), events, Duration.ZERO);
    }
    DescribeModelPackageResponse version = found.get();
    events.add(event(state, "model package " + state.registration().group() + "/" + version.modelPackageVersion()
        + " already serves " + state.registration().modelDataUrl() + " with image digest "
        + state.registration().imageDigest() + "; reusing it (" + version.modelApprovalStatusAsString() + ")"));
    return registered(state, version, true, events);
  }

  private Step<RegisterState, RegisterResult> register(RegisterState state) {
    Optional<DescribeModelPackageResponse> found = versions(state).find(state.registration());
    if (found.isPresent()) {
      DescribeModelPackageResponse version = found.get();
      return registered(state, version, false, List.of(event(state, "found model package "
          + state.registration().group() + "/" + version.modelPackageVersion() + " registered by an earlier attempt")));
    }
    String arn = sageMaker(state).createModelPackage(state.registration().toCreateRequest()).modelPackageArn();
    int version = versionOf(arn);
    RegisterState next = state.withPackage(Stage.VALIDATING, arn, version, false);
    return new Step.Running<>(next, List.of(event(next, "registered model package " + state.registration().group()
        + "/" + version + " (" + arn + ")")), context.polling().unknown(context.random()));
  }

  private Step<RegisterState, RegisterResult> validate(RegisterState state) {
    Optional<DescribeModelPackageResponse> described = versions(state).describe(state.packageArn());
    if (described.isEmpty()) {
      if (!state.reused()) {
        // Registered by this run a moment ago: DescribeModelPackage may not see it yet.
        throw EventualConsistency.notYetVisible("model package " + state.packageArn());
      }
      return new Step.Failed<>(state, List.of(), OperationFailure.of(OperationFailure.Kind.FAILED,
          "model package " + state.packageArn() + " was registered, but SageMaker no longer finds it (was it "
              + "deleted?); run again to register anew. If this run did not create it, CreateModelPackage answered "
              + "this registration's ClientToken with a version deleted since: SageMaker does not document how long "
              + "it remembers a token, so give the artifact a new S3 key (copy it) to register it as a new identity"));
    }
    return registered(state, described.get(), state.reused(), List.of());
  }

  /** Moves on from a version that exists, by its {@code ModelPackageStatus}. */
  private Step<RegisterState, RegisterResult> registered(RegisterState state, DescribeModelPackageResponse version,
      boolean reused, List<OperationEvent> events) {
    int number = version.modelPackageVersion() != null ? version.modelPackageVersion()
        : versionOf(version.modelPackageArn());
    String status = version.modelPackageStatusAsString();
    if (version.modelPackageStatus() == ModelPackageStatus.COMPLETED) {
      RegisterState next = state.withPackage(state.bump() != null ? Stage.BUMPING : Stage.DONE,
          version.modelPackageArn(), number, reused);
      if (state.bump() != null) {
        return new Step.Running<>(next, events, Duration.ZERO);
      }
      return new Step.Succeeded<>(next, events, result(next, null));
    }
    RegisterState next = state.withPackage(Stage.VALIDATING, version.modelPackageArn(), number, reused);
    if (version.modelPackageStatus() == ModelPackageStatus.FAILED
        || version.modelPackageStatus() == ModelPackageStatus.DELETING) {
      String reasons = reasons(version);
      return new Step.Failed<>(next, events, new OperationFailure(OperationFailure.Kind.FAILED,
          "model package " + state.registration().group() + "/" + number + " is " + status
              + (reasons.isEmpty() ? "" : ": " + reasons) + "; it holds this artifact and image digest, so "
              + "registering again finds it again: delete the version or register a new artifact",
          reasons.isEmpty() ? null : reasons, List.of()));
    }
    return new Step.Running<>(next, events, context.polling().unknown(context.random()));
  }

  private Step<RegisterState, RegisterResult> bump(RegisterState state) {
    String newPackage = state.registration().group() + "/" + state.version();
    Optional<CommitResult> commit = new BumpCommits(context.clock()).bump(state.bump(), newPackage);
    RegisterState done = state.inStage(Stage.DONE);
    OperationEvent event = commit.map(c -> event(done, "bump commit " + c.commitId().substring(0, 12) + " on branch "
            + c.shortBranchName() + " sets " + state.bump().manifestPath() + " to " + newPackage))
        .orElseGet(() -> event(done, state.bump().manifestPath() + " already names " + newPackage
            + "; no bump commit needed"));
    return new Step.Succeeded<>(done, List.of(event), result(done, commit.orElse(null)));
  }

  private RegisterResult result(RegisterState state, CommitResult commit) {
    return new RegisterResult(state.packageArn(), state.registration().group(), state.version(),
        state.registration().approvalStatus(), state.reused(),
        commit == null ? null : commit.shortBranchName(), commit == null ? null : commit.commitId());
  }

  /**
   * Creates the group unless it exists.
   *
   * @return true when this call created it (so it holds no version yet)
   */
  private boolean ensureGroup(RegisterState state) {
    SageMakerClient sageMaker = sageMaker(state);
    String group = state.registration().group();
    if (new SageMakerModelPackages(sageMaker).findGroup(group).isPresent()) {
      return false;
    }
    List<Tag> tags = List.of(
        Tag.builder().key(Lineage.TAG_PREFIX + "created-by").value("sagemaker-gitops").build(),
        Tag.builder().key(Lineage.TAG_PREFIX + "repository").value(Lineage.tagValue(state.registration().repository()))
            .build());
    try {
      sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group)
          .modelPackageGroupDescription("Model versions registered by sagemaker-gitops")
          .tags(tags));
      return true;
    } catch (SageMakerException e) {
      if (SageMakerErrors.isAlreadyExists(e)) {
        return false;
      }
      throw e;
    }
  }

  private static String reasons(DescribeModelPackageResponse version) {
    if (version.modelPackageStatusDetails() == null) {
      return "";
    }
    List<ModelPackageStatusItem> items = new ArrayList<>();
    if (version.modelPackageStatusDetails().hasValidationStatuses()) {
      items.addAll(version.modelPackageStatusDetails().validationStatuses());
    }
    if (version.modelPackageStatusDetails().hasImageScanStatuses()) {
      items.addAll(version.modelPackageStatusDetails().imageScanStatuses());
    }
    return items.stream().filter(item -> item.failureReason() != null)
        .map(item -> item.name() + ": " + item.failureReason()).collect(Collectors.joining("; "));
  }

  /** The version number at the end of a versioned package ARN ({@code .../<group>/<version>}). */
  static int versionOf(String arn) {
    int slash = arn.lastIndexOf('/');
    try {
      return Integer.parseInt(arn.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("expected a versioned model package ARN ending in /<version>, got " + arn, e);
    }
  }

  private RegisteredVersions versions(RegisterState state) {
    return new RegisteredVersions(sageMaker(state));
  }

  private SageMakerClient sageMaker(RegisterState state) {
    return context.clients().sageMaker(state.region());
  }

  private OperationEvent event(RegisterState state, String message) {
    return new OperationEvent(context.clock().instant(), state.phase(), message);
  }
}
