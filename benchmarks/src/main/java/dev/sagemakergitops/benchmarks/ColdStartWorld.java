package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/**
 * The world the cold-start benchmark's commands read: the local control plane in this process on a
 * loopback port and a virtual clock, the image in its ECR, the rollback alarms, model package
 * {@code churn/1}, and a Git repository whose one manifest ({@code models/churn/prod.yaml}, shaped
 * like {@code examples/models/churn/prod.yaml}) the endpoint is then made to serve by a real
 * {@code deploy} in a child process. A later {@code deploy} of the same manifest changes nothing.
 */
final class ColdStartWorld implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final String ENDPOINT = "churn-prod";
  static final String PATH = "models/churn/prod.yaml";
  private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
  private static final String ACCOUNT = LocalControlPlane.DEFAULT_ACCOUNT_ID;
  private static final String IMAGE = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/churn-xgb:1.4.2";
  private static final List<String> ALARMS = List.of("churn-prod-5xx", "churn-prod-p99-latency");
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  final LocalControlPlane plane;
  final Path repository;
  private final Path directory;
  private final AwsClients clients;

  ColdStartWorld(Path directory) {
    this.directory = directory;
    this.repository = directory.resolve("repo");
    plane = LocalControlPlane.builder().clock(SimulationClock.virtual(START)).seed(42).standardServices().start();
    clients = AwsClients.create(new AwsSettings(REGION, null, plane.endpoint(), null, null, null), CREDENTIALS,
        List.of());
    plane.service(EcrService.class).publish(REGION, "churn-xgb", "1.4.2");
    for (String alarm : ALARMS) {
      clients.cloudWatch(REGION).putMetricAlarm(r -> r.alarmName(alarm).namespace("AWS/SageMaker")
          .metricName("Invocation5XXErrors").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
          .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
          .treatMissingData("notBreaching").dimensions(d -> d.name("EndpointName").value(ENDPOINT)));
    }
    SageMakerClient sageMaker = clients.sageMaker(REGION);
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName("churn"));
    sageMaker.createModelPackage(r -> r.modelPackageGroupName("churn")
        .modelApprovalStatus(ModelApprovalStatus.APPROVED)
        .inferenceSpecification(i -> i.containers(c -> c.image(IMAGE)
                .modelDataUrl("s3://ml-artifacts/churn/v1/model.tar.gz"))
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
    // The registry validates a new version for a few seconds before it is Completed.
    plane.advance(Duration.ofSeconds(10));
    try (GitRepositoryBuilder git = GitRepositoryBuilder.init(repository)) {
      git.file(PATH, MANIFEST).commit("Deploy churn 1");
    }
  }

  /**
   * What every child process gets besides the inherited environment: the control plane as
   * {@code AWS_ENDPOINT_URL}, dummy keys, the region, its virtual time, and AWS configuration files
   * that do not exist, so that nothing in this machine's {@code ~/.aws} changes what is measured.
   */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ENDPOINT_URL", plane.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_REGION", REGION);
    env.put("AWS_DEFAULT_REGION", REGION);
    env.put("AWS_CONFIG_FILE", directory.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", directory.resolve("no-aws-credentials").toString());
    env.put("SAGEMAKER_GITOPS_SIMULATED_TIME", "local");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    return env;
  }

  /** The endpoint as SageMaker describes it: a no-change deploy must leave its configuration and time alone. */
  String endpointFingerprint() {
    DescribeEndpointResponse endpoint = clients.sageMaker(REGION).describeEndpoint(r -> r.endpointName(ENDPOINT));
    return endpoint.endpointStatusAsString() + " " + endpoint.endpointConfigName() + " "
        + endpoint.lastModifiedTime();
  }

  @Override
  public void close() {
    clients.close();
    plane.close();
  }

  private static final String MANIFEST = """
      # The churn model in production, as in examples/models/churn/prod.yaml.
      apiVersion: sagemaker-gitops/v1
      kind: ModelDeployment
      metadata:
        name: churn-prod
        labels: {team: growth, cost-center: "4711"}
      spec:
        region: us-east-1
        image: IMAGE
        registry:
          group: churn
          approval: PendingManualApproval
        model:
          package: churn/1
          executionRoleArn: arn:aws:iam::ACCOUNT:role/sm-execution
          environment: {SAGEMAKER_PROGRAM: inference.py}
        endpoint:
          name: churn-prod
          variants:
            - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
          autoscaling: {minCapacity: 2, maxCapacity: 8, maxRps: 40, safetyFactor: 0.5}
          dataCapture: {s3Uri: s3://ml-capture/churn/, samplingPercent: 20}
          deployment:
            strategy: canary
            canarySize: 50%
            bake: 10m
            terminationWait: 5m
            timeout: 2h
            rollbackAlarms: [churn-prod-5xx, churn-prod-p99-latency]
        batchTransforms:
          nightly-scoring:
            input: {s3Uri: s3://ml-data/churn/score/, contentType: text/csv, splitType: Line}
            output: {s3Uri: s3://ml-predictions/churn/, accept: text/csv, assembleWith: Line}
            instanceType: ml.m5.xlarge
            instanceCount: 2
      """.replace("IMAGE", IMAGE).replace("ACCOUNT", ACCOUNT);
}
