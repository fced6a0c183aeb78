package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.CallCounter;
import dev.sagemakergitops.core.aws.EcrImages;
import dev.sagemakergitops.core.aws.MotoAws;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

/**
 * Safe deploy end to end against moto_server, an independent emulator, for what moto implements:
 * model packages, models, endpoint configurations, CreateEndpoint, tags, alarms, autoscaling reads.
 * moto's endpoints are InService at once and report no DeployedImages, so the digest check is
 * reported as not possible (see {@code docs/operations.md}) rather than failed.
 */
@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class SafeDeployMotoTest {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();
  private static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

  @TempDir Path dir;
  private final CallCounter calls = new CallCounter();
  private final List<OperationEvent> events = new ArrayList<>();
  private AwsClients clients;
  private String name;
  private String repository;
  private String alarm;

  @BeforeEach
  void setUp() {
    clients = MotoAws.clients(MOTO.server(), calls);
    name = MotoAws.unique("churn");
    repository = MotoAws.unique("churn-xgb");
    alarm = name + "-5xx";
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private ResolvedManifest prepare() {
    EcrImages images = new EcrImages(clients.ecr("us-east-1"));
    images.createRepository(repository);
    String digest = images.push(repository, "1.0.0", name);
    var sageMaker = clients.sageMaker("us-east-1");
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(name));
    sageMaker.createModelPackage(r -> r.modelPackageGroupName(name).modelApprovalStatus(ModelApprovalStatus.APPROVED)
        .inferenceSpecification(spec -> spec.containers(ModelPackageContainerDefinition.builder()
                .image(HOST + "/" + repository + "@" + digest).imageDigest(digest)
                .modelDataUrl("s3://ml-artifacts/" + name + "/model.tar.gz").build())
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
    clients.cloudWatch("us-east-1").putMetricAlarm(r -> r.alarmName(alarm).namespace("AWS/SageMaker")
        .metricName("Invocation5XXErrors").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn.yaml", """
          apiVersion: sagemaker-gitops/v1
          kind: ModelDeployment
          metadata:
            name: %1$s
            labels: {team: growth}
          spec:
            region: us-east-1
            image: %2$s/%3$s:1.0.0
            model:
              package: %1$s/1
              executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
            endpoint:
              name: %1$s
              variants:
                - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
              deployment:
                strategy: canary
                canarySize: 1
                bake: 5m
                rollbackAlarms: [%4$s]
          """.formatted(name, HOST, repository, alarm));
      repo.commit("add " + name);
    }
    try (GitRepository git = GitRepository.open(dir)) {
      return new ManifestResolver(dev.sagemakergitops.core.aws.ImagePinner.using(clients))
          .resolveOne(git, "HEAD", "models/churn.yaml");
    }
  }

  private Step<DeployState, DeployResult> deploy(ResolvedManifest manifest) throws InterruptedException {
    OperationContext context = new OperationContext(clients, Clock.systemUTC(), BuildInfo.terminal(),
        new PollingPolicy(Duration.ofMillis(50), Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(50), 0,
            Duration.ofMillis(200)), new Random(1));
    return new OperationRunner(context, d -> Thread.sleep(d.toMillis()), events::add)
        .run(new SafeDeployOperation(context), DeployRequest.of(manifest), StateStore.none(), "deploy");
  }

  @Test
  void deploy_againstMoto_createsTheEndpointTaggedWithItsLineage_andASecondRunChangesNothing() throws Exception {
    ResolvedManifest manifest = prepare();
    calls.clear();

    Step<DeployState, DeployResult> step = deploy(manifest);

    assertThat(step).as("%s", step instanceof Step.Failed<?, ?> f ? f.failure() : step)
        .isInstanceOf(Step.Succeeded.class);
    DeployResult result = ((Step.Succeeded<DeployState, DeployResult>) step).result();
    assertThat(result.change()).isEqualTo("CREATED");
    var sageMaker = clients.sageMaker("us-east-1");
    DescribeEndpointResponse endpoint = sageMaker.describeEndpoint(r -> r.endpointName(name));
    assertThat(endpoint.endpointConfigName()).isEqualTo(result.endpointConfigName());
    assertThat(sageMaker.describeEndpointConfig(r -> r.endpointConfigName(result.endpointConfigName()))
        .productionVariants().get(0).modelName()).isEqualTo(result.modelName());
    assertThat(sageMaker.describeModel(r -> r.modelName(result.modelName())).primaryContainer().image())
        .isEqualTo(manifest.image().toString());
    Map<String, String> tags = sageMaker.listTags(r -> r.resourceArn(endpoint.endpointArn())).tags().stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    assertThat(dev.sagemakergitops.core.health.IntentTag.parse(tags.get(SafeDeployOperation.CONFIG_TAG)))
        .map(dev.sagemakergitops.core.health.IntentTag::config).contains(result.endpointConfigName());
    assertThat(tags).containsKey(SafeDeployOperation.CONFIG_TAG)
        .containsEntry("sagemaker-gitops:manifest-blob", manifest.origin().manifestBlobId())
        .containsEntry("team", "growth");
    assertThat(events).anyMatch(e -> e.message().startsWith("SageMaker reports no DeployedImages for variant(s) [AllTraffic]"));
    assertThat(calls.count("CreateModel")).isEqualTo(1);
    assertThat(calls.count("CreateEndpointConfig")).isEqualTo(1);
    assertThat(calls.count("CreateEndpoint")).isEqualTo(1);

    calls.clear();
    Step<DeployState, DeployResult> again = deploy(manifest);

    assertThat(again).isInstanceOf(Step.Succeeded.class);
    assertThat(((Step.Succeeded<DeployState, DeployResult>) again).result().change()).isEqualTo("UNCHANGED");
    assertThat(calls.calls()).isNotEmpty().noneMatch(DeployWorld::mutating);
  }
}
