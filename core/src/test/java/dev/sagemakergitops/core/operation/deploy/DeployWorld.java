package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.ManifestFixtures;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.world.ModelPackages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * A deploy test's world: the local control plane on a virtual clock, a real Git repository with the
 * manifest, the image published to the local ECR, model package versions registered, rollback
 * alarms created. {@link Manifest} writes the manifest text a test varies.
 */
public final class DeployWorld implements AutoCloseable {
  public static final String PATH = ManifestFixtures.PATH;
  public static final String ENDPOINT = "churn-prod";
  public static final String ALARM = "churn-prod-5xx";

  public final LocalAws aws;
  public final AwsClients clients;
  public final GitRepositoryBuilder repo;
  public final String image;

  public DeployWorld(Path dir) {
    this(dir, LocalAws.start());
  }

  DeployWorld(Path dir, LocalAws aws) {
    this.aws = aws;
    this.clients = aws.clients();
    this.repo = GitRepositoryBuilder.init(dir);
    this.image = aws.publishImage("churn-xgb", "1.4.2");
    createAlarm(ALARM);
    createAlarm(ALARM + "-latency");
  }

  public SageMakerClient sageMaker() {
    return clients.sageMaker(LocalAws.REGION);
  }

  public OperationContext context() {
    return aws.context(clients);
  }

  public HostingService hosting() {
    return aws.local().service(HostingService.class);
  }

  void createAlarm(String name) {
    clients.cloudWatch(LocalAws.REGION).putMetricAlarm(r -> r.alarmName(name).namespace("AWS/SageMaker")
        .metricName("Invocation5XXErrors").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData("notBreaching")
        .dimensions(d -> d.name("EndpointName").value(ENDPOINT)));
  }

  /** Registers model package versions 1..{@code versions} of group {@code churn}, each with its own artifact. */
  public void register(int versions, ModelApprovalStatus approval) {
    ModelPackages packages = aws.cloud().modelPackages(sageMaker()).group("churn").image(image).approval(approval)
        .waiting(java.time.Duration.ZERO);
    try {
      packages.createGroup();
    } catch (SageMakerException e) {
      // exists
    }
    for (int v = 1; v <= versions; v++) {
      packages.artifact("s3://ml-artifacts/churn/v" + v + "/model.tar.gz").register();
    }
    // The registry validates a new version for a few seconds before it is Completed.
    aws.advance(java.time.Duration.ofSeconds(10));
  }

  public void register(int versions) {
    register(versions, ModelApprovalStatus.APPROVED);
  }

  public String commit(Manifest manifest, String message) {
    repo.file(PATH, manifest.text(image));
    return repo.commit(message);
  }

  public ResolvedManifest resolve(String ref) {
    return ManifestFixtures.resolve(aws, clients, repo.directory(), ref);
  }

  public ResolvedManifest head() {
    return resolve("HEAD");
  }

  public SafeDeployOperation operation() {
    return new SafeDeployOperation(context());
  }

  public Step<DeployState, DeployResult> deploy(DeployRequest request) throws InterruptedException {
    return aws.runner(clients).run(operation(), request, StateStore.none(), "deploy");
  }

  public Step<DeployState, DeployResult> deploy(Manifest manifest) throws InterruptedException {
    commit(manifest, "deploy " + manifest.version);
    return deploy(DeployRequest.of(head()));
  }

  /**
   * Starts inference experiment {@code name} on the endpoint by hand (as a team's own shadow test
   * would), shadowing the live model for two hours.
   */
  public void startExperiment(String name) {
    SageMakerClient sageMaker = sageMaker();
    String liveModel = sageMaker.describeEndpointConfig(r -> r.endpointConfigName(endpoint().endpointConfigName()))
        .productionVariants().get(0).modelName();
    java.time.Instant now = aws.local().clock().instant();
    sageMaker.createInferenceExperiment(r -> r.name(name).type("ShadowMode").roleArn(ManifestFixtures.ROLE)
        .endpointName(ENDPOINT).schedule(s -> s.startTime(now).endTime(now.plus(java.time.Duration.ofHours(2))))
        .modelVariants(experimentVariant("AllTraffic", liveModel), experimentVariant("Candidate", liveModel))
        .shadowModeConfig(c -> c.sourceModelVariantName("AllTraffic")
            .shadowModelVariants(v -> v.shadowModelVariantName("Candidate").samplingPercentage(50))));
  }

  private static software.amazon.awssdk.services.sagemaker.model.ModelVariantConfig experimentVariant(String name,
      String model) {
    return software.amazon.awssdk.services.sagemaker.model.ModelVariantConfig.builder().variantName(name)
        .modelName(model).infrastructureConfig(i -> i.infrastructureType("RealTimeInference")
            .realTimeInferenceConfig(c -> c.instanceType("ml.m5.large").instanceCount(1))).build();
  }

  public DescribeEndpointResponse endpoint() {
    return sageMaker().describeEndpoint(r -> r.endpointName(ENDPOINT));
  }

  public Map<String, String> endpointTags() {
    return sageMaker().listTags(r -> r.resourceArn(endpoint().endpointArn())).tags().stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }

  List<String> modelNames() {
    return sageMaker().listModels(r -> r.maxResults(100)).models().stream().map(m -> m.modelName()).sorted().toList();
  }

  List<String> configNames() {
    return sageMaker().listEndpointConfigs(r -> r.maxResults(100)).endpointConfigs().stream()
        .map(c -> c.endpointConfigName()).sorted().toList();
  }

  /** The result of {@code step}, asserting it succeeded (the failure is the assertion's message otherwise). */
  public static DeployResult succeeded(Step<DeployState, DeployResult> step) {
    org.assertj.core.api.Assertions.assertThat(step)
        .as("%s", step instanceof Step.Failed<?, ?> f ? f.failure() : step).isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<DeployState, DeployResult>) step).result();
  }

  /** The calls made since the last {@code aws.calls().clear()} that change something in AWS. */
  public List<String> mutatingCalls() {
    return aws.calls().calls().stream().filter(DeployWorld::mutating).toList();
  }

  static boolean mutating(String call) {
    String operation = call.substring(call.indexOf('.') + 1);
    return !(operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
        || operation.startsWith("BatchGet"));
  }

  @Override
  public void close() {
    repo.close();
    aws.close();
  }

  /** The manifest a test deploys; each with-method returns a changed copy. */
  public record Manifest(int version, String variants, String deployment, String extra, String labels) {
    public static Manifest v(int version) {
      return new Manifest(version, "      - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 4}\n",
          "      strategy: canary\n      canarySize: 1\n      bake: 10m\n      terminationWait: 5m\n"
              + "      rollbackAlarms: [" + ALARM + "]\n", "", "");
    }

    public Manifest withVersion(int value) {
      return new Manifest(value, variants, deployment, extra, labels);
    }

    public Manifest withVariants(String value) {
      return new Manifest(version, value, deployment, extra, labels);
    }

    /** {@code value}: the lines under {@code deployment:}, indented by six spaces. */
    public Manifest withDeployment(String value) {
      return new Manifest(version, variants, value, extra, labels);
    }

    /** {@code value}: extra lines under {@code endpoint:}, indented by four spaces (autoscaling, dataCapture). */
    public Manifest withEndpointExtra(String value) {
      return new Manifest(version, variants, deployment, value, labels);
    }

    public Manifest withLabels(String value) {
      return new Manifest(version, variants, deployment, extra, value);
    }

    public String text(String image) {
      return "apiVersion: sagemaker-gitops/v1\n"
          + "kind: ModelDeployment\n"
          + "metadata:\n"
          + "  name: churn-prod\n"
          + (labels.isEmpty() ? "" : "  labels: " + labels + "\n")
          + "spec:\n"
          + "  region: us-east-1\n"
          + "  image: " + image + "\n"
          + "  model:\n"
          + "    package: churn/" + version + "\n"
          + "    executionRoleArn: " + ManifestFixtures.ROLE + "\n"
          + "  endpoint:\n"
          + "    name: " + ENDPOINT + "\n"
          + "    variants:\n"
          + variants
          + extra
          + (deployment.isEmpty() ? "" : "    deployment:\n" + deployment);
    }
  }
}
