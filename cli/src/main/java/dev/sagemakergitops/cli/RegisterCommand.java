package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.artifact.TrainedArtifacts;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.register.RegisterOperation;
import dev.sagemakergitops.core.operation.register.RegisterRequest;
import dev.sagemakergitops.core.operation.register.RegisterResult;
import dev.sagemakergitops.core.pullrequest.BranchPublisher;
import dev.sagemakergitops.core.pullrequest.PullRequestFacts;
import dev.sagemakergitops.core.pullrequest.PullRequestTexts;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
        "Registers a model artifact as a version of the manifest's model package group (registerModel), served by"
            + " the manifest's pinned image, with its lineage and metrics; an artifact already registered with the"
            + " same image is reused, never registered twice. The artifact is --artifact, else the one the training"
            + " job of the manifest's spec.training produced (run 'train' first). With --bump-branch, the commit that"
            + " points the manifest's spec.model.package at the new version is written on that branch, ready for a"
            + " pull request.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops train models/churn/prod.yaml && sagemaker-gitops register models/churn/prod.yaml",
        "  sagemaker-gitops register --bump-branch sagemaker-gitops/churn-prod models/churn/prod.yaml",
        "  sagemaker-gitops register --bump-branch bump/churn-prod --open-pull-request github models/churn/prod.yaml",
        "  sagemaker-gitops register --artifact s3://ml-artifacts/churn/model.tar.gz --json models/churn/prod.yaml"})
final class RegisterCommand extends OperationCommand {

  @Option(names = "--artifact", paramLabel = "S3_URI",
      description = "The model.tar.gz to register (default: the artifact of the training job of the manifest's"
          + " spec.training, which must have completed).")
  String artifact;

  @Option(names = "--training-job", paramLabel = "NAME",
      description = "The training job that made the artifact: where to take it from, or, with --artifact, recorded as"
          + " its lineage (default: the job the manifest's spec.training is named after).")
  String trainingJob;

  @Option(names = "--run-key", paramLabel = "KEY",
      description = "The run key the artifact's training job was trained with (train --run-key), to find that job.")
  String runKey;

  @Option(names = "--bump-branch", paramLabel = "BRANCH",
      description = "Write the commit that bumps the manifest's spec.model.package to the new version on BRANCH"
          + " (not the checked-out branch).")
  String bumpBranch;

  @Mixin PublishOptions publish;

  @Option(names = "--bump-from", paramLabel = "REF",
      description = "The commit the bump builds on (default: the commit the manifest was read at).")
  String bumpFrom;

  @Override
  String operationName() {
    return "registerModel";
  }

  @Override
  OperationOutcome execute(OperationSession session) {
    if (bumpFrom != null && bumpBranch == null) {
      throw new InvalidInputException("--bump-from: only with --bump-branch, which names the branch to write");
    }
    BranchPublisher.Request publishing = publish.requestOrNull("--bump-branch", bumpBranch);
    ResolvedManifest manifest = session.resolveOne(paths());
    RegisterRequest.Artifact registered;
    try {
      registered = artifact != null ? new RegisterRequest.Artifact(artifact, trainingJob)
          : trainedArtifact(session, manifest);
    } catch (OperationInputException refusal) {
      return session.refused(operationName(), manifest, refusal);
    }
    RegisterRequest request = new RegisterRequest(manifest, registered,
        bumpBranch == null ? null : new RegisterRequest.Bump(session.git().directory(), bumpBranch, bumpFrom));
    OperationOutcome outcome = session.run(manifest, new RegisterOperation(session.context()), request,
        registered.s3Uri(), bumpBranch, bumpFrom);
    return publishing == null ? outcome : publish(session, manifest, outcome, publishing);
  }

  /**
   * Pushes the bump branch and opens or updates its pull request, after a registration that wrote
   * (or kept) the bump commit. The version is registered whatever happens here, so a failure is a
   * warning on the outcome (its exit code stays), and the JSON's {@code push} says it did not happen.
   */
  private OperationOutcome publish(OperationSession session, ResolvedManifest manifest, OperationOutcome outcome,
      BranchPublisher.Request publishing) {
    if (!(outcome.result() instanceof RegisterResult registered) || registered.bumpCommit() == null) {
      return outcome;
    }
    try {
      Map<String, Object> published = BranchPublishing.publish(session.git(), registered.bumpBranch(), publishing,
          runtime(), aws.options.settings(), () -> session.clients().credentialsProvider(),
          base -> PullRequestTexts.bump(new PullRequestFacts(session.clients()).bump(session.context().regionOf(manifest),
              manifest.manifest().name(), manifest.origin().manifestPath(), registered.modelPackage()),
              registered.bumpBranch(), base));
      OperationOutcome done = outcome;
      for (Map.Entry<String, Object> field : published.entrySet()) {
        done = done.withFollowUp(field.getKey(), field.getValue());
      }
      return done;
    } catch (RuntimeException failed) {
      return outcome.withFollowUp("push", Map.of("pushed", false, "error", CommandFailure.of(failed).message()))
          .withWarning("the bump branch " + registered.bumpBranch() + " was not pushed: "
              + CommandFailure.of(failed).message());
    }
  }

  /** The artifact of the training job given, or of the one the manifest's training spec is named after. */
  private RegisterRequest.Artifact trainedArtifact(OperationSession session, ResolvedManifest manifest) {
    TrainedArtifacts artifacts = new TrainedArtifacts(session.context());
    String job = trainingJob;
    if (job == null) {
      if (manifest.manifest().spec().training() == null) {
        throw new OperationInputException(manifest.problemAt("spec", "this manifest has no 'training' section, so"
            + " there is no training job to take the artifact from; give --artifact s3://.../model.tar.gz"));
      }
      job = artifacts.jobNameOf(manifest, runKey == null || runKey.isBlank() ? null : runKey);
    }
    String field = trainingJob == null ? "spec.training" : "spec";
    String name = job;
    TrainedArtifacts.TrainingJob trained = artifacts.find(manifest, job).orElseThrow(() ->
        new OperationInputException(manifest.problemAt(field, "training job " + name + " does not exist"
            + (trainingJob == null ? " (the job this training spec is named after)" : "") + "; run 'sagemaker-gitops"
            + " train' for this commit first, or give --artifact")));
    if (!trained.completed()) {
      throw new OperationInputException(manifest.problemAt(field, "training job " + job + " is " + trained.status()
          + ", not Completed, so it has no artifact to register; wait for 'sagemaker-gitops train' to finish, or give"
          + " --artifact"));
    }
    return new RegisterRequest.Artifact(trained.modelArtifact(), job);
  }
}
