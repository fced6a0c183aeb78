package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.ManifestText;
import dev.sagemakergitops.testkit.world.LocalCloud;
import hudson.FilePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * What the adapter's tests run against: the local control plane on virtual time with the churn
 * model's image, training data and scoring input, and a Git repository with its manifest (every
 * section: training, registry, model, endpoint, shadow test, a batch transform), as a Jenkins build
 * would have them after the checkout. Steps run through their real executions on {@link #ticks},
 * which plays the scheduler on the control plane's virtual clock.
 */
final class LocalSetup implements AutoCloseable {
  static final String REGION = LocalCloud.REGION;
  static final String MANIFEST = "models/churn/prod.yaml";
  static final String ACCESS_KEY = "AKIAJENKINSBUILDKEY1";
  static final String SECRET_KEY = "jenkinsBuildSecret/K7MDENG/bPxRfiCYEXAMPLE";
  static final String ENDPOINT = "churn-prod";
  static final String TRANSFORM = "nightly-scoring";
  /**
   * The administrator's settings the tests run under: the local control plane (on loopback) as an
   * allowed endpoint, and the test's repository, outside the workspace, as an allowed controller
   * repository. The controller's own AWS identity stays off: steps use the build's keys.
   */
  static final AdminPolicy POLICY = new AdminPolicy(false, true, List.of("127.0.0.1", "localhost"));

  /** The manifest; {@code %s} is its {@code spec.model.package}. */
  static final String FULL_MANIFEST = ManifestText.deployment(ENDPOINT).region(REGION)
      .image(LocalCloud.REGISTRY + "/churn-xgb:1.4.2").spec("""
        training:
          roleArn: arn:aws:iam::123456789012:role/sm-training
          instanceType: ml.m5.xlarge
          instanceCount: 1
          volumeSizeGb: 30
          maxRuntime: 2h
          inputs:
            train: s3://ml-data/churn/train/
          outputS3Uri: s3://ml-artifacts/churn/
        registry:
          group: churn
          approval: Approved
        model:
          package: %s
          executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
        endpoint:
          name: churn-prod
          variants:
            - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
          deployment:
            strategy: canary
            canarySize: 50%%
            bake: 10m
        shadowTest:
          samplingPercent: 50
          duration: 1h
          compare: {maxLatencyIncreasePercent: 10, maxErrorRatePercent: 1}
          onPass: promote
        batchTransforms:
          nightly-scoring:
            input: {s3Uri: s3://ml-data/churn/score/, contentType: text/csv, splitType: Line}
            output: {s3Uri: s3://ml-predictions/churn/, accept: text/csv, assembleWith: Line}
            instanceType: ml.m5.xlarge
      """).text();

  /** The same manifest with its training section only: what read-only steps validate without a registered package. */
  static final String TRAINING_MANIFEST = FULL_MANIFEST.formatted("churn/1").replaceAll("(?s)  registry:.*", "");

  final LocalCloud cloud;
  final LocalControlPlane local;
  final GitRepositoryBuilder git;
  final ManualTicks ticks;
  final Path workspace;
  String commit;

  LocalSetup(Path directory) {
    cloud = LocalCloud.start();
    local = cloud.local();
    cloud.publishImage("churn-xgb", "1.4.2");
    cloud.putObject("ml-data", "churn/train/part-0.csv", "1,0.5\n", "text/csv");
    cloud.putObject("ml-data", "churn/score/part-0.csv", "0.5,1.25\n2.5,0.75\n", "text/csv");
    git = GitRepositoryBuilder.init(directory.resolve("repository"));
    workspace = directory.resolve("workspace");
    commit = commitManifest("churn/1");
    ticks = new ManualTicks(local);
  }

  /** Commits the training-only manifest; returns the commit. */
  String commitTrainingManifest() {
    commit = git.file(MANIFEST, TRAINING_MANIFEST).commit("Train churn");
    return commit;
  }

  /** Commits the manifest naming package version {@code modelPackage}; returns the commit. */
  String commitManifest(String modelPackage) {
    commit = git.file(MANIFEST, FULL_MANIFEST.formatted(modelPackage)).commit("Churn on " + modelPackage);
    return commit;
  }

  /** Puts a model artifact of its own content into S3; returns its URI. */
  String putArtifact(String key) {
    return cloud.putObject("ml-artifacts", key, "churn model " + key, "application/gzip");
  }

  /** More variables of the build's environment, as a test's {@code withCredentials} would bind them. */
  private Map<String, String> moreEnvironment = Map.of();

  /** Adds {@code variables} to the build's environment of the steps started from now on. */
  void environment(Map<String, String> variables) {
    moreEnvironment = Map.copyOf(variables);
  }

  /** The build's environment as withCredentials([aws(...)]) leaves it, with the checked-out commit. */
  Map<String, String> buildEnvironment() {
    Map<String, String> environment = new java.util.HashMap<>(Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "GIT_COMMIT", commit, "BUILD_URL",
        "https://jenkins.example.com/job/models/42/", "BUILD_TAG", "jenkins-models-42"));
    environment.putAll(moreEnvironment);
    return Map.copyOf(environment);
  }

  /** Points {@code step} at the local control plane and the repository. */
  <T extends AwsStep> T configure(T step) {
    step.setRepository(git.directory().toString());
    step.setRegion(REGION);
    step.setEndpointUrl(local.endpoint().toString());
    return step;
  }

  /**
   * Starts {@code step} as Pipeline would inside {@code node {}} on the controller (a local
   * workspace, where its record goes), with the build's environment; nothing has ticked yet.
   */
  StepRun start(OperationStep step) {
    return StepRun.start(configure(step), new RecordingStepContext(buildEnvironment(), new FilePath(workspace.toFile())),
        ticks);
  }

  /** Runs {@code step} to its end. */
  StepRun run(OperationStep step) {
    StepRun run = start(step);
    ticks.runAll();
    return run;
  }

  /** Sends {@code perMinute} requests to the endpoint at every virtual minute the ticks pass, as live clients would. */
  void sendTraffic(int perMinute) {
    ticks.everyMinute(() -> {
      for (int i = 0; i < perMinute; i++) {
        cloud.invoke(ENDPOINT, LocalCloud.trafficLine(i));
      }
    });
  }

  /** A client to look at what the steps did. */
  SageMakerClient sageMaker() {
    return cloud.sageMaker();
  }

  @Override
  public void close() {
    try {
      git.close();
    } finally {
      cloud.close();
    }
  }
}
