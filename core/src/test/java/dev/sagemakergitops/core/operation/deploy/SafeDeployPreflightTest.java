package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.Step;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/** The pre-flight: every refusal names file, line and field, and AWS is left untouched. */
class SafeDeployPreflightTest extends DeployWorldTest {
  SafeDeployPreflightTest() {
    super(2);
  }

  private void deployed(DeployWorld.Manifest manifest) throws Exception {
    assertThat(world.deploy(manifest)).isInstanceOf(Step.Succeeded.class);
    world.aws.calls().clear();
  }

  /** Runs {@code manifest}, expecting a refusal; asserts nothing was changed in AWS. */
  private List<ManifestProblem> refused(DeployWorld.Manifest manifest) {
    world.commit(manifest, "change");
    world.aws.calls().clear();
    OperationInputException refusal = catchThrowableOfType(OperationInputException.class,
        () -> world.deploy(DeployRequest.of(world.head())));
    assertThat(refusal).as("expected a refusal").isNotNull();
    assertThat(world.mutatingCalls()).isEmpty();
    assertThat(refusal.problems()).allSatisfy(p -> {
      assertThat(p.file()).isEqualTo(DeployWorld.PATH);
      assertThat(p.line()).isPositive();
    });
    return refusal.problems();
  }

  @Test
  void begin_whenVariantRenamed_refusesAtVariants() throws Exception {
    deployed(DeployWorld.Manifest.v(1));

    List<ManifestProblem> problems = refused(DeployWorld.Manifest.v(2)
        .withVariants("      - {name: Blue, instanceType: ml.m5.large, instanceCount: 4}\n"));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.endpoint.variants");
      assertThat(p.message()).contains("[AllTraffic]", "[Blue]", "keep the names");
    });
  }

  @Test
  void begin_whenRollbackAlarmMissing_refusesAtRollbackAlarms() throws Exception {
    List<ManifestProblem> problems = refused(DeployWorld.Manifest.v(1).withDeployment(
        "      strategy: canary\n      canarySize: 1\n      bake: 5m\n      rollbackAlarms: [no-such-alarm, "
            + DeployWorld.ALARM + "]\n"));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.endpoint.deployment.rollbackAlarms");
      assertThat(p.message()).contains("[no-such-alarm]").doesNotContain(DeployWorld.ALARM + "]");
    });
  }

  @Test
  void begin_whenPackageNotApproved_refusesAtPackage() throws Exception {
    world.register(1, ModelApprovalStatus.PENDING_MANUAL_APPROVAL);

    List<ManifestProblem> problems = refused(DeployWorld.Manifest.v(3));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.model.package");
      assertThat(p.message()).contains("PendingManualApproval", "Approved");
    });
  }

  @Test
  void begin_whenRollingOntoMultiVariantEndpoint_refusesAtStrategy() throws Exception {
    deployed(DeployWorld.Manifest.v(1).withVariants(
        "      - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}\n"
            + "      - {name: Challenger, instanceType: ml.m5.large, instanceCount: 2}\n"));

    List<ManifestProblem> problems = refused(DeployWorld.Manifest.v(2).withDeployment(
        "      strategy: rolling\n      batchSize: 50%\n      bake: 1m\n"));

    assertThat(problems).extracting(ManifestProblem::field).contains("spec.endpoint.deployment.strategy");
    assertThat(problems).anyMatch(p -> p.message().contains("2 variants") && p.message().contains("rolling"));
  }

  @Test
  void begin_whenLiveEndpointIsInf1AndManifestAsksForCanary_refusesAtDeployment() throws Exception {
    deployed(DeployWorld.Manifest.v(1)
        .withVariants("      - {name: AllTraffic, instanceType: ml.inf1.xlarge, instanceCount: 2}\n")
        .withDeployment("      strategy: allAtOnce\n"));

    List<ManifestProblem> problems = refused(DeployWorld.Manifest.v(2));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.endpoint.deployment");
      assertThat(p.message()).contains("Inf1", "all at once");
    });
  }

  @Test
  void deploy_whenInf1AllAtOnce_updatesWithoutDeploymentConfig() throws Exception {
    DeployWorld.Manifest inf1 = DeployWorld.Manifest.v(1)
        .withVariants("      - {name: AllTraffic, instanceType: ml.inf1.xlarge, instanceCount: 2}\n")
        .withDeployment("      strategy: allAtOnce\n");
    deployed(inf1);

    Step<DeployState, DeployResult> step = world.deploy(inf1.withVersion(2));

    assertThat(step).isInstanceOf(Step.Succeeded.class);
    assertThat(world.aws.events()).anyMatch(e -> e.message().startsWith("Inf1 instances: SageMaker cannot use"));
    assertThat(world.endpoint().lastDeploymentConfig()).isNull();
  }
  private void setAlarm(String name, String state) {
    world.clients.cloudWatch(dev.sagemakergitops.core.operation.support.LocalAws.REGION)
        .setAlarmState(r -> r.alarmName(name).stateValue(state).stateReason("test"));
  }

  @Test
  void begin_whenRollbackAlarmAlreadyInAlarm_refusesAtRollbackAlarmsAndNamesTheWayAhead() throws Exception {
    deployed(DeployWorld.Manifest.v(1));
    setAlarm(DeployWorld.ALARM, "ALARM");

    List<ManifestProblem> problems = refused(DeployWorld.Manifest.v(2));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.endpoint.deployment.rollbackAlarms");
      assertThat(p.message()).contains("[" + DeployWorld.ALARM + "]", "in ALARM already", "--despite-alarms");
    });
  }

  @Test
  void deploy_whenRollbackAlarmInAlarmAndDespiteAlarms_goesAheadWithAWarning() throws Exception {
    deployed(DeployWorld.Manifest.v(1));
    setAlarm(DeployWorld.ALARM, "ALARM");
    world.commit(DeployWorld.Manifest.v(2), "v2");

    DeployState state = world.operation().begin(DeployRequest.of(world.head()).withDespiteAlarms(true));
    Step<DeployState, DeployResult> first = world.operation().poll(state);

    assertThat(first.events()).anyMatch(e -> e.message().startsWith("warning: rollback alarm(s) [" + DeployWorld.ALARM
        + "] are in ALARM already"));
  }

  @Test
  void begin_whenAlarmSlowerThanTheBake_warns() throws Exception {
    world.clients.cloudWatch(dev.sagemakergitops.core.operation.support.LocalAws.REGION).putMetricAlarm(r -> r
        .alarmName("slow-alarm").namespace("AWS/SageMaker").metricName("Invocation5XXErrors")
        .statistic(software.amazon.awssdk.services.cloudwatch.model.Statistic.AVERAGE).period(600).evaluationPeriods(2)
        .threshold(1.0).comparisonOperator(
            software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    world.commit(DeployWorld.Manifest.v(1).withDeployment(
        "      strategy: canary\n      canarySize: 1\n      bake: 10m\n      rollbackAlarms: [slow-alarm]\n"), "v1");

    DeployState state = world.operation().begin(DeployRequest.of(world.head()));

    assertThat(state.plan().warnings()).singleElement().asString()
        .contains("slow-alarm", "1200 s", "longer than the longest bake (600 s)");
  }
  @Test
  void begin_whenInstanceEndpointWouldBecomeServerless_refusesAtVariants() throws Exception {
    deployed(DeployWorld.Manifest.v(1));

    List<ManifestProblem> problems = refused(DeployWorld.Manifest.v(2)
        .withVariants("      - name: AllTraffic\n        serverless: {memorySizeMb: 2048, maxConcurrency: 5}\n")
        .withDeployment("      strategy: allAtOnce\n"));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.endpoint.variants");
      assertThat(p.message()).contains("cannot turn an instance-backed endpoint into a serverless one");
    });
  }
}
