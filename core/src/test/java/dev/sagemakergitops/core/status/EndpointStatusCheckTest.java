package dev.sagemakergitops.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/** status against the local control plane, with real commits: in sync, out of sync, updating, rolled back and its revert. */
class EndpointStatusCheckTest {
  private static final String PATH = "models/churn/prod.yaml";
  private static final String ENDPOINT = "churn-prod";
  private static final String ALARM = "churn-prod-5xx";

  @TempDir Path dir;
  private LocalAws aws;
  private GitRepositoryBuilder repo;
  private String image;

  @BeforeEach
  void setUp() {
    aws = LocalAws.start();
    repo = GitRepositoryBuilder.init(dir);
    image = aws.publishImage("churn-xgb", "2.0.0");
    var clients = aws.clients();
    clients.cloudWatch(LocalAws.REGION).putMetricAlarm(r -> r.alarmName(ALARM).namespace("AWS/SageMaker")
        .metricName("Invocation5XXErrors").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    var sageMaker = clients.sageMaker(LocalAws.REGION);
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName("churn"));
    for (int v = 1; v <= 2; v++) {
      String artifact = "s3://ml-artifacts/churn/v" + v + "/model.tar.gz";
      sageMaker.createModelPackage(r -> r.modelPackageGroupName("churn").modelApprovalStatus(ModelApprovalStatus.APPROVED)
          .inferenceSpecification(i -> i.containers(c -> c.image(image).modelDataUrl(artifact))
              .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
    }
    aws.advance(java.time.Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    repo.close();
    aws.close();
  }

  private String commit(int version, String message) {
    repo.file(PATH, """
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: churn-prod
        spec:
          region: us-east-1
          image: %s
          model:
            package: churn/%d
            executionRoleArn: arn:aws:iam::%s:role/sm-execution
          endpoint:
            name: churn-prod
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
            deployment:
              strategy: canary
              canarySize: 1
              bake: 5m
              rollbackAlarms: [%s]
        """.formatted(image, version, LocalAws.ACCOUNT, ALARM));
    return repo.commit(message);
  }

  private Step<DeployState, DeployResult> deploy(String ref) throws InterruptedException {
    var clients = aws.clients();
    try (GitRepository git = GitRepository.open(dir)) {
      var manifest = new ManifestResolver(aws.pinner(clients)).resolveOne(git, ref, PATH);
      return aws.runner(clients).run(new SafeDeployOperation(aws.context(clients)), DeployRequest.of(manifest),
          StateStore.none(), "deploy");
    }
  }

  private EndpointSyncStatus status(String ref) {
    var clients = aws.clients();
    try (GitRepository git = GitRepository.open(dir)) {
      List<EndpointSyncStatus> all = new EndpointStatusCheck(aws.context(clients))
          .check(git, ref, List.of(), new ManifestResolver(aws.pinner(clients)));
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  @Test
  void check_whenEndpointMissing_isOutOfSync() {
    commit(1, "add churn");

    EndpointSyncStatus status = status("HEAD");

    assertThat(status.state()).isEqualTo(SyncState.OUT_OF_SYNC);
    assertThat(status.reason()).contains("does not exist");
    assertThat(status.desiredConfig()).startsWith("churn-prod-");
  }

  @Test
  void check_afterDeploy_isInSync_andAfterAnUndeployedBump_isOutOfSync() throws Exception {
    commit(1, "add churn");
    assertThat(deploy("HEAD")).isInstanceOf(Step.Succeeded.class);

    EndpointSyncStatus deployed = status("HEAD");
    commit(2, "bump churn");
    EndpointSyncStatus bumped = status("HEAD");

    assertThat(deployed.state()).isEqualTo(SyncState.IN_SYNC);
    assertThat(deployed.liveConfig()).isEqualTo(deployed.desiredConfig());
    assertThat(bumped.state()).isEqualTo(SyncState.OUT_OF_SYNC);
    assertThat(bumped.reason()).contains(deployed.liveConfig(), bumped.desiredConfig(), "deploy it");
  }

  @Test
  void check_whileDeploying_isUpdating() throws Exception {
    commit(1, "add churn");
    assertThat(deploy("HEAD")).isInstanceOf(Step.Succeeded.class);
    commit(2, "bump churn");
    // Someone starts an update by hand: a configuration serving the live model on one instance.
    var sageMaker = aws.clients().sageMaker(LocalAws.REGION);
    String liveConfig = sageMaker.describeEndpoint(r -> r.endpointName(ENDPOINT)).endpointConfigName();
    String liveModel = sageMaker.describeEndpointConfig(r -> r.endpointConfigName(liveConfig))
        .productionVariants().get(0).modelName();
    sageMaker.createEndpointConfig(r -> r.endpointConfigName("hand-made").productionVariants(v -> v
        .variantName("AllTraffic").modelName(liveModel).instanceType("ml.m5.large").initialInstanceCount(1)));
    sageMaker.updateEndpoint(r -> r.endpointName(ENDPOINT).endpointConfigName("hand-made"));

    EndpointSyncStatus status = status("HEAD");

    assertThat(status.state()).isEqualTo(SyncState.UPDATING);
    assertThat(status.reason()).contains("Updating to hand-made");
  }

  @Test
  void check_afterRollback_isRolledBackNamingTheBump_andWritesItsRevert() throws Exception {
    commit(1, "add churn");
    assertThat(deploy("HEAD")).isInstanceOf(Step.Succeeded.class);
    String bump = commit(2, "bump churn to v2");
    repo.file("README.md", "later, unrelated\n");
    repo.commit("docs");
    aws.local().service(HostingService.class).tripAlarmAtStep(ENDPOINT, ALARM, 1);
    assertThat(deploy("HEAD")).isInstanceOf(Step.Failed.class);

    EndpointSyncStatus status = status("HEAD");

    assertThat(status.state()).isEqualTo(SyncState.ROLLED_BACK);
    assertThat(status.requestedConfig()).isEqualTo(status.desiredConfig());
    assertThat(status.reason()).contains("rolled that deployment back", ALARM, "Revert commit " + bump);
    assertThat(status.offendingCommit()).isEqualTo(bump);

    CommitResult revert;
    try (GitRepository git = GitRepository.open(dir)) {
      revert = new EndpointStatusCheck(aws.context(aws.clients())).writeRevert(git, status, "revert-churn", "main",
          null);
    }
    assertThat(revert.changed()).isTrue();
    assertThat(revert.changedPaths()).containsExactly(PATH);
    EndpointSyncStatus onRevert = status("revert-churn");
    assertThat(onRevert.state()).isEqualTo(SyncState.IN_SYNC);
  }
}
