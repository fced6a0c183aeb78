package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.artifact.TrainedArtifacts;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.register.PackageRegistration;
import dev.sagemakergitops.core.operation.register.RegisterOperation;
import dev.sagemakergitops.core.operation.register.RegisterRequest;
import dev.sagemakergitops.core.operation.register.RegisterResult;
import dev.sagemakergitops.core.operation.register.RegisterState;
import dev.sagemakergitops.core.operation.train.TrainOperation;
import dev.sagemakergitops.core.operation.train.TrainRequest;
import dev.sagemakergitops.core.pullrequest.PullRequestFacts;
import dev.sagemakergitops.core.pullrequest.PullRequestTexts;
import java.util.Map;
import java.util.Optional;

/**
 * Wires {@code registerModel} to core's {@link RegisterOperation}. The artifact is, first match wins:
 * {@code modelArtifactUri} (made elsewhere; core checks it exists in S3), the artifact of the
 * completed training job {@code trainingJob}, or the artifact of the job {@code sagemakerTrain}
 * runs for this manifest at this ref (its name derives from the training spec, so a register after
 * a train in the same build finds it without being told). {@code bumpBranch} asks for the bump
 * commit on that branch, built on the commit the manifest was read at.
 *
 * <p>Returns {@code modelPackageArn}, {@code modelPackageGroup}, {@code modelPackageVersion} (a
 * number), {@code modelPackage} ({@code group/version}, the value for {@code spec.model.package}),
 * {@code approvalStatus}, {@code modelArtifactUri}, {@code trainingJobName} (when known),
 * {@code imageDigest} (the serving image's), {@code reused} (the group already held this artifact
 * and digest), and {@code bumpBranch} and {@code bumpCommit} when a bump commit was written.
 */
final class RegisterOperationFactory implements OperationFactory {
  private static final long serialVersionUID = 1L;

  static final String TRAINING_JOB = "trainingJob";
  static final String MODEL_ARTIFACT_URI = "modelArtifactUri";
  static final String BUMP_BRANCH = "bumpBranch";

  @Override
  public PreparedOperation<RegisterRequest, RegisterState, RegisterResult> prepare(StepRequest request,
      OperationContext context) {
    return new PreparedOperation<>(new RegisterOperation(context), manifest -> request(manifest, request, context),
        RegisterOperationFactory::result);
  }

  private static RegisterRequest request(ResolvedManifest manifest, StepRequest step, OperationContext context) {
    Optional<String> uri = step.option(MODEL_ARTIFACT_URI);
    Optional<String> job = step.option(TRAINING_JOB);
    if (uri.isPresent() && job.isPresent()) {
      throw new StepArgumentException(step.step() + " takes either trainingJob or modelArtifactUri, not both: pass"
          + " trainingJob for a job SageMaker trained, modelArtifactUri for an artifact made elsewhere");
    }
    RegisterRequest.Artifact artifact;
    if (uri.isPresent()) {
      artifact = RegisterRequest.Artifact.of(uri.get());
    } else {
      String name = job.orElseGet(() -> new TrainOperation(context).begin(new TrainRequest(manifest)).jobName());
      artifact = trainedArtifact(step, manifest, name, job.isEmpty(), context);
    }
    RegisterRequest.Bump bump = step.option(BUMP_BRANCH)
        .map(branch -> new RegisterRequest.Bump(step.repository(), branch, null)).orElse(null);
    return new RegisterRequest(manifest, artifact, bump);
  }

  /** The artifact of a completed training job ({@link TrainedArtifacts}); reads SageMaker only. */
  private static RegisterRequest.Artifact trainedArtifact(StepRequest step, ResolvedManifest manifest, String name,
      boolean defaulted, OperationContext context) {
    String region = context.regionOf(manifest);
    String which = defaulted ? "training job " + name + " (the one sagemakerTrain runs for " + step.manifest()
        + " at commit " + manifest.origin().commitId() + ")" : "training job " + name;
    TrainedArtifacts.TrainingJob trained = new TrainedArtifacts(context).find(manifest, name).orElseThrow(() ->
        new StepArgumentException(step.step() + ": " + which + " does not exist in " + region + "; run"
            + " sagemakerTrain first, or pass trainingJob: (a completed job) or modelArtifactUri: (an artifact in S3)"));
    if (!trained.completed()) {
      throw new StepArgumentException(step.step() + ": " + which + " is " + trained.status()
          + "; only a completed job's artifact can be registered");
    }
    return new RegisterRequest.Artifact(trained.modelArtifact(), name);
  }

  /**
   * With {@code push} or {@code openPullRequest}: pushes the bump branch and opens or updates its
   * pull request, once a bump commit is on it ({@link PullRequestOptions}).
   */
  @Override
  public Map<String, Object> afterSuccess(StepRequest request, OperationContext context, StepResult result,
      GitAccess access) {
    Object branch = result.values().get("bumpBranch");
    Object commit = result.values().get("bumpCommit");
    Object modelPackage = result.values().get("modelPackage");
    if (!PullRequestOptions.requested(request.options()) || branch == null || commit == null) {
      return Map.of();
    }
    return PullRequestOptions.publish(request.options(), request.repository(), branch.toString(), context,
        access, git -> base -> PullRequestTexts.bump(new PullRequestFacts(context.clients()).bump(git,
            commit.toString(), request.manifest(), String.valueOf(modelPackage)), branch.toString(), base));
  }

  static StepResult result(RegisterState state, RegisterResult registered) {
    PackageRegistration registration = state.registration();
    return new StepResult()
        .put("modelPackageArn", registered.packageArn())
        .put("modelPackageGroup", registered.group())
        .put("modelPackageVersion", registered.version())
        .put("modelPackage", registered.modelPackage())
        .put("approvalStatus", registered.approvalStatus())
        .put("modelArtifactUri", registration.modelDataUrl())
        .put("trainingJobName", registration.trainingJob())
        .put("imageDigest", registration.imageDigest())
        .put("reused", registered.reused())
        .put("bumpBranch", registered.bumpBranch())
        .put("bumpCommit", registered.bumpCommit())
        .touched(registered.reused()
            ? RecordedResource.reused("model-package", registered.modelPackage(), registered.packageArn())
            : RecordedResource.created("model-package", registered.modelPackage(), registered.packageArn()))
        .lineage(Lineage.none().withModelPackage(registered.packageArn()).withModelArtifact(registration.modelDataUrl())
            .withTrainingJob(registration.trainingJob()));
  }
}
