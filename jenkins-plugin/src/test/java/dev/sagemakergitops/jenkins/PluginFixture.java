package dev.sagemakergitops.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.ScaledClock;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.s3.S3Service;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The world the JenkinsRule tests run in: the local control plane over HTTP on a clock that runs 600
 * times faster than real time (a 10-minute bake passes in a second), a Git repository of manifests
 * on the controller's disk, and AWS credentials in Jenkins' credentials store. One per test, so no
 * test sees another's resources; the restart test keeps its own in a static field, so that it outlives
 * the Jenkins restart of {@code JenkinsSessionExtension}, as AWS outlives a controller.
 * {@link #speedUpSteps()} makes the steps measure time by the same clock; {@link #hold()} stops that
 * clock, so that AWS stays where it is (an endpoint {@code Creating}, a job {@code InProgress}) until
 * {@link #release()}: a test that must catch a step mid-wait holds AWS instead of racing the clock.
 */
final class PluginFixture {
  static final String CREDENTIALS_ID = "aws-gitops-test";
  static final String ACCESS_KEY = "AKIAPLUGINTESTKEY001";
  static final String SECRET_KEY = "pluginTestSecret/K7MDENG/bPxRfiCYEXAMPLE";
  static final String MANIFEST = "models/churn/prod.yaml";
  /** How much faster than real time the local control plane's clock runs, and the steps' with it. */
  static final double SPEED = 600;
  /** A model artifact made outside sagemakerTrain, for registerModel(modelArtifactUri: ...). */
  static final String ARTIFACT = "s3://ml-artifacts/churn/external/model.tar.gz";

  /**
   * A manifest with every section, for the five operation steps: the adapter tests' own (this module
   * compiles them too), on package version 1, with a fifth of the traffic to the shadow.
   */
  static final String FULL_MANIFEST = LocalSetup.FULL_MANIFEST.formatted("churn/1")
      .replace("samplingPercent: 50", "samplingPercent: 20");

  final LocalControlPlane local;
  private final ScaledClock clock;
  final Path repository;
  final String baseCommit;
  final String commit;

  PluginFixture() throws IOException {
    clock = SimulationClock.scaled(SPEED);
    local = LocalControlPlane.builder().clock(clock).seed(42).standardServices().start();
    local.service(EcrService.class).publish("us-east-1", "churn-xgb", "1.4.2");
    S3Service s3 = local.service(S3Service.class);
    s3.put("ml-data", "churn/train/part-0.csv", "1,0.5\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    s3.put("ml-data", "churn/score/part-0.csv", "0.5\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    s3.put("ml-artifacts", "churn/external/model.tar.gz", "churn model, made elsewhere".getBytes(StandardCharsets.UTF_8),
        "application/gzip");
    repository = Files.createTempDirectory("sagemaker-gitops-jenkins");
    try (GitRepositoryBuilder git = GitRepositoryBuilder.init(repository)) {
      baseCommit = git.file("README.md", "Model manifests\n").commit("Start");
      commit = git.file(MANIFEST, FULL_MANIFEST).commit("Churn in production");
    }
  }

  /** The steps measure time by the control plane's clock and wait {@link #SPEED} times less. */
  void speedUpSteps() {
    StepScheduler.runFaster(local.clock(), SPEED);
  }

  /** Holds AWS where it is: simulated time stands still until {@link #release()}. */
  void hold() {
    clock.pause();
  }

  /** Lets AWS carry on from where it was held. */
  void release() {
    clock.resume();
  }

  /**
   * What an administrator of the test controller allows: the local control plane's host as an
   * endpoint, and the fixture's repository, outside any workspace (the tests call the steps outside
   * {@code node {}}), as a controller repository. Both are off on a new controller.
   */
  static void allowLocalAws() {
    SageMakerGitOpsConfiguration configuration = SageMakerGitOpsConfiguration.get();
    configuration.setAllowedEndpoints("127.0.0.1");
    configuration.setAllowControllerRepositories(true);
  }

  /** Stops the control plane and gives the steps real time back. */
  void close() {
    StepScheduler.runFaster(java.time.Clock.systemUTC(), 1);
    local.close();
  }

  /** Stores the test's AWS credentials in Jenkins, as an administrator would. */
  static void addCredentials() throws IOException {
    SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL,
        CREDENTIALS_ID, ACCESS_KEY, SECRET_KEY, "sagemaker-gitops tests"));
    SystemCredentialsProvider.getInstance().save();
  }

  /** The arguments every step call of the tests passes: the repository, the local AWS, the credentials. */
  String commonArguments() {
    return "repository: '" + repository + "', region: 'us-east-1', endpointUrl: '" + local.endpoint()
        + "', credentialsId: '" + CREDENTIALS_ID + "'";
  }

  SageMakerClient sageMaker() {
    return SageMakerClient.builder().region(Region.US_EAST_1).endpointOverride(local.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }
}
