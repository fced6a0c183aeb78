package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.IntegrationPhase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Issue 15's "a commit changing the split to 50/50 is deployed with no new endpoint configuration and
 * no new model": deploy, plan and status through the command line, manifests committed to a Git
 * repository, against the local control plane.
 */
@IntegrationPhase
class InPlaceDeployCommandTest extends LocalWorldTest {
  @BeforeEach
  void setUp() {
    Churn.twoVersions(world);
  }

  /** The churn manifest serving churn/1 on variants A and B, split {@code a}/{@code b}. */
  private static String split(int a, int b) {
    return Churn.training("churn/1") + """
          endpoint:
            name: churn-prod
            variants:
              - {name: A, instanceType: ml.m5.large, instanceCount: 2, weight: %d}
              - {name: B, instanceType: ml.m5.large, instanceCount: 2, weight: %d}
            deployment: {strategy: canary, canarySize: 50%%, bake: 10m, rollbackAlarms: [churn-prod-5xx]}
        """.formatted(a, b);
  }

  private Map<String, Float> liveWeights() {
    Map<String, Float> out = new HashMap<>();
    for (ProductionVariantSummary v : world.sageMaker().describeEndpoint(r -> r.endpointName(Churn.NAME))
        .productionVariants()) {
      out.put(v.variantName(), v.currentWeight());
    }
    return out;
  }

  @Test
  void deploy_whenACommitChangesTheSplitTo5050_changesWeightsWithNoNewModelConfigurationOrUpdate() {
    String base = world.commit(Churn.PATH, split(80, 20), "Serve churn 1 on A and B, 80/20");
    CommandLineRun first = world.run("deploy", "--json", Churn.PATH);
    assertThat(first.exitCode()).as(first.err()).isZero();
    String config = first.json().at("/result/endpointConfigName").asText();
    world.commit(Churn.PATH, split(50, 50), "Split churn 50/50");

    CommandLineRun plan = world.run("plan", "--offline", "--base", base, "--format", "json");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.json().at("/models/0/inPlace").asBoolean()).isTrue();
    assertThat(plan.json().at("/models/0/actions/0").asText()).startsWith("change the weights and instance counts "
        + "of endpoint churn-prod in place");

    world.calls().clear();
    CommandLineRun deploy = world.run("deploy", "--json", Churn.PATH);

    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    assertThat(world.calls().count("CreateModel")).isZero();
    assertThat(world.calls().count("CreateEndpointConfig")).isZero();
    assertThat(world.calls().count("UpdateEndpoint")).isZero();
    assertThat(world.calls().count("UpdateEndpointWeightsAndCapacities")).isEqualTo(1);
    assertThat(deploy.json().at("/result/change").asText()).isEqualTo("IN_PLACE");
    assertThat(deploy.json().at("/result/endpointConfigName").asText()).isEqualTo(config);
    assertThat(liveWeights()).containsEntry("A", 50f).containsEntry("B", 50f);
    assertThat(world.sageMaker().describeEndpoint(r -> r.endpointName(Churn.NAME)).endpointConfigName())
        .isEqualTo(config);

    CommandLineRun status = world.run("status", "--fail-on-drift");
    assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
    assertThat(status.out()).startsWith("churn-prod (models/churn/prod.yaml): IN_SYNC: ");
  }

  /** The churn manifest serving churn/1 on variant B alone. */
  private static String onlyB() {
    return Churn.training("churn/1") + """
          endpoint:
            name: churn-prod
            variants:
              - {name: B, instanceType: ml.m5.large, instanceCount: 2}
            deployment: {strategy: canary, canarySize: 50%, bake: 10m, rollbackAlarms: [churn-prod-5xx]}
        """;
  }

  @Test
  void plan_alongAnABRamp_saysEachWeightChangeIsInPlaceAndBlocksRemovingAVariant() {
    String start = world.commit(Churn.PATH, split(90, 10), "A/B test: B gets 10%");
    assertThat(world.run("deploy", Churn.PATH).exitCode()).isZero();
    String previous = start;
    for (int[] step : new int[][] {{50, 50}, {0, 100}}) {
      String commit = world.commit(Churn.PATH, split(step[0], step[1]), "A/B test: " + step[0] + "/" + step[1]);
      CommandLineRun plan = world.run("plan", "--offline", "--base", previous);
      assertThat(plan.out()).contains("change the weights and instance counts of endpoint churn-prod in place");
      world.calls().clear();
      CommandLineRun deploy = world.run("deploy", Churn.PATH);
      assertThat(deploy.exitCode()).as(deploy.err()).isZero();
      assertThat(world.calls().count("UpdateEndpointWeightsAndCapacities")).isEqualTo(1);
      assertThat(world.calls().count("CreateEndpointConfig")).isZero();
      previous = commit;
    }

    world.commit(Churn.PATH, onlyB(), "A/B test over: B only");
    CommandLineRun removal = world.run("plan", "--offline", "--base", previous);
    assertThat(removal.exitCode()).isEqualTo(2);
    assertThat(removal.out()).contains("the variant names change from A, B to B");
  }
}
