package dev.sagemakergitops.core.operation.shadow;

import static dev.sagemakergitops.core.operation.shadow.ShadowPromoteTest.autoscaled;
import static dev.sagemakergitops.core.operation.shadow.ShadowPromoteTest.autoscalingOf;
import static dev.sagemakergitops.core.operation.shadow.ShadowPromoteTest.deploy;
import static dev.sagemakergitops.core.operation.shadow.ShadowPromoteTest.endpoint;
import static dev.sagemakergitops.core.operation.shadow.ShadowPromoteTest.shadow;
import static dev.sagemakergitops.core.operation.shadow.ShadowPromoteTest.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.core.status.EndpointStatusCheck;
import dev.sagemakergitops.core.status.EndpointSyncStatus;
import dev.sagemakergitops.core.status.SyncState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * The story of issue 11's "Done when", end to end on the local control plane, through the
 * operations users run: an endpoint with a scalable target and a target-tracking policy gets a
 * shadow test that promotes, a deploy of the next version, and an instance-type change that
 * SageMaker rolls back. After each step the variant names are the manifest's and the autoscaling is
 * as it was; at the end, once Git is brought back in line, {@code status} reads IN_SYNC.
 */
class AutoscaledEndpointStoryTest {
  @TempDir Path dir;

  private static EndpointSyncStatus status(ShadowWorld world, ResolvedManifest manifest, Path repository) {
    try (GitRepository git = GitRepository.open(repository)) {
      return new EndpointStatusCheck(world.aws.context(world.aws.clients())).check(manifest, git);
    }
  }

  private static void assertManifestVariantsAndAutoscaling(ShadowWorld world, List<String> autoscaling) {
    assertThat(endpoint(world).productionVariants()).extracting(ProductionVariantSummary::variantName)
        .containsExactly(ChurnManifest.VARIANT);
    assertThat(endpoint(world).shadowProductionVariants()).isEmpty();
    assertThat(autoscalingOf(world)).isEqualTo(autoscaling);
  }

  @Test
  void story_shadowPromoteThenNextVersionThenRolledBackInstanceTypeChange_endsInSyncWithAutoscalingIntact()
      throws Exception {
    Path repository = dir.resolve("repo");
    try (ShadowWorld world = new ShadowWorld(repository, autoscaled("churn/1"), 4)) {
      // Version 1 through safe deploy: the manifest's autoscaling is registered.
      succeeded(deploy(world, world.request.manifest(), dir.resolve("deploy-1")));
      List<String> autoscaling = autoscalingOf(world);
      assertThat(autoscaling).containsExactly("endpoint/churn-prod/variant/AllTraffic 2..8",
          "endpoint/churn-prod/variant/AllTraffic sagemaker-gitops-invocations-per-instance 1200.0");

      // Version 2: shadow test, passed and promoted.
      ResolvedManifest version2 = world.fixture.resolve(autoscaled("churn/2"));
      ShadowTestReport promoted = succeeded(shadow(world, version2, dir.resolve("shadow-2")));
      assertThat(promoted.action()).isEqualTo("Promote");
      assertThat(world.servedVersion()).isEqualTo(2);
      assertManifestVariantsAndAutoscaling(world, autoscaling);
      assertThat(status(world, version2, repository).state()).isEqualTo(SyncState.IN_SYNC);

      // Version 3, the next deploy: the variant-name guardrail lets it through.
      world.fixture.register(3);
      world.aws.advance(Duration.ofSeconds(10));
      ResolvedManifest version3 = world.fixture.resolve(autoscaled("churn/3"));
      DeployResult deployed = succeeded(deploy(world, version3, dir.resolve("deploy-3")));
      assertThat(endpoint(world).endpointConfigName()).isEqualTo(deployed.endpointConfigName());
      assertManifestVariantsAndAutoscaling(world, autoscaling);

      // A bigger instance type, which SageMaker rolls back: autoscaling is deregistered for it, then put back.
      ResolvedManifest bigger = world.fixture.resolve(autoscaled("churn/3")
          .with(ChurnManifest.INSTANCE_TYPE, "ml.m5.xlarge"));
      world.hosting().failNextUpdate(ChurnManifest.ENDPOINT, "Unable to provision requested ML compute capacity.");
      Step<DeployState, DeployResult> rolledBack = deploy(world, bigger, dir.resolve("deploy-bigger"));
      assertThat(rolledBack).isInstanceOf(Step.Failed.class);
      assertThat(((Step.Failed<DeployState, DeployResult>) rolledBack).failure().kind())
          .isIn(OperationFailure.Kind.ROLLED_BACK, OperationFailure.Kind.FAILED);
      assertThat(endpoint(world).endpointConfigName()).isEqualTo(deployed.endpointConfigName());
      assertManifestVariantsAndAutoscaling(world, autoscaling);
      EndpointSyncStatus afterRollback = status(world, bigger, repository);
      assertThat(afterRollback.state()).isEqualTo(SyncState.ROLLED_BACK);

      // Git brought back in line (the revert of the instance-type change): in sync, as before each step.
      ResolvedManifest reverted = world.fixture.resolve(autoscaled("churn/3"));
      EndpointSyncStatus end = status(world, reverted, repository);
      assertThat(end.state()).isEqualTo(SyncState.IN_SYNC);
      assertThat(end.liveConfig()).isEqualTo(deployed.endpointConfigName());
      assertManifestVariantsAndAutoscaling(world, autoscaling);
    }
  }
}
