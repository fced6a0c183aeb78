package dev.sagemakergitops.core.operation.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.ManifestFixtures;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.core.operation.fixture.ServingFixture;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.model.ServingModels;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.sagemaker.hosting.Timings;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/** The shadow test against the local control plane, with live traffic on the endpoint. */
@IntegrationPhase
class ShadowTestOperationTest {
  private static final String MUTATING = "Create|Update|Stop|Delete|Put|Register";

  @TempDir Path dir;
  private final List<OperationEvent> events = new ArrayList<>();
  private final AtomicInteger runs = new AtomicInteger();

  private ShadowWorld world(ChurnManifest manifest, int trafficPerMinute) {
    return new ShadowWorld(dir.resolve("repo"), manifest, trafficPerMinute);
  }

  private Step<ShadowTestState, ShadowTestReport> run(ShadowWorld world) throws InterruptedException {
    return run(world, world.request);
  }

  private Step<ShadowTestState, ShadowTestReport> run(ShadowWorld world, ShadowTestRequest request)
      throws InterruptedException {
    OperationContext context = world.aws.context(world.aws.clients());
    return new OperationRunner(context, world.traffic, events::add).run(new ShadowTestOperation(context), request,
        new FileStateStore(dir.resolve("state-" + runs.incrementAndGet())), "shadow");
  }

  private static DescribeInferenceExperimentResponse experiment(ShadowWorld world, String name) {
    return world.fixture.sageMaker().describeInferenceExperiment(r -> r.name(name));
  }

  private static OperationFailure failure(Step<ShadowTestState, ShadowTestReport> step) {
    assertThat(step).isInstanceOf(Step.Failed.class);
    return ((Step.Failed<ShadowTestState, ShadowTestReport>) step).failure();
  }

  private static ShadowTestReport report(Step<ShadowTestState, ShadowTestReport> step) {
    assertThat(step).isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<ShadowTestState, ShadowTestReport>) step).result();
  }

  private static String lineOf(ResolvedManifest manifest, ManifestProblem problem) {
    return manifest.text().lines().toList().get(problem.line() - 1);
  }

  @Test
  void run_whenTheShadowIsAsGoodAsProduction_promotesItAndReportsTheNumbers() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard(), 4)) {
      String shadowVariant = world.shadowVariant();

      ShadowTestReport report = report(run(world));

      assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
      assertThat(report.action()).isEqualTo("Promote");
      assertThat(report.productionVariant()).isEqualTo(ChurnManifest.VARIANT);
      assertThat(report.productionModel()).isEqualTo(ServingFixture.PRODUCTION_MODEL);
      assertThat(report.shadowVariant()).isEqualTo(shadowVariant);
      assertThat(report.experimentName()).startsWith("churn-prod-shadow-").hasSizeLessThanOrEqualTo(120);
      ShadowComparison comparison = report.comparison();
      // 4 requests a minute over the 50-minute window; half of those after the shadow was up are copied.
      assertThat(comparison.production().invocations()).isEqualTo(200);
      assertThat(comparison.shadow().invocations()).isBetween(80.0, 100.0);
      assertThat(comparison.latencyIncreasePercent()).isZero();
      assertThat(comparison.shadow().errorRatePercent()).isZero();
      assertThat(comparison.windowEnd()).isEqualTo(experiment(world, report.experimentName()).schedule().endTime()
          .minus(ShadowTestOperation.EVALUATION_LEAD).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
      DescribeInferenceExperimentResponse experiment = experiment(world, report.experimentName());
      assertThat(experiment.statusAsString()).isEqualTo("Completed");
      assertThat(experiment.statusReason()).startsWith("sagemaker-gitops shadow test: PASSED; shadow variant Promote");
      assertThat(Duration.between(experiment.schedule().startTime(), experiment.schedule().endTime()))
          .isEqualTo(Duration.ofMinutes(61));
      assertThat(experiment.completionTime()).isBefore(experiment.schedule().endTime());
      assertThat(world.servedVersion()).isEqualTo(2);
      assertThat(world.aws.calls().count("CreateInferenceExperiment")).isOne();
      assertThat(world.aws.calls().count("StopInferenceExperiment")).isOne();
      assertThat(events).extracting(OperationEvent::message).anyMatch(m -> m.contains(": Running ("))
          .anyMatch(m -> m.startsWith("shadow test PASSED: latency 4.10 ms (shadow) vs 4.10 ms (production)"));
    }
  }

  @Test
  void run_whenOnPassIsRetain_keepsTheShadowReceivingCopiesWithTheGivenRoleAndDataCapture() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard().with(ChurnManifest.ON_PASS, "retain"), 4)) {
      ShadowTestReport report = report(run(world, new ShadowTestRequest(world.request.manifest(),
          "arn:aws:iam::" + LocalAws.ACCOUNT + ":role/sm-shadow-tests", "s3://ml-capture/churn/", null)));

      assertThat(report.action()).isEqualTo("Retain");
      DescribeInferenceExperimentResponse experiment = experiment(world, report.experimentName());
      assertThat(experiment.roleArn()).isEqualTo("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/sm-shadow-tests");
      assertThat(experiment.dataStorageConfig().destination()).isEqualTo("s3://ml-capture/churn/");
      assertThat(experiment.modelVariants()).extracting(v -> v.status())
          .containsExactly(ModelVariantStatus.IN_SERVICE, ModelVariantStatus.IN_SERVICE);
      assertThat(world.servedVersion()).isEqualTo(1);
    }
  }

  @Test
  void run_whenTheShadowIsSlower_removesItAndFailsRejectedWithTheNumbers() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard(), 4)) {
      world.hosting().slowVariant(ChurnManifest.ENDPOINT, world.shadowVariant(), 3.0);

      OperationFailure failure = failure(run(world));

      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.REJECTED);
      assertThat(failure.message())
          .startsWith("shadow variant rejected: average model latency 12.30 ms against production's 4.10 ms "
              + "(+200.0 %) is above the limit of +10.00 %")
          .contains("The shadow variant was removed; production is unchanged")
          .contains("errors 0 of ");
      assertThat(world.aws.calls().count("StopInferenceExperiment")).isOne();
      assertThat(world.servedVersion()).isEqualTo(1);
      assertThat(world.resources().toString()).contains("Completed").contains(":Deleted]")
          .contains("FAILED; shadow variant Remove");
    }
  }

  @Test
  void run_whenTheShadowFailsRequests_removesItAndFailsRejected() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard(), 4)) {
      world.hosting().errorVariant(ChurnManifest.ENDPOINT, world.shadowVariant(), 0.25);

      OperationFailure failure = failure(run(world));

      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.REJECTED);
      assertThat(failure.message()).startsWith("shadow variant rejected: error rate 25.00 %")
          .contains("is above the limit of 1.00 %");
      assertThat(world.servedVersion()).isEqualTo(1);
    }
  }

  @Test
  void run_whenNoRequestReachesTheEndpoint_isInconclusiveAndRemovesTheShadow() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard(), 0)) {
      OperationFailure failure = failure(run(world));

      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.REJECTED);
      assertThat(failure.message()).startsWith("shadow test inconclusive, treated as a failure: the shadow variant "
          + "received no requests").contains("Send traffic to the endpoint during the test");
      assertThat(world.resources().toString()).contains("INCONCLUSIVE; shadow variant Remove");
    }
  }

  @Test
  void run_whenTheExperimentEndedBeforeItCouldBePromoted_failsTimedOutAndSaysTheShadowPassed() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard(), 4)) {
      OperationContext context = world.aws.context(world.aws.clients());
      ShadowTestOperation operation = new ShadowTestOperation(context);
      ShadowTestState created = operation.poll(operation.begin(world.request)).state();
      // The process is down for two hours: the experiment reaches its end unattended.
      world.traffic.sleep(Duration.ofHours(2));

      Step<ShadowTestState, ShadowTestReport> step = new OperationRunner(context, world.traffic, events::add)
          .drive(operation, created, new FileStateStore(dir.resolve("late")), "shadow");

      OperationFailure failure = failure(step);
      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.TIMED_OUT);
      assertThat(failure.message()).startsWith("the shadow passed (latency 4.10 ms")
          .contains("reached its scheduled end before this tool could promote it");
      assertThat(world.aws.calls().count("StopInferenceExperiment")).isZero();
      assertThat(world.servedVersion()).isEqualTo(1);
    }
  }

  @Test
  void run_whenTheEndpointAlreadyServesTheModel_succeedsWithoutAnyChange() throws Exception {
    try (LocalAws aws = LocalAws.start(); ServingFixture fixture = new ServingFixture(aws, dir.resolve("repo"))) {
      fixture.registerPackages();
      ResolvedManifest manifest = fixture.resolve(ChurnManifest.standard());
      AwsClients clients = aws.clients();
      ServingModels models = new ServingModels(aws.context(clients));
      ServingModel model = models.define(manifest);
      models.ensure(model);
      fixture.sageMaker().createEndpointConfig(r -> r.endpointConfigName("served").productionVariants(v -> v
          .variantName(ChurnManifest.VARIANT).modelName(model.name()).instanceType("ml.m5.large").initialInstanceCount(2)));
      fixture.sageMaker().createEndpoint(r -> r.endpointName(ChurnManifest.ENDPOINT).endpointConfigName("served"));
      aws.advance(Timings.PROVISIONING.plusSeconds(1));
      aws.calls().clear();

      Step<ShadowTestState, ShadowTestReport> step = aws.runner(clients).run(new ShadowTestOperation(aws.context(clients)),
          ShadowTestRequest.of(manifest), new FileStateStore(dir.resolve("state")), "shadow");

      ShadowTestReport report = report(step);
      assertThat(report.verdict()).isEqualTo(Verdict.ALREADY_SERVING);
      assertThat(report.action()).isEqualTo("None");
      assertThat(report.summary()).isEqualTo("endpoint churn-prod already serves model " + model.name()
          + "; no shadow test was needed");
      assertThat(aws.calls().calls()).noneMatch(call -> call.matches(".*\\.(" + MUTATING + ").*"));
    }
  }

  @Test
  void run_afterThePromotedModelWasDeployed_reportsThePromotingExperimentAgain() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard(), 4)) {
      ShadowTestReport first = report(run(world));
      // The promotion deployed the model with safe deploy, on the manifest's configuration.
      assertThat(first.deployment().change()).isEqualTo("UPDATED");
      world.aws.calls().clear();

      ShadowTestReport again = report(run(world));

      assertThat(again).usingRecursiveComparison().ignoringFields("created", "deployment").isEqualTo(first);
      // The promotion's deploy is run again to make sure it is complete: nothing left to change.
      assertThat(again.deployment().change()).isEqualTo("UNCHANGED");
      assertThat(world.aws.calls().calls()).noneMatch(call -> call.matches(".*\\.(" + MUTATING + ").*"));
      assertThat(first.recordResources()).startsWith(
          RecordedResource.created("model", first.shadowModel(), null),
          RecordedResource.created("inference-experiment", first.experimentName(), first.experimentArn()));
      assertThat(again.recordResources()).startsWith(
          RecordedResource.reused("model", first.shadowModel(), null),
          RecordedResource.reused("inference-experiment", first.experimentName(), first.experimentArn()));
    }
  }

  @Test
  void run_whenRunAgainWithAnotherRunKey_testsTheModelInANewExperiment() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard().with(ChurnManifest.ON_PASS, "remove"), 4)) {
      ShadowTestReport first = report(run(world));

      ShadowTestReport second = report(run(world, new ShadowTestRequest(world.request.manifest(), null, null,
          "second look")));

      assertThat(second.experimentName()).isNotEqualTo(first.experimentName());
      assertThat(second.verdict()).isEqualTo(Verdict.PASSED);
      assertThat(world.aws.calls().count("CreateInferenceExperiment")).isEqualTo(2);
    }
  }

  @Test
  void cancel_whileTheExperimentRuns_removesTheShadowAndFailsCancelled() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard(), 4)) {
      OperationContext context = world.aws.context(world.aws.clients());
      ShadowTestOperation operation = new ShadowTestOperation(context);
      ShadowTestState state = operation.poll(operation.begin(world.request)).state();
      world.traffic.sleep(Duration.ofMinutes(10));

      ShadowTestState cancelled = operation.cancel(state);
      Step<ShadowTestState, ShadowTestReport> step = operation.poll(cancelled);

      assertThat(failure(step).kind()).isEqualTo(OperationFailure.Kind.CANCELLED);
      assertThat(experiment(world, state.experiment().name()).statusAsString()).isEqualTo("Cancelled");
      assertThat(world.servedVersion()).isEqualTo(1);
      Step<ShadowTestState, ShadowTestReport> again = operation.poll(step.state());
      assertThat(again.state()).isEqualTo(step.state());
      assertThat(failure(again)).isEqualTo(failure(step));
    }
  }

  @Test
  void begin_whenTheEndpointDoesNotExist_namesTheEndpointLineAndChangesNothing() {
    try (LocalAws aws = LocalAws.start(); ServingFixture fixture = new ServingFixture(aws, dir.resolve("repo"))) {
      fixture.registerPackages();
      ResolvedManifest manifest = fixture.resolve(ChurnManifest.standard());
      aws.calls().clear();

      assertThatThrownBy(() -> new ShadowTestOperation(aws.context(aws.clients())).begin(ShadowTestRequest.of(manifest)))
          .isInstanceOfSatisfying(OperationInputException.class, e -> {
            ManifestProblem problem = e.problems().get(0);
            assertThat(problem.field()).isEqualTo("spec.endpoint.name");
            assertThat(lineOf(manifest, problem)).contains("name: churn-prod");
            assertThat(problem.message()).contains("endpoint churn-prod does not exist").contains("deploy it first");
          });
      assertThat(aws.calls().calls()).noneMatch(call -> call.matches(".*\\.(" + MUTATING + ").*"));
    }
  }

  @Test
  void begin_whenTheLiveEndpointRunsOnInf1_refusesAtTheVariants() {
    try (LocalAws aws = LocalAws.start(); ServingFixture fixture = new ServingFixture(aws, dir.resolve("repo"))) {
      fixture.registerPackages().deployEndpoint("churn-prod-inf1", "ml.inf1.xlarge");
      ResolvedManifest manifest = fixture.resolve(ChurnManifest.standard());

      assertThatThrownBy(() -> new ShadowTestOperation(aws.context(aws.clients())).begin(ShadowTestRequest.of(manifest)))
          .isInstanceOfSatisfying(OperationInputException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(problem -> {
              assertThat(problem.field()).isEqualTo("spec.endpoint.variants");
              assertThat(problem.message()).contains("runs on ml.inf1.xlarge").contains("Inf1");
            });
          });
    }
  }

  @Test
  void begin_whenTheShadowAsksForInf1_refusesAtItsInstanceType() {
    try (LocalAws aws = LocalAws.start(); ServingFixture fixture = new ServingFixture(aws, dir.resolve("repo"))) {
      fixture.registerPackages().deployEndpoint();
      ResolvedManifest manifest = fixture.resolve(ChurnManifest.standard()
          .with(ChurnManifest.SHADOW_EXTRA, "instanceType: ml.inf1.xlarge"));
      aws.calls().clear();

      assertThatThrownBy(() -> new ShadowTestOperation(aws.context(aws.clients())).begin(ShadowTestRequest.of(manifest)))
          .isInstanceOfSatisfying(OperationInputException.class, e -> {
            ManifestProblem problem = e.problems().get(0);
            assertThat(problem.field()).isEqualTo("spec.shadowTest.instanceType");
            assertThat(lineOf(manifest, problem)).contains("instanceType: ml.inf1.xlarge");
          });
      assertThat(aws.calls().calls()).isEmpty();
    }
  }

  @Test
  void begin_whenTheLiveEndpointHasTwoVariants_refusesAtTheVariants() {
    try (LocalAws aws = LocalAws.start(); ServingFixture fixture = new ServingFixture(aws, dir.resolve("repo"))) {
      fixture.registerPackages();
      endpointMadeByHand(fixture, null, v -> v.variantName("A").instanceType("ml.m5.large").initialInstanceCount(1),
          v -> v.variantName("B").instanceType("ml.m5.large").initialInstanceCount(1));
      aws.advance(Timings.PROVISIONING.plusSeconds(1));

      ManifestProblem problem = refusedAtBegin(aws, fixture.resolve(ChurnManifest.standard()));

      assertThat(problem.field()).isEqualTo("spec.endpoint.variants");
      assertThat(problem.message()).contains("has 2 production variants (A, B)");
    }
  }

  @Test
  void begin_whenTheLiveEndpointIsServerless_refusesAtTheVariants() {
    try (LocalAws aws = LocalAws.start(); ServingFixture fixture = new ServingFixture(aws, dir.resolve("repo"))) {
      fixture.registerPackages();
      endpointMadeByHand(fixture, null, v -> v.variantName(ChurnManifest.VARIANT)
          .serverlessConfig(c -> c.memorySizeInMB(2048).maxConcurrency(5)));
      aws.advance(Timings.PROVISIONING.plusSeconds(1));

      ManifestProblem problem = refusedAtBegin(aws, fixture.resolve(ChurnManifest.standard()));

      assertThat(problem.field()).isEqualTo("spec.endpoint.variants");
      assertThat(problem.message()).contains("is serverless");
    }
  }

  @Test
  void cancel_beforeTheExperimentWasCreated_failsCancelledAndChangesNothing() throws Exception {
    try (ShadowWorld world = world(ChurnManifest.standard(), 0)) {
      ShadowTestOperation operation = new ShadowTestOperation(world.aws.context(world.aws.clients()));
      ShadowTestState begun = operation.begin(world.request);

      Step<ShadowTestState, ShadowTestReport> step = operation.poll(operation.cancel(begun));

      assertThat(failure(step).message()).isEqualTo("cancelled before inference experiment "
          + begun.experiment().name() + " was created; nothing changed on endpoint churn-prod");
      assertThat(world.aws.calls().count("CreateInferenceExperiment")).isZero();
    }
  }

  @Test
  void begin_whenTheLiveModelIsMultiModel_refuses() {
    try (LocalAws aws = LocalAws.start(); ServingFixture fixture = new ServingFixture(aws, dir.resolve("repo"))) {
      fixture.registerPackages();
      endpointMadeByHand(fixture, "MultiModel",
          v -> v.variantName(ChurnManifest.VARIANT).instanceType("ml.m5.large").initialInstanceCount(1));
      aws.advance(Timings.PROVISIONING.plusSeconds(1));

      assertThat(refusedAtBegin(aws, fixture.resolve(ChurnManifest.standard())).message()).contains("MultiModel mode");
    }
  }

  @Test
  void begin_whenTheEndpointIsStillCreating_refusesUntilItIsInService() {
    try (LocalAws aws = LocalAws.start(); ServingFixture fixture = new ServingFixture(aws, dir.resolve("repo"))) {
      fixture.registerPackages();
      endpointMadeByHand(fixture, null,
          v -> v.variantName(ChurnManifest.VARIANT).instanceType("ml.m5.large").initialInstanceCount(1));

      assertThat(refusedAtBegin(aws, fixture.resolve(ChurnManifest.standard())).message())
          .contains("is Creating, and a shadow test needs it InService");
    }
  }
  /**
   * Puts endpoint churn-prod on a configuration made by hand, one the manifest cannot describe:
   * {@code variants} over model m1, which serves version 1 (in {@code mode} MultiModel, every model
   * under the artifacts' prefix; {@code null} for the default).
   */
  @SafeVarargs
  private static void endpointMadeByHand(ServingFixture fixture, String mode,
      Consumer<ProductionVariant.Builder>... variants) {
    String artifact = "MultiModel".equals(mode) ? "s3://ml-artifacts/churn/" : ServingFixture.artifactOf(1);
    fixture.sageMaker().createModel(r -> r.modelName("m1").executionRoleArn(ManifestFixtures.ROLE)
        .primaryContainer(c -> c.image(fixture.pinnedImage()).modelDataUrl(artifact).mode(mode)));
    fixture.sageMaker().createEndpointConfig(r -> r.endpointConfigName("by-hand").productionVariants(
        Arrays.stream(variants).map(variant -> ProductionVariant.builder().modelName("m1").applyMutation(variant).build())
            .toList()));
    fixture.sageMaker().createEndpoint(r -> r.endpointName(ChurnManifest.ENDPOINT).endpointConfigName("by-hand"));
  }

  /** The one problem {@code begin} refuses {@code manifest} with. */
  private static ManifestProblem refusedAtBegin(LocalAws aws, ResolvedManifest manifest) {
    OperationInputException refused = catchThrowableOfType(OperationInputException.class,
        () -> new ShadowTestOperation(aws.context(aws.clients())).begin(ShadowTestRequest.of(manifest)));
    assertThat(refused).as("begin refused the manifest").isNotNull();
    assertThat(refused.problems()).hasSize(1);
    return refused.problems().get(0);
  }
}
