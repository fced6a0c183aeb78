package dev.sagemakergitops.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployWorld;
import dev.sagemakergitops.core.operation.deploy.DeployWorldTest;
import dev.sagemakergitops.core.operation.support.LocalAws;
import java.util.List;
import org.junit.jupiter.api.Test;

/** status against the local control plane, with real commits: in sync, out of sync, updating, rolled back and its revert. */
class EndpointStatusCheckTest extends DeployWorldTest {
  EndpointStatusCheckTest() {
    super(2);
  }

  private String commit(int version, String message) {
    return world.commit(DeployWorld.Manifest.v(version), message);
  }

  private void deployed(String ref) throws InterruptedException {
    assertThat(world.deploy(DeployRequest.of(world.resolve(ref)))).isInstanceOf(Step.Succeeded.class);
  }

  private EndpointStatusCheck check() {
    return new EndpointStatusCheck(world.context());
  }

  private EndpointSyncStatus status(String ref) {
    try (GitRepository git = GitRepository.open(world.repo.directory())) {
      List<EndpointSyncStatus> all = check().check(git, ref, List.of(),
          new ManifestResolver(world.aws.pinner(world.clients)));
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
    deployed("HEAD");

    EndpointSyncStatus deployed = status("HEAD");
    commit(2, "bump churn");
    EndpointSyncStatus bumped = status("HEAD");

    assertThat(deployed.state()).isEqualTo(SyncState.IN_SYNC);
    assertThat(deployed.liveConfig()).isEqualTo(deployed.desiredConfig());
    assertThat(bumped.state()).isEqualTo(SyncState.OUT_OF_SYNC);
    assertThat(bumped.reason()).contains(deployed.liveConfig(), bumped.desiredConfig(), "deploy it");
  }

  @Test
  void check_whileAnUpdateRuns_isUpdating() throws Exception {
    commit(1, "add churn");
    deployed("HEAD");
    // Someone starts an update by hand: a configuration serving the live model on one instance.
    var sageMaker = world.sageMaker();
    String liveConfig = world.endpoint().endpointConfigName();
    String liveModel = sageMaker.describeEndpointConfig(r -> r.endpointConfigName(liveConfig))
        .productionVariants().get(0).modelName();
    sageMaker.createEndpointConfig(r -> r.endpointConfigName("hand-made").productionVariants(v -> v
        .variantName("AllTraffic").modelName(liveModel).instanceType("ml.m5.large").initialInstanceCount(1)));
    sageMaker.updateEndpoint(r -> r.endpointName(DeployWorld.ENDPOINT).endpointConfigName("hand-made"));

    EndpointSyncStatus status = status("HEAD");

    assertThat(status.state()).isEqualTo(SyncState.UPDATING);
    assertThat(status.reason()).contains("being updated to hand-made");
  }

  @Test
  void check_whenUpdatedOutsideGit_isOutOfSyncChangedOutsideGitNotRolledBack() throws Exception {
    commit(1, "add churn");
    deployed("HEAD");
    String bump = commit(2, "bump churn to v2");
    deployed("HEAD");
    String handMade = handMadeConfig();
    world.sageMaker().updateEndpoint(r -> r.endpointName(DeployWorld.ENDPOINT).endpointConfigName(handMade));
    world.aws.advance(java.time.Duration.ofMinutes(30));

    EndpointSyncStatus status = status("HEAD");

    assertThat(status.state()).isEqualTo(SyncState.OUT_OF_SYNC);
    assertThat(status.reason()).contains("changed outside Git", handMade);
    assertThat(status.offendingCommit()).isNull();
    assertThat(bump).isNotNull();
  }

  @Test
  void check_whenTheRolledBackConfigurationWasReusedAfterARevert_namesTheCommitThatBroughtItBack() throws Exception {
    commit(1, "add churn");
    deployed("HEAD");
    String firstBump = commit(2, "bump churn to v2");
    world.hosting().tripAlarmAtStep(DeployWorld.ENDPOINT, DeployWorld.ALARM, 1);
    assertThat(world.deploy(DeployRequest.of(world.head()))).isInstanceOf(Step.Failed.class);
    commit(1, "Revert \"bump churn to v2\"");
    deployed("HEAD");
    // The same change again, through a branch merged into main: the configuration is reused, and
    // its lineage tags still name the first bump.
    world.repo.branch("retry").checkout("retry");
    String retry = commit(2, "bump churn to v2 again");
    world.repo.checkout("main");
    world.repo.file("README.md", "meanwhile on main\n");
    world.repo.commit("docs");
    dev.sagemakergitops.testkit.GitCli.run(world.repo.directory(), "merge", "--no-ff", "-m", "Merge retry", "retry");
    world.hosting().tripAlarmAtStep(DeployWorld.ENDPOINT, DeployWorld.ALARM, 1);
    assertThat(world.deploy(DeployRequest.of(world.head()))).isInstanceOf(Step.Failed.class);

    EndpointSyncStatus status = status("HEAD");

    assertThat(status.state()).isEqualTo(SyncState.ROLLED_BACK);
    assertThat(status.offendingCommit()).as("not the first bump, whose deploy made the configuration")
        .isNotEqualTo(firstBump).isEqualTo(retry);
    CommitResult revert;
    try (GitRepository git = GitRepository.open(world.repo.directory())) {
      revert = check().writeRevert(git, status, "revert-retry", "main", null);
    }
    assertThat(revert.changedPaths()).containsExactly(DeployWorld.PATH);
    assertThat(status("revert-retry").state()).isEqualTo(SyncState.IN_SYNC);
  }

  @Test
  void check_whileAnInferenceExperimentRuns_isAShadowTestNotRolledBack() throws Exception {
    commit(1, "add churn");
    deployed("HEAD");
    world.startExperiment("churn-shadow-by-hand");
    world.aws.advance(java.time.Duration.ofMinutes(10));

    EndpointSyncStatus status = status("HEAD");

    assertThat(status.state()).isEqualTo(SyncState.SHADOW_TEST);
    assertThat(status.reason()).contains("inference experiment churn-shadow-by-hand is ", "shadow test in progress");
  }

  /** A configuration made by hand: the live model on one instance. */
  private String handMadeConfig() {
    var sageMaker = world.sageMaker();
    String liveConfig = world.endpoint().endpointConfigName();
    String liveModel = sageMaker.describeEndpointConfig(r -> r.endpointConfigName(liveConfig))
        .productionVariants().get(0).modelName();
    sageMaker.createEndpointConfig(r -> r.endpointConfigName("hand-made-2").productionVariants(v -> v
        .variantName("AllTraffic").modelName(liveModel).instanceType("ml.m5.large").initialInstanceCount(1)));
    return "hand-made-2";
  }

  @Test
  void check_afterRollback_isRolledBackNamingTheBump_andWritesItsRevert() throws Exception {
    commit(1, "add churn");
    deployed("HEAD");
    String bump = commit(2, "bump churn to v2");
    world.repo.file("README.md", "later, unrelated\n");
    world.repo.commit("docs");
    world.hosting().tripAlarmAtStep(DeployWorld.ENDPOINT, DeployWorld.ALARM, 1);
    assertThat(world.deploy(DeployRequest.of(world.head()))).isInstanceOf(Step.Failed.class);

    EndpointSyncStatus status = status("HEAD");

    assertThat(status.state()).isEqualTo(SyncState.ROLLED_BACK);
    assertThat(status.requestedConfig()).isEqualTo(status.desiredConfig());
    assertThat(status.reason()).contains("rolled that deployment back", DeployWorld.ALARM, "Revert commit " + bump);
    assertThat(status.offendingCommit()).isEqualTo(bump);

    CommitResult revert;
    try (GitRepository git = GitRepository.open(world.repo.directory())) {
      revert = check().writeRevert(git, status, "revert-churn", "main", null);
    }
    assertThat(revert.changed()).isTrue();
    assertThat(revert.changedPaths()).containsExactly(DeployWorld.PATH);
    assertThat(status("revert-churn").state()).isEqualTo(SyncState.IN_SYNC);
    assertThat(LocalAws.REGION).isEqualTo(status.region());
  }
}
