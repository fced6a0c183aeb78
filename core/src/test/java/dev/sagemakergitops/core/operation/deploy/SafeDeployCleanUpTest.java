package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.ManifestFixtures;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.Step;
import org.junit.jupiter.api.Test;

/** The opt-in clean-up deletes only this manifest's unreferenced models and configurations. */
class SafeDeployCleanUpTest extends DeployWorldTest {
  SafeDeployCleanUpTest() {
    super(3);
  }

  private DeployResult deploy(int version) throws Exception {
    Step<DeployState, DeployResult> step = world.deploy(DeployWorld.Manifest.v(version));
    assertThat(step).isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<DeployState, DeployResult>) step).result();
  }

  @Test
  void deploy_withoutCleanUp_keepsEveryEarlierModelAndConfiguration() throws Exception {
    deploy(1);
    deploy(2);
    deploy(3);

    assertThat(world.configNames()).hasSize(3);
    assertThat(world.modelNames()).hasSize(3);
    assertThat(world.aws.calls().count("DeleteModel") + world.aws.calls().count("DeleteEndpointConfig")).isZero();
  }

  @Test
  void deploy_withCleanUp_deletesOnlyWhatNeitherTheEndpointNorTheLastCommitsReference() throws Exception {
    DeployResult v1 = deploy(1);
    DeployResult v2 = deploy(2);
    // A model of a similar name made by hand carries no lineage tags: never ours to delete.
    world.sageMaker().createModel(r -> r.modelName("churn-prod-handmade").executionRoleArn(ManifestFixtures.ROLE)
        .primaryContainer(c -> c.image(world.image.replace(":1.4.2", "@sha256:" + "a".repeat(64)))));
    world.commit(DeployWorld.Manifest.v(3), "v3");

    CleanUp cleanUp;
    try (GitRepository git = GitRepository.open(world.repo.directory())) {
      cleanUp = new ReferencedResources(world.context()).fromHistory(git, "HEAD", DeployWorld.PATH, 2,
          new ManifestResolver(world.aws.pinner(world.clients)));
    }
    assertThat(cleanUp.referenced()).contains(v2.modelName(), v2.endpointConfigName())
        .doesNotContain(v1.modelName(), v1.endpointConfigName()).hasSize(4);
    Step<DeployState, DeployResult> step = world.deploy(DeployRequest.of(world.head()).withCleanUp(cleanUp));

    assertThat(step).isInstanceOf(Step.Succeeded.class);
    DeployResult v3 = ((Step.Succeeded<DeployState, DeployResult>) step).result();
    assertThat(v3.deleted()).containsExactlyInAnyOrder(v1.modelName(), v1.endpointConfigName());
    assertThat(world.configNames()).containsExactlyInAnyOrder(v2.endpointConfigName(), v3.endpointConfigName());
    assertThat(world.modelNames()).containsExactlyInAnyOrder(v2.modelName(), v3.modelName(), "churn-prod-handmade");
  }
  @Test
  void deploy_withCleanUp_keepsAConfigurationAndModelAnotherEndpointServes() throws Exception {
    DeployResult v1 = deploy(1);
    deploy(2);
    // Another endpoint (a copy made by hand, or a deploy of another commit) serves v1's configuration;
    // SageMaker would let the clean-up delete it from under that endpoint.
    world.sageMaker().createEndpoint(r -> r.endpointName("churn-prod-copy").endpointConfigName(v1.endpointConfigName()));
    world.aws.advance(java.time.Duration.ofMinutes(10));
    world.commit(DeployWorld.Manifest.v(3), "v3");

    Step<DeployState, DeployResult> step = world.deploy(DeployRequest.of(world.head())
        .withCleanUp(CleanUp.keeping(1, java.util.Set.of())));

    DeployResult v3 = DeployWorld.succeeded(step);
    assertThat(v3.deleted()).doesNotContain(v1.endpointConfigName(), v1.modelName());
    assertThat(world.configNames()).contains(v1.endpointConfigName());
    assertThat(world.modelNames()).contains(v1.modelName());
    assertThat(world.aws.events()).anyMatch(e -> e.message().equals("clean-up: kept endpoint configuration "
        + v1.endpointConfigName() + ": endpoint churn-prod-copy serves it"));
  }
}
