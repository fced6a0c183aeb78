package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/**
 * One benchmark run's world, as the deploy tests build theirs: the local control plane on a
 * virtual clock (seed 42), the image in its ECR, model package versions 1 and 2 of group
 * {@code churn}, the rollback alarms, a Git repository holding {@code models/churn/prod.yaml}; the
 * operation's clients count their calls into {@link #calls}, the observer's are not counted.
 */
final class PollingWorld implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final String ENDPOINT = "churn-prod";
  static final String ALARM = "churn-prod-5xx";
  static final String PATH = "models/churn/prod.yaml";
  static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
  private static final String ROLE = "arn:aws:iam::" + LocalControlPlane.DEFAULT_ACCOUNT_ID + ":role/sm-execution";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  final LocalControlPlane plane;
  final VirtualTime time;
  final CallLog calls;
  final AwsClients clients;
  final EndpointObserver observer;
  private final SageMakerClient observerClient;
  private final GitRepositoryBuilder repo;
  private final String image;

  PollingWorld(Path dir) {
    plane = LocalControlPlane.builder().clock(SimulationClock.virtual(START)).seed(42).standardServices().start();
    time = new VirtualTime(plane);
    calls = new CallLog(plane.clock());
    clients = AwsClients.create(new AwsSettings(REGION, null, plane.endpoint(), null, null, null), CREDENTIALS,
        List.of(calls));
    observerClient = client(null);
    observer = new EndpointObserver(observerClient, ENDPOINT);
    time.onStep(observer::observe);
    plane.service(EcrService.class).publish(REGION, "churn-xgb", "1.4.2");
    image = LocalControlPlane.DEFAULT_ACCOUNT_ID + ".dkr.ecr." + REGION + ".amazonaws.com/churn-xgb:1.4.2";
    alarm(ALARM);
    register(2);
    repo = GitRepositoryBuilder.init(dir);
  }

  /** A SageMaker client of its own on the control plane (Apache HTTP: the observer makes thousands of calls). */
  SageMakerClient client(CallLog log) {
    return SageMakerClient.builder().endpointOverride(plane.endpoint()).region(Region.of(REGION))
        .credentialsProvider(CREDENTIALS).httpClient(ApacheHttpClient.create())
        .overrideConfiguration(o -> {
          if (log != null) {
            o.addExecutionInterceptor(log);
          }
        })
        .build();
  }

  /** The operation's context: the control plane's clock, {@code policy}, jitter drawn from {@code seed}. */
  OperationContext context(PollingPolicy policy, long seed) {
    return new OperationContext(clients, plane.clock(), new BuildInfo("https://ci.example.com/job/models/42/",
        "jenkins"), policy, new Random(seed));
  }

  /** Commits the manifest of package version {@code version} with {@code deployment}, resolved at HEAD. */
  ResolvedManifest commit(int version, String deployment) {
    repo.file(PATH, manifest(version, deployment));
    repo.commit("deploy churn/" + version);
    try (GitRepository git = GitRepository.open(repo.directory())) {
      return new ManifestResolver(ImagePinner.using(clients)).resolveOne(git, "HEAD", PATH);
    }
  }

  private String manifest(int version, String deployment) {
    return "apiVersion: sagemaker-gitops/v1\n"
        + "kind: ModelDeployment\n"
        + "metadata:\n"
        + "  name: churn-prod\n"
        + "spec:\n"
        + "  region: " + REGION + "\n"
        + "  image: " + image + "\n"
        + "  model:\n"
        + "    package: churn/" + version + "\n"
        + "    executionRoleArn: " + ROLE + "\n"
        + "  endpoint:\n"
        + "    name: " + ENDPOINT + "\n"
        + "    variants:\n"
        + "      - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: " + PollingScenario.INSTANCES + "}\n"
        + (deployment.isEmpty() ? "" : "    deployment:\n" + deployment);
  }

  private void alarm(String name) {
    clients.cloudWatch(REGION).putMetricAlarm(r -> r.alarmName(name).namespace("AWS/SageMaker")
        .metricName("Invocation5XXErrors").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData("notBreaching").dimensions(d -> d.name("EndpointName").value(ENDPOINT)));
  }

  private void register(int versions) {
    SageMakerClient sageMaker = clients.sageMaker(REGION);
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName("churn"));
    for (int v = 1; v <= versions; v++) {
      String artifact = "s3://ml-artifacts/churn/v" + v + "/model.tar.gz";
      sageMaker.createModelPackage(r -> r.modelPackageGroupName("churn")
          .modelApprovalStatus(ModelApprovalStatus.APPROVED)
          .inferenceSpecification(i -> i.containers(c -> c.image(image).modelDataUrl(artifact))
              .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
    }
    // The registry validates a new version for a few seconds before it is Completed.
    plane.advance(Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    repo.close();
    observerClient.close();
    clients.close();
    plane.close();
  }
}
