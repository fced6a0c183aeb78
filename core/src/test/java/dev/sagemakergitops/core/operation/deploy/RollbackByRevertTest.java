package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.testkit.GitCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rollback is {@code git revert}: after reverting the commit that bumped the package, the deploy
 * finds the old model and endpoint configuration by name and makes exactly one UpdateEndpoint.
 */
class RollbackByRevertTest extends DeployWorldTest {
  RollbackByRevertTest() {
    super(2);
  }

  private DeployResult v1;
  private String bump;

  @BeforeEach
  void setUp() throws Exception {
    v1 = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    world.repo.file(DeployWorld.PATH, DeployWorld.Manifest.v(2).text(world.image));
    bump = world.repo.commit("Bump churn-prod to churn/2");
    DeployWorld.succeeded(world.deploy(DeployRequest.of(world.head())));
    world.aws.calls().clear();
  }

  private void assertRevertReusedEverything(DeployResult reverted) {
    assertThat(reverted.endpointConfigName()).isEqualTo(v1.endpointConfigName());
    assertThat(reverted.modelName()).isEqualTo(v1.modelName());
    assertThat(world.aws.calls().count("CreateTrainingJob")).isZero();
    assertThat(world.aws.calls().count("CreateModelPackage")).isZero();
    assertThat(world.aws.calls().count("CreateModel")).isZero();
    assertThat(world.aws.calls().count("CreateEndpointConfig")).isZero();
    assertThat(world.aws.calls().count("UpdateEndpoint")).isEqualTo(1);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(v1.endpointConfigName());
  }

  @Test
  void deploy_afterGitRevertOfTheBump_reusesTheOldModelAndConfigWithOneUpdate() throws Exception {
    GitCli.run(world.repo.directory(), "revert", "--no-edit", bump);

    DeployResult reverted = DeployWorld.succeeded(world.deploy(DeployRequest.of(world.head())));

    assertRevertReusedEverything(reverted);
    assertThat(world.endpointTags()).containsEntry("sagemaker-gitops:commit", world.head().origin().commitId());
  }

  @Test
  void deploy_afterRevertCommitWrittenByTheTool_reusesTheOldModelAndConfigWithOneUpdate() throws Exception {
    CommitResult revert;
    try (GitRepository git = GitRepository.open(world.repo.directory())) {
      revert = git.revertCommit("revert-bump", "main", bump, null);
    }
    assertThat(revert.changed()).isTrue();

    DeployResult reverted = DeployWorld.succeeded(world.deploy(DeployRequest.of(world.resolve("revert-bump"))));

    assertRevertReusedEverything(reverted);
  }
}
