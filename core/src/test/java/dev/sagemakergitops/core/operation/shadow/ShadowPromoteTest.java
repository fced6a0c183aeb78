package dev.sagemakergitops.core.operation.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.StateCodec;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * {@code onPass: promote}: the shadow is removed from the experiment and the manifest rolled out by
 * safe deploy, so the endpoint ends on the manifest's own configuration and variant names, with its
 * autoscaling, and the next safe deploy goes through its guardrails.
 */
@IntegrationPhase
class ShadowPromoteTest {
  static final String AUTOSCALING = "autoscaling: {minCapacity: 2, maxCapacity: 8, maxRps: 40, safetyFactor: 0.5}";

  @TempDir Path dir;

  static ChurnManifest autoscaled(String packageRef) {
    return ChurnManifest.standard().with(ChurnManifest.PACKAGE, packageRef)
        .with(ChurnManifest.ENDPOINT_EXTRA, AUTOSCALING);
  }

  static <S extends dev.sagemakergitops.core.operation.OperationState, R> R succeeded(Step<S, R> step) {
    assertThat(step).isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<S, R>) step).result();
  }

  static Step<DeployState, DeployResult> deploy(ShadowWorld world, ResolvedManifest manifest, Path state)
      throws InterruptedException {
    OperationContext context = world.aws.context(world.aws.clients());
    return new OperationRunner(context, world.traffic, e -> { }).run(new SafeDeployOperation(context),
        DeployRequest.of(manifest), new FileStateStore(state), "deploy");
  }

  static Step<ShadowTestState, ShadowTestReport> shadow(ShadowWorld world, ResolvedManifest manifest, Path state)
      throws InterruptedException {
    OperationContext context = world.aws.context(world.aws.clients());
    return new OperationRunner(context, world.traffic, e -> { }).run(new ShadowTestOperation(context),
        ShadowTestRequest.of(manifest), new FileStateStore(state), "shadow");
  }

  /** The scalable target and every policy of the endpoint's variants, as text to compare. */
  static List<String> autoscalingOf(ShadowWorld world) {
    ApplicationAutoScalingClient autoScaling = world.aws.clients().applicationAutoScaling(LocalAws.REGION);
    List<String> targets = autoScaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER))
        .scalableTargets().stream().map(t -> t.resourceId() + " " + t.minCapacity() + ".." + t.maxCapacity()).toList();
    List<String> policies = autoScaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER))
        .scalingPolicies().stream().map(p -> p.resourceId() + " " + p.policyName() + " "
            + p.targetTrackingScalingPolicyConfiguration().targetValue()).toList();
    return java.util.stream.Stream.concat(targets.stream(), policies.stream()).toList();
  }

  static DescribeEndpointResponse endpoint(ShadowWorld world) {
    return world.fixture.sageMaker().describeEndpoint(r -> r.endpointName(ChurnManifest.ENDPOINT));
  }

  @Test
  void run_whenPromotingOnAnAutoscaledEndpoint_endsOnTheManifestsConfigurationAndTheNextSafeDeploySucceeds()
      throws Exception {
    try (ShadowWorld world = new ShadowWorld(dir.resolve("repo"), autoscaled("churn/1"), 4)) {
      succeeded(deploy(world, world.request.manifest(), dir.resolve("deploy-1")));
      List<String> autoscaling = autoscalingOf(world);
      assertThat(autoscaling).hasSize(2).first().asString().isEqualTo("endpoint/churn-prod/variant/AllTraffic 2..8");
      ResolvedManifest version2 = world.fixture.resolve(autoscaled("churn/2"));

      ShadowTestReport report = succeeded(shadow(world, version2, dir.resolve("shadow")));

      assertThat(report.action()).isEqualTo("Promote");
      assertThat(report.deployment()).isNotNull();
      assertThat(report.deployment().change()).isEqualTo("UPDATED");
      DescribeEndpointResponse live = endpoint(world);
      assertThat(live.endpointConfigName()).isEqualTo(report.deployment().endpointConfigName());
      assertThat(live.productionVariants()).extracting(ProductionVariantSummary::variantName)
          .containsExactly(ChurnManifest.VARIANT);
      assertThat(live.shadowProductionVariants()).isEmpty();
      assertThat(world.servedVersion()).isEqualTo(2);
      assertThat(autoscalingOf(world)).isEqualTo(autoscaling);
      assertThat(world.fixture.sageMaker().describeInferenceExperiment(r -> r.name(report.experimentName()))
          .statusReason()).startsWith("sagemaker-gitops shadow test: PASSED; shadow variant Promote (removed here");
      assertThat(report.recordResources()).extracting(r -> r.kind() + " " + r.action())
          .containsExactly("model CREATED", "inference-experiment CREATED", "endpoint-config CREATED",
              "endpoint UPDATED");

      // The next deploy of the same manifest's endpoint: the variant names match, so the guardrail lets it through.
      world.fixture.register(3);
      world.aws.advance(Duration.ofSeconds(10));
      DeployResult next = succeeded(deploy(world, world.fixture.resolve(autoscaled("churn/3")), dir.resolve("deploy-3")));
      assertThat(endpoint(world).endpointConfigName()).isEqualTo(next.endpointConfigName());
      assertThat(autoscalingOf(world)).isEqualTo(autoscaling);
    }
  }

  @Test
  void run_whenWhatThePromotionCreatesIsNotVisibleAtOnce_waitsForItAfterTheExperimentsHour() throws Exception {
    try (ShadowWorld world = new ShadowWorld(dir.resolve("repo"), ChurnManifest.standard(), 4)) {
      // AWS: a resource just created may not be found for a moment by the call that uses it. The
      // promotion creates its endpoint configuration an hour after the shadow test began.
      world.aws.local().faults().consistencyDelay(Duration.ofSeconds(30));

      ShadowTestReport report = succeeded(shadow(world, world.request.manifest(), dir.resolve("state")));

      assertThat(report.deployment().endpointConfigName()).isEqualTo(endpoint(world).endpointConfigName());
      assertThat(world.servedVersion()).isEqualTo(2);
    }
  }

  @Test
  void begin_whenTheDeployThatWouldPromoteIsRefused_refusesBeforeTheExperimentIsCreated() {
    try (ShadowWorld world = new ShadowWorld(dir.resolve("repo"), ChurnManifest.standard(), 0)) {
      // Safe deploy refuses rollback alarms that do not exist, so the promotion could never happen.
      ResolvedManifest missingAlarm = world.fixture.resolve(ChurnManifest.standard().with(ChurnManifest.ENDPOINT_EXTRA,
          "deployment: {strategy: allAtOnce, bake: 5m, rollbackAlarms: [churn-prod-missing]}"));
      world.aws.calls().clear();

      assertThatThrownBy(() -> new ShadowTestOperation(world.aws.context(world.aws.clients()))
          .begin(ShadowTestRequest.of(missingAlarm)))
          .isInstanceOfSatisfying(OperationInputException.class, e -> assertThat(e.problems())
              .anySatisfy(p -> {
                assertThat(p.field()).isEqualTo("spec.endpoint.deployment.rollbackAlarms");
                assertThat(p.message()).contains("no alarm named [churn-prod-missing]");
              }));
      assertThat(world.aws.calls().calls()).noneMatch(call -> call.matches(".*\\.(Create|Update|Stop|Put|Register).*"));
    }
  }

  @Test
  void poll_whenEveryPollRunsInANewProcessFromTheSavedState_promotesExactlyOnce() throws Exception {
    try (ShadowWorld world = new ShadowWorld(dir.resolve("repo"), ChurnManifest.standard(), 4)) {
      OperationContext context = world.aws.context(world.aws.clients());
      StateCodec codec = new StateCodec();
      ShadowTestState state = new ShadowTestOperation(context).begin(world.request);
      java.util.Set<ShadowTestState.Stage> stages = java.util.EnumSet.noneOf(ShadowTestState.Stage.class);
      Step<ShadowTestState, ShadowTestReport> step;
      while (true) {
        // A new process for every poll: a new operation, and the state as read back from its file.
        state = codec.read("shadowTest", ShadowTestState.class, codec.write("shadowTest", state));
        stages.add(state.stage());
        step = new ShadowTestOperation(context).poll(state);
        if (step.isFinished()) {
          break;
        }
        state = step.state();
        world.traffic.sleep(((Step.Running<ShadowTestState, ShadowTestReport>) step).pollAfter());
      }

      ShadowTestReport report = succeeded(step);
      assertThat(stages).contains(ShadowTestState.Stage.SETTLE, ShadowTestState.Stage.DEPLOY);
      assertThat(report.deployment().endpointConfigName()).isEqualTo(endpoint(world).endpointConfigName());
      assertThat(world.aws.calls().count("UpdateEndpoint")).isOne();
      assertThat(world.aws.calls().count("StopInferenceExperiment")).isOne();
      assertThat(world.servedVersion()).isEqualTo(2);
      // Polling the finished state again answers the same, from the state alone.
      Step<ShadowTestState, ShadowTestReport> again = new ShadowTestOperation(context).poll(step.state());
      assertThat(again.state()).isEqualTo(step.state());
      assertThat(succeeded(again)).isEqualTo(report);
    }
  }

  @Test
  void cancel_whileThePromotionDeploys_stopsWaitingAndFailsCancelled() throws Exception {
    try (ShadowWorld world = new ShadowWorld(dir.resolve("repo"), ChurnManifest.standard(), 4)) {
      OperationContext context = world.aws.context(world.aws.clients());
      ShadowTestOperation operation = new ShadowTestOperation(context);
      ShadowTestState state = operation.begin(world.request);
      Step<ShadowTestState, ShadowTestReport> step = operation.poll(state);
      while (!(step.state().stage() == ShadowTestState.Stage.DEPLOY
          && step.state().promotion().stage() == DeployState.Stage.DEPLOYING)) {
        world.traffic.sleep(((Step.Running<ShadowTestState, ShadowTestReport>) step).pollAfter());
        step = operation.poll(step.state());
      }

      Step<ShadowTestState, ShadowTestReport> end = operation.poll(operation.cancel(step.state()));

      assertThat(end).isInstanceOf(Step.Failed.class);
      OperationFailure failure = ((Step.Failed<ShadowTestState, ShadowTestReport>) end).failure();
      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.CANCELLED);
      assertThat(failure.message()).startsWith("the shadow passed (").contains("did not succeed: cancelled");
    }
  }

  @Test
  void read_whenTheStateWasSavedBeforePromotionWentThroughSafeDeploy_loadsWithoutAPromotion() throws Exception {
    try (ShadowWorld world = new ShadowWorld(dir.resolve("repo"), ChurnManifest.standard(), 0)) {
      StateCodec codec = new StateCodec();
      ShadowTestState begun = new ShadowTestOperation(world.aws.context(world.aws.clients())).begin(world.request);
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode saved = (ObjectNode) mapper.readTree(codec.write("shadowTest", begun));
      ((ObjectNode) saved.get("state")).remove("promotion");

      ShadowTestState read = codec.read("shadowTest", ShadowTestState.class, mapper.writeValueAsString(saved));

      assertThat(begun.promotion()).isNotNull();
      assertThat(read.promotion()).isNull();
      assertThat(read.stage()).isEqualTo(ShadowTestState.Stage.CREATE);
      assertThat(read.experiment()).isEqualTo(begun.experiment());
    }
  }
  static final String ALARM = "churn-prod-5xx";

  /** The standard manifest, rolled out all at once with one rollback alarm (created here) when it passes. */
  static ShadowWorld watchedByAnAlarm(Path dir) {
    ShadowWorld world = new ShadowWorld(dir, ChurnManifest.standard().with(ChurnManifest.ENDPOINT_EXTRA,
        "deployment: {strategy: allAtOnce, bake: 5m, rollbackAlarms: [" + ALARM + "]}"), 4);
    world.aws.clients().cloudWatch(LocalAws.REGION).putMetricAlarm(r -> r.alarmName(ALARM).namespace("AWS/SageMaker")
        .metricName("Invocation5XXErrors").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("notBreaching")
        .dimensions(d -> d.name("EndpointName").value(ChurnManifest.ENDPOINT)));
    return world;
  }

  /** Runs the shadow test of {@code manifest} to its end, calling {@code meanwhile} once while the experiment runs. */
  static Step<ShadowTestState, ShadowTestReport> runChangingMeanwhile(ShadowWorld world, ResolvedManifest manifest,
      java.util.function.Consumer<ShadowTestState> meanwhile) throws InterruptedException {
    ShadowTestOperation operation = new ShadowTestOperation(world.aws.context(world.aws.clients()));
    Step<ShadowTestState, ShadowTestReport> step = operation.poll(operation.begin(ShadowTestRequest.of(manifest)));
    boolean changed = false;
    while (!step.isFinished()) {
      if (!changed && step.state().stage() == ShadowTestState.Stage.WAIT) {
        meanwhile.accept(step.state());
        changed = true;
      }
      world.traffic.sleep(((Step.Running<ShadowTestState, ShadowTestReport>) step).pollAfter());
      step = operation.poll(step.state());
    }
    assertThat(changed).as("the experiment ran").isTrue();
    return step;
  }

  static OperationFailure failure(Step<ShadowTestState, ShadowTestReport> step) {
    assertThat(step).isInstanceOf(Step.Failed.class);
    return ((Step.Failed<ShadowTestState, ShadowTestReport>) step).failure();
  }

  @Test
  void run_whenARollbackAlarmGoesToAlarmDuringTheExperiment_doesNotStartThePromotion() throws Exception {
    try (ShadowWorld world = watchedByAnAlarm(dir.resolve("repo"))) {
      String production = endpoint(world).endpointConfigName();
      ResolvedManifest manifest = world.request.manifest();
      world.aws.calls().clear();

      Step<ShadowTestState, ShadowTestReport> end = runChangingMeanwhile(world, manifest,
          state -> world.aws.local().service(CloudWatchService.class).trip(LocalAws.REGION, ALARM));

      OperationFailure failure = failure(end);
      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.FAILED);
      assertThat(failure.message()).startsWith("the shadow passed (")
          .contains("did not succeed: it was not started", "rollback alarm(s) [" + ALARM + "] are in ALARM",
              "Nothing was changed on endpoint " + ChurnManifest.ENDPOINT);
      assertThat(endpoint(world).endpointConfigName()).isEqualTo(production);
      assertThat(world.aws.calls().count("UpdateEndpoint")).isZero();
      assertThat(world.aws.calls().count("CreateEndpointConfig")).isZero();
      // Polling the finished state again answers the same and still changes nothing.
      ShadowTestOperation operation = new ShadowTestOperation(world.aws.context(world.aws.clients()));
      assertThat(failure(operation.poll(end.state())).message()).isEqualTo(failure.message());
      assertThat(world.aws.calls().count("UpdateEndpoint")).isZero();
      assertThat(world.servedVersion()).isEqualTo(1);
    }
  }

  @Test
  void run_whenThePackageIsRejectedDuringTheExperiment_doesNotStartThePromotion() throws Exception {
    try (ShadowWorld world = new ShadowWorld(dir.resolve("repo"), ChurnManifest.standard(), 4)) {
      String production = endpoint(world).endpointConfigName();
      world.aws.calls().clear();

      Step<ShadowTestState, ShadowTestReport> end = runChangingMeanwhile(world, world.request.manifest(),
          state -> world.fixture.sageMaker().updateModelPackage(r -> r.modelPackageArn(
              state.promotion().plan().model().modelPackageArn()).modelApprovalStatus(ModelApprovalStatus.REJECTED)));

      OperationFailure failure = failure(end);
      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.FAILED);
      assertThat(failure.message()).contains("did not succeed: it was not started",
          "is Rejected now, and SageMaker deploys only Approved versions");
      assertThat(endpoint(world).endpointConfigName()).isEqualTo(production);
      assertThat(world.aws.calls().count("UpdateEndpoint")).isZero();
      assertThat(world.servedVersion()).isEqualTo(1);
    }
  }
}
