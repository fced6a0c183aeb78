package dev.sagemakergitops.liveaws.story;

import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.register.RegisterOperation;
import dev.sagemakergitops.core.operation.register.RegisterRequest;
import dev.sagemakergitops.core.operation.register.RegisterResult;
import dev.sagemakergitops.core.operation.transform.BatchTransformOperation;
import dev.sagemakergitops.core.operation.transform.BatchTransformReport;
import dev.sagemakergitops.core.operation.transform.BatchTransformRequest;
import dev.sagemakergitops.core.status.EndpointStatusCheck;
import dev.sagemakergitops.core.status.EndpointSyncStatus;
import dev.sagemakergitops.liveaws.Observation;
import dev.sagemakergitops.liveaws.probe.ProbeRun;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * The acts of the operations' story, each through the project's own operations (what the command
 * line and the Jenkins steps run) on a real Git repository: register version 1 and deploy it (a new
 * endpoint); register version 2 with its bump commit, merge it and deploy it (an update); register
 * version 3, merge its bump and deploy it while its bake trips the rollback alarm (SageMaker rolls
 * back; deploy reports it); {@code status} finds the offending commit and writes its revert, which
 * deploys as no change; {@code git revert} of the bump to version 2 deploys version 1 again, reusing
 * its model and configuration; a batch transform then runs over the model the manifest serves (version
 * 1's, reused). Each act answers one observation; an act that does not end as the
 * story expects stops it (the probe fails, its fixture is kept).
 */
final class OperationsStory {
  private final ProbeRun run;
  private final OperationContext context;
  static final String MAIN = GitRepositoryBuilder.INITIAL_BRANCH;
  private static final PersonIdent AUTHOR = new PersonIdent(GitRepositoryBuilder.AUTHOR_NAME,
      GitRepositoryBuilder.AUTHOR_EMAIL);

  private final GitRepositoryBuilder repository;
  private final BadVersion sleeper;
  private final MutatingCalls calls;
  private final StoryNames names;
  private final String endpoint;
  private final List<Observation> observations = new ArrayList<>();

  OperationsStory(ProbeRun run, OperationContext context, GitRepositoryBuilder repository, BadVersion sleeper,
      MutatingCalls calls, StoryNames names, String endpoint) {
    this.run = run;
    this.context = context;
    this.repository = repository;
    this.sleeper = sleeper;
    this.calls = calls;
    this.names = names;
    this.endpoint = endpoint;
  }

  /** Runs the acts; {@code manifest} is the manifest's text naming a version, {@code artifacts} one per version. */
  List<Observation> run(java.util.function.IntFunction<String> manifest, List<String> artifacts)
      throws InterruptedException {
    repository.file(StoryManifest.PATH, manifest.apply(1)).commit("Add the story's model");
    RegisterResult first = register("registerModel of the first artifact", artifacts.get(0), null);
    DeployResult created = deploy("safeDeploy of version 1: a new endpoint", Map.of("ModelPackage",
        first.modelPackage()));

    RegisterResult second = register("registerModel of a second artifact, with its bump commit", artifacts.get(1),
        "bump/story-2");
    names.commit(second.bumpCommit(), "bump to version 2");
    repository.fastForward(second.bumpBranch());
    deploy("safeDeploy of the merged bump to version 2", Map.of("ModelPackage", second.modelPackage(),
        "Commit", second.bumpCommit()));

    RegisterResult third = register("registerModel of a third artifact, with its bump commit", artifacts.get(2),
        "bump/story-3");
    names.commit(third.bumpCommit(), "bump to version 3");
    repository.fastForward(third.bumpBranch());
    rolledBack("safeDeploy of the merged bump to version 3, its rollback alarm in ALARM during the bake",
        Map.of("ModelPackage", third.modelPackage(), "Commit", third.bumpCommit()));

    EndpointSyncStatus status = status("status after the rollback");
    CommitResult statusRevert;
    try (GitRepository git = GitRepository.open(repository.directory())) {
      statusRevert = new EndpointStatusCheck(context).writeRevert(git, status, "revert/story-3",
          MAIN, AUTHOR);
    }
    names.commit(statusRevert.commitId(), "revert of the bump to version 3, written by status");
    repository.fastForward(statusRevert.branch());
    deploy("safeDeploy of the revert status wrote", Map.of("Commit", statusRevert.commitId()));

    CommitResult revert;
    try (GitRepository git = GitRepository.open(repository.directory())) {
      revert = git.revertCommit("revert/story-2", MAIN, second.bumpCommit(), AUTHOR);
    }
    names.commit(revert.commitId(), "git revert of the bump to version 2");
    repository.fastForward(revert.branch());
    DeployResult reverted = deploy("safeDeploy of the git revert of the bump to version 2",
        Map.of("Commit", revert.commitId()));
    if (!reverted.endpointConfigName().equals(created.endpointConfigName())) {
      throw new IllegalStateException("the revert to version 1 deployed " + reverted.endpointConfigName()
          + ", not version 1's configuration " + created.endpointConfigName() + "; see the observations");
    }
    transform("batchTransform " + StoryManifest.TRANSFORM + " over the model the manifest serves (version 1 again)");
    return List.copyOf(observations);
  }

  private void transform(String act) throws InterruptedException {
    Map<String, Long> before = calls.snapshot();
    Step<?, BatchTransformReport> step = run(new BatchTransformOperation(context),
        BatchTransformRequest.of(resolve(), StoryManifest.TRANSFORM), act);
    BatchTransformReport report = expectSuccess(act, step);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("Outcome", "succeeded");
    answer.put("JobName", report.jobName());
    answer.put("ModelName", report.modelName());
    answer.put("Created", report.created());
    answer.put("MutatingCalls", calls.since(before));
    answer.put("TransformJobStatus", run.target().sageMaker().describeTransformJob(r -> r.transformJobName(
        report.jobName())).transformJobStatusAsString());
    answer.put("OutputForEveryInput", outputForEveryInput(report.inputS3Uri(), report.outputS3Uri()));
    observe(act, Map.of("TransformName", StoryManifest.TRANSFORM), answer);
  }

  /** Whether each input object {@code x} has its {@code x.out} under the output path, as SageMaker writes them. */
  private boolean outputForEveryInput(String input, String output) {
    java.net.URI in = java.net.URI.create(input);
    java.net.URI out = java.net.URI.create(output.endsWith("/") ? output : output + "/");
    var s3 = run.target().s3();
    List<String> written = s3.listObjectsV2Paginator(r -> r.bucket(out.getHost()).prefix(out.getPath().substring(1)))
        .contents().stream().map(o -> o.key()).toList();
    List<String> inputs = s3.listObjectsV2Paginator(r -> r.bucket(in.getHost()).prefix(in.getPath().substring(1)))
        .contents().stream().map(o -> o.key().substring(o.key().lastIndexOf('/') + 1)).toList();
    return !inputs.isEmpty() && inputs.stream().allMatch(name -> written.stream().anyMatch(k -> k.endsWith("/" + name
        + ".out")));
  }

  private RegisterResult register(String act, String artifact, String bumpBranch) throws InterruptedException {
    RegisterRequest request = new RegisterRequest(resolve(), RegisterRequest.Artifact.of(artifact), null);
    if (bumpBranch != null) {
      request = request.withBump(new RegisterRequest.Bump(repository.directory(), bumpBranch, MAIN));
    }
    Step<?, RegisterResult> step = run(new RegisterOperation(context), request, act);
    RegisterResult result = expectSuccess(act, step);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ModelPackage", result.modelPackage());
    answer.put("ApprovalStatus", result.approvalStatus());
    answer.put("Reused", result.reused());
    answer.put("BumpBranch", result.bumpBranch() == null ? "" : result.bumpBranch());
    observe(act, Map.of("Artifact", artifact, "Bump", bumpBranch == null ? "" : bumpBranch), answer);
    return result;
  }

  private DeployResult deploy(String act, Map<String, Object> request) throws InterruptedException {
    Map<String, Long> before = calls.snapshot();
    Step<?, DeployResult> step = run(new SafeDeployOperation(context), DeployRequest.of(resolve()), act);
    DeployResult result = expectSuccess(act, step);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("Outcome", "succeeded");
    answer.put("Change", result.change());
    answer.put("ModelName", result.modelName());
    answer.put("EndpointConfigName", result.endpointConfigName());
    answer.put("PreviousEndpointConfigName", String.valueOf(result.previousEndpointConfigName()));
    answer.put("Created", result.created());
    answer.put("MutatingCalls", calls.since(before));
    answer.putAll(endpointNow());
    observe(act, request, answer);
    return result;
  }

  private void rolledBack(String act, Map<String, Object> request) throws InterruptedException {
    sleeper.deploying();
    Step<?, DeployResult> step;
    try {
      step = run(new SafeDeployOperation(context), DeployRequest.of(resolve()), act);
    } finally {
      sleeper.over();
    }
    if (!(step instanceof Step.Failed<?, DeployResult> failed)) {
      throw new IllegalStateException(act + ": expected SageMaker to roll the update back, but the deploy succeeded"
          + " (the alarm was forced " + sleeper.forced() + " times)");
    }
    OperationFailure failure = failed.failure();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("Outcome", failure.kind().name());
    answer.put("Alarms", failure.alarms());
    answer.put("FailureReason", String.valueOf(failure.failureReason()));
    answer.put("Message", failure.message());
    answer.putAll(endpointNow());
    observe(act, request, answer, "Message");
  }

  private EndpointSyncStatus status(String act) {
    EndpointSyncStatus status;
    try (GitRepository git = GitRepository.open(repository.directory())) {
      status = new EndpointStatusCheck(context).check(resolve(), git);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("State", status.state().name());
    answer.put("LiveEndpointConfigName", String.valueOf(status.liveConfig()));
    answer.put("DesiredEndpointConfigName", String.valueOf(status.desiredConfig()));
    answer.put("OffendingCommit", String.valueOf(status.offendingCommit()));
    answer.put("Reason", status.reason());
    observe(act, Map.of("EndpointName", endpoint), answer, "Reason");
    return status;
  }

  /** What SageMaker says of the endpoint now, besides what the operation answered. */
  private Map<String, Object> endpointNow() {
    DescribeEndpointResponse now = run.target().sageMaker().describeEndpoint(r -> r.endpointName(endpoint));
    return Map.of("EndpointStatus", now.endpointStatusAsString(), "LiveEndpointConfigName",
        now.endpointConfigName());
  }

  private void observe(String act, Map<String, Object> request, Map<String, Object> answer, String... informational) {
    @SuppressWarnings("unchecked")
    Map<String, Object> normalizedRequest = (Map<String, Object>) names.normalize(request);
    @SuppressWarnings("unchecked")
    Map<String, Object> normalizedAnswer = (Map<String, Object>) names.normalize(answer);
    Observation observation = run.observe(act, normalizedRequest, () -> normalizedAnswer, a -> a)
        .informational(informational);
    run.progress(act + ": " + observation.answer());
    observations.add(observation);
  }

  private ResolvedManifest resolve() {
    try (GitRepository git = GitRepository.open(repository.directory())) {
      return new ManifestResolver(ImagePinner.using(context.clients())).resolveOne(git, MAIN,
          StoryManifest.PATH);
    }
  }

  private <Q, S extends OperationState, R> Step<S, R> run(Operation<Q, S, R> operation, Q request, String act)
      throws InterruptedException {
    run.progress(act);
    OperationRunner runner = new OperationRunner(context, sleeper, event -> {
      if (!event.quiet()) {
        run.progress("  " + operation.name() + ": " + event.message());
      }
    });
    return runner.run(operation, request, StateStore.none(), operation.name());
  }

  private <R> R expectSuccess(String act, Step<?, R> step) {
    if (step instanceof Step.Succeeded<?, R> done) {
      return done.result();
    }
    OperationFailure failure = ((Step.Failed<?, R>) step).failure();
    throw new IllegalStateException(act + ": expected it to succeed, it ended " + failure.kind() + ": "
        + failure.message());
  }
}
