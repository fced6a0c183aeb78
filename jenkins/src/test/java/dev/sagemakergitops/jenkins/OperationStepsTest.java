package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ManifestFile;
import dev.sagemakergitops.core.git.ResolvedCommit;
import dev.sagemakergitops.local.s3.S3Service;
import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import dev.sagemakergitops.testkit.IntegrationPhase;
import hudson.AbortException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;

/**
 * The five operation steps end to end: each through its real execution and core operation,
 * against the local control plane on virtual time, returning the documented keys and writing its
 * deployment record.
 */
@IntegrationPhase
class OperationStepsTest {
  private static final String PACKAGE_GROUP_ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/";

  private final Path directory;
  // A fresh local setup per test (JUnit makes an instance per test), closed after it.
  @AutoClose private final LocalSetup setup;

  OperationStepsTest(@TempDir Path directory) {
    this.directory = directory;
    setup = new LocalSetup(directory);
  }

  @Test
  void registerModel_afterSagemakerTrain_registersThatJobsArtifactAndWritesTheBumpCommit() {
    setup.commitManifest("churn/7");
    Map<String, Object> trained = setup.run(new SageMakerTrainStep(LocalSetup.MANIFEST)).result();
    RegisterModelStep register = new RegisterModelStep(LocalSetup.MANIFEST);
    register.setBumpBranch("bump/churn-prod");

    StepRun run = setup.run(register);

    Map<String, Object> result = run.result();
    assertThat(result.keySet()).containsExactly("modelPackageArn", "modelPackageGroup", "modelPackageVersion",
        "modelPackage", "approvalStatus", "modelArtifactUri", "trainingJobName", "imageDigest", "reused",
        "bumpBranch", "bumpCommit", "outcome", "recordPath");
    assertThat(result).containsEntry("modelPackageArn", PACKAGE_GROUP_ARN + "1")
        .containsEntry("modelPackageGroup", "churn").containsEntry("modelPackageVersion", 1)
        .containsEntry("modelPackage", "churn/1").containsEntry("approvalStatus", "Approved")
        .containsEntry("trainingJobName", trained.get("trainingJobName"))
        .containsEntry("modelArtifactUri", trained.get("modelArtifactUri")).containsEntry("reused", false)
        .containsEntry("bumpBranch", "bump/churn-prod").containsEntry("outcome", "succeeded");
    try (GitRepository git = GitRepository.open(setup.git.directory())) {
      ResolvedCommit bump = git.resolve("refs/heads/bump/churn-prod");
      assertThat(bump.id()).isEqualTo(result.get("bumpCommit"));
      assertThat(bump.parentIds()).containsExactly(setup.commit);
      assertThat(git.readManifests(bump.id(), List.of(LocalSetup.MANIFEST)).get(0).text())
          .contains("package: churn/1").doesNotContain("churn/7");
    }
    assertThat(run.record()).contains("\"operation\" : \"registerModel\"", "\"kind\" : \"model-package\"",
        "\"modelPackage\" : \"" + PACKAGE_GROUP_ARN + "1\"", "\"trainingJob\" : \"" + trained.get("trainingJobName"));
  }

  @Test
  void sagemakerTrain_withARunKey_trainsTheSameSpecAgainUnderANewJobAndWithoutReusesIt() {
    setup.commitManifest("churn/7");
    Map<String, Object> first = setup.run(new SageMakerTrainStep(LocalSetup.MANIFEST)).result();
    SageMakerTrainStep retry = new SageMakerTrainStep(LocalSetup.MANIFEST);
    retry.setRunKey("43");

    Map<String, Object> retried = setup.run(retry).result();
    Map<String, Object> reused = setup.run(new SageMakerTrainStep(LocalSetup.MANIFEST)).result();

    assertThat(first).containsEntry("reused", false).doesNotContainKey("runKey");
    assertThat(retried).containsEntry("runKey", "43").containsEntry("reused", false);
    assertThat(retried.get("trainingJobName")).isNotEqualTo(first.get("trainingJobName"));
    assertThat(retried.get("modelArtifactUri")).isNotEqualTo(first.get("modelArtifactUri"));
    assertThat(reused).containsEntry("trainingJobName", first.get("trainingJobName")).containsEntry("reused", true);
  }

  @Test
  void registerModel_beforeAnyTraining_isRefusedSayingWhatToRunAndRegistersNothing() {
    StepRun run = setup.run(new RegisterModelStep(LocalSetup.MANIFEST));

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageContaining("registerModel: training job churn-prod-")
        .hasMessageContaining("(the one sagemakerTrain runs for models/churn/prod.yaml at commit " + setup.commit
            + ") does not exist in us-east-1; run sagemakerTrain first");
    assertThat(setup.sageMaker().listModelPackageGroups(r -> {}).modelPackageGroupSummaryList()).isEmpty();
  }

  @Test
  void safeDeploy_ofARegisteredVersion_createsTheEndpointAndReturnsItsKeys() {
    Map<String, Object> registered = register("churn/v1/model.tar.gz");

    StepRun run = setup.run(new SafeDeployStep(LocalSetup.MANIFEST));

    Map<String, Object> result = run.result();
    assertThat(result.keySet()).containsExactly("endpointName", "endpointArn", "endpointConfigName", "modelName",
        "modelPackageArn", "imageDigest", "change", "alarmsSeen", "deleted", "outcome", "recordPath");
    assertThat(result).containsEntry("endpointName", LocalSetup.ENDPOINT).containsEntry("change", "CREATED")
        .containsEntry("modelPackageArn", registered.get("modelPackageArn"))
        .containsEntry("imageDigest", registered.get("imageDigest")).containsEntry("alarmsSeen", List.of());
    assertThat((String) result.get("endpointConfigName")).matches("churn-prod-[0-9a-f]{12}");
    assertThat(setup.sageMaker().describeEndpoint(r -> r.endpointName(LocalSetup.ENDPOINT)).endpointConfigName())
        .isEqualTo(result.get("endpointConfigName"));
    assertThat(run.record()).contains("\"operation\" : \"safeDeploy\"", "\"outcome\" : \"succeeded\"",
        "\"kind\" : \"endpoint\"", "\"modelPackage\" : \"" + registered.get("modelPackageArn") + "\"");
  }

  @Test
  void safeDeploy_restartedMidPoll_resumesFromThePersistedExecutionAndCreatesNothingTwice() {
    register("churn/v1/model.tar.gz");
    StepRun before = setup.start(new SafeDeployStep(LocalSetup.MANIFEST));
    while (!before.context.log().contains("[ENDPOINT] creating endpoint churn-prod") && setup.ticks.runNext()) {
      // Tick until CreateEndpoint was sent: the step now polls the endpoint while its fleet launches.
    }
    assertThat(before.execution.savedState()).contains("\"stage\" : \"DEPLOYING\"");
    assertThat(setup.ticks.pending()).isOne();

    // The controller stops between two ticks, for ten minutes: what survives is the persisted execution.
    setup.local.advance(Duration.ofMinutes(10));
    ManualTicks restartedTicks = new ManualTicks(setup.local);
    StepRun after = before.restarted(restartedTicks);
    assertThat(after.execution.getStatus()).isEqualTo("safeDeploy: resuming from its saved state");
    after.execution.onResume();
    assertThat(restartedTicks.pending()).isOne();
    restartedTicks.runAll();

    Map<String, Object> result = after.result();
    assertThat(result).containsEntry("change", "CREATED");
    assertThat(after.context.log()).contains("safeDeploy: AWS credentials from the build's AWS_ACCESS_KEY_ID;"
        + " resuming after a restart", "safeDeploy resumed from its saved state (phase ");
    assertThat(setup.sageMaker().listEndpointConfigs(r -> {}).endpointConfigs())
        .extracting(EndpointConfigSummary::endpointConfigName).containsExactly((String) result.get("endpointConfigName"));
    assertThat(setup.sageMaker().listModels(r -> {}).models()).hasSize(1);
    String record = after.record();
    // The record starts when the run started and keeps the events from before the restart.
    assertThat(record).contains("\"startedAt\" : \"2026-11-02T09:00:", "created model churn-prod-",
        "creating endpoint churn-prod with", "verified: endpoint churn-prod is InService");
    assertThat(new String(before.persisted(), StandardCharsets.ISO_8859_1) + before.context.log() + record)
        .doesNotContain(LocalSetup.SECRET_KEY).doesNotContain(LocalSetup.ACCESS_KEY);
  }

  @Test
  void safeDeploy_thatWaitedForAnotherPipelinesDeploymentOfANewerCommit_stopsSupersededAndLeavesTheNewerLive() {
    register("churn/v1/model.tar.gz");
    String older = setup.commit;
    setup.run(new SafeDeployStep(LocalSetup.MANIFEST)).result();
    register("churn/v2/model.tar.gz");
    String newer = setup.commitManifest("churn/2");
    // The pipeline of the newer commit is deploying: SageMaker is updating the endpoint to it.
    StepRun newerRun = setup.start(new SafeDeployStep(LocalSetup.MANIFEST));
    while (!String.valueOf(newerRun.execution.savedState()).contains("\"stage\" : \"DEPLOYING\"")
        && setup.ticks.runNext()) {
      // Tick until UpdateEndpoint was sent.
    }
    // A late pipeline of the older commit (a rebuild) starts now, waits for that deployment, then asks Git.
    setup.commit = older;
    StepRun olderRun = setup.start(new SafeDeployStep(LocalSetup.MANIFEST));
    setup.ticks.runAll();

    Map<String, Object> deployed = newerRun.result();
    assertThat(olderRun.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageContaining("superseded by " + newer);
    assertThat(setup.sageMaker().describeEndpoint(r -> r.endpointName(LocalSetup.ENDPOINT)).endpointConfigName())
        .isEqualTo(deployed.get("endpointConfigName"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void safeDeploy_withCleanUpKeepingOneCommit_deletesTheEarlierVersionsResources() {
    register("churn/v1/model.tar.gz");
    Map<String, Object> first = setup.run(new SafeDeployStep(LocalSetup.MANIFEST)).result();
    register("churn/v2/model.tar.gz");
    setup.commitManifest("churn/2");
    SafeDeployStep deploy = new SafeDeployStep(LocalSetup.MANIFEST);
    deploy.setCleanUp(true);
    deploy.setKeepCommits(1);

    Map<String, Object> second = setup.run(deploy).result();

    assertThat(second).containsEntry("change", "UPDATED")
        .containsEntry("previousEndpointConfigName", first.get("endpointConfigName"));
    assertThat((List<Object>) second.get("deleted")).contains(first.get("endpointConfigName"), first.get("modelName"));
    assertThat(setup.sageMaker().listEndpointConfigs(r -> {}).endpointConfigs())
        .extracting(EndpointConfigSummary::endpointConfigName).containsExactly((String) second.get("endpointConfigName"));
  }

  @Test
  void safeDeploy_withKeepCommitsButNoCleanUp_isRefusedBeforeAnyChange() {
    register("churn/v1/model.tar.gz");
    SafeDeployStep deploy = new SafeDeployStep(LocalSetup.MANIFEST);
    deploy.setKeepCommits(3);

    StepRun run = setup.run(deploy);

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageContaining("safeDeploy: keepCommits says how much the clean-up keeps, but there is no clean-up");
    assertThat(setup.sageMaker().listModels(r -> {}).models()).isEmpty();
  }

  @Test
  void safeDeploy_rolledBackBySageMaker_failsAndWritesTheRevertOnTheRevertBranch() {
    register("churn/v1/model.tar.gz");
    setup.run(new SafeDeployStep(LocalSetup.MANIFEST)).result();
    String good = setup.commit;
    register("churn/v2/model.tar.gz");
    String offending = setup.commitManifest("churn/2");
    setup.local.service(HostingService.class).failNextUpdate(LocalSetup.ENDPOINT, "the new fleet failed its health check");
    SafeDeployStep deploy = new SafeDeployStep(LocalSetup.MANIFEST);
    deploy.setRevertBranch("revert/churn-prod");

    StepRun run = setup.run(deploy);

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageContaining("safeDeploy was rolled back")
        .hasMessageContaining("wrote the revert of commit " + offending + " on branch revert/churn-prod");
    try (GitRepository git = GitRepository.open(setup.git.directory())) {
      ResolvedCommit revert = git.resolve("refs/heads/revert/churn-prod");
      assertThat(revert.parentIds()).containsExactly(offending);
      ManifestFile reverted = git.readManifests(revert.id(), List.of(LocalSetup.MANIFEST)).get(0);
      assertThat(reverted.text()).isEqualTo(git.readManifests(good, List.of(LocalSetup.MANIFEST)).get(0).text());
    }
  }

  @Test
  void shadowTest_ofANewVersionBesideTheLiveEndpoint_passesAndPromotesIt() {
    register("churn/v1/model.tar.gz");
    setup.run(new SafeDeployStep(LocalSetup.MANIFEST)).result();
    register("churn/v2/model.tar.gz");
    setup.commitManifest("churn/2");
    setup.sendTraffic(4);
    ShadowTestStep shadow = new ShadowTestStep(LocalSetup.MANIFEST);
    shadow.setRunKey("build-42");

    StepRun run = setup.run(shadow);

    Map<String, Object> result = run.result();
    assertThat(result.keySet()).containsExactly("endpointName", "experimentName", "experimentArn",
        "productionVariant", "productionModel", "shadowVariant", "shadowModel", "verdict", "action",
        "latencyIncreasePercent", "shadowErrorRatePercent", "comparison", "deployment", "outcome", "recordPath");
    assertThat(result).containsEntry("verdict", "PASSED").containsEntry("action", "Promote")
        .containsEntry("productionVariant", "AllTraffic").containsEntry("shadowErrorRatePercent", 0.0);
    assertThat((String) result.get("experimentName")).startsWith("churn-prod-shadow-");
    @SuppressWarnings("unchecked")
    Map<String, Object> comparison = (Map<String, Object>) result.get("comparison");
    assertThat(comparison).containsKeys("windowStart", "windowEnd", "production", "shadow", "findings");
    // The promotion's safe deploy: the configuration the endpoint ended on, as safeDeploy would return it.
    @SuppressWarnings("unchecked")
    Map<String, Object> deployment = (Map<String, Object>) result.get("deployment");
    assertThat(deployment).containsEntry("change", "UPDATED").containsEntry("endpointName", "churn-prod")
        .containsEntry("endpointConfigName", setup.sageMaker().describeEndpoint(r -> r.endpointName("churn-prod"))
            .endpointConfigName());
    assertThat(run.record()).contains("\"operation\" : \"shadowTest\"", "\"kind\" : \"inference-experiment\"",
        "\"kind\" : \"endpoint\"");
  }

  @Test
  void batchTransform_withoutATransformName_runsTheManifestsOnlyOneAndReturnsItsOutput() {
    register("churn/v1/model.tar.gz");
    BatchTransformStep transform = new BatchTransformStep(LocalSetup.MANIFEST);
    transform.setRunKey("2026-11-02");

    StepRun run = setup.run(transform);

    Map<String, Object> result = run.result();
    assertThat(result.keySet()).containsExactly("transformName", "transformJobName", "transformJobArn", "modelName",
        "runKey", "inputUri", "outputUri", "creationTime", "startTime", "endTime", "outcome", "recordPath");
    assertThat(result).containsEntry("transformName", LocalSetup.TRANSFORM).containsEntry("runKey", "2026-11-02")
        .containsEntry("inputUri", "s3://ml-data/churn/score/").containsEntry("outputUri", "s3://ml-predictions/churn/");
    assertThat((String) result.get("transformJobName")).startsWith("churn-prod-nightly-scoring-");
    assertThat(setup.local.service(S3Service.class).get("ml-predictions", "churn/part-0.csv.out")).isPresent();
    assertThat(run.record()).contains("\"operation\" : \"batchTransform\"", "\"kind\" : \"transform-job\"");
  }

  /** Registers an artifact of its own as the next version of the manifest's group, with {@code registerModel}. */
  private Map<String, Object> register(String artifactKey) {
    RegisterModelStep register = new RegisterModelStep(LocalSetup.MANIFEST);
    register.setModelArtifactUri(setup.putArtifact(artifactKey));
    Map<String, Object> result = setup.run(register).result();
    assertThat(setup.sageMaker().listModelPackages(r -> r.modelPackageGroupName("churn")).modelPackageSummaryList())
        .extracting(ModelPackageSummary::modelPackageArn).contains((String) result.get("modelPackageArn"));
    return result;
  }
}
