package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sagemakergitops.core.manifest.EndpointSpec.Deployment;
import dev.sagemakergitops.core.manifest.EndpointSpec.Strategy;
import dev.sagemakergitops.testkit.ManifestText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestLoaderTest {
  /** The repository's examples, seen from the core module (Maven runs tests in the module's folder). */
  static final Path EXAMPLES = Path.of("../examples");

  private static final String HEAD = ManifestText.churnProd().text();

  private static final String MODEL = ManifestText.CHURN_MODEL;

  /** The endpoint the tests vary: its deployment, capture, autoscaling or variants follow in each test. */
  private static final String ENDPOINT = """
        endpoint:
          name: churn-prod
          variants:
            - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
      """;

  private final ManifestLoader loader = new ManifestLoader();

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void load_whenExampleFromTheRepository_isValid(Path example) throws IOException {
    ManifestParseResult result = loader.load(ManifestSource.file(example.toString()), Files.readAllBytes(example));

    assertThat(result.problems()).isEmpty();
    assertThat(result.isValid()).isTrue();
  }

  @Test
  void examples_whenListed_includeAtLeastThree() throws IOException {
    // Guards against the relative path quietly finding nothing, which would make the test above vacuous.
    assertThat(examples().count()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void load_whenChurnProdExample_bindsEverySection() throws IOException {
    Path file = EXAMPLES.resolve("models/churn/prod.yaml");

    ModelManifest manifest = loader.load(ManifestSource.file("models/churn/prod.yaml"), Files.readAllBytes(file))
        .validManifest().orElseThrow();

    assertThat(manifest.name()).isEqualTo("churn-prod");
    assertThat(manifest.metadata().labels()).containsEntry("team", "growth").containsEntry("cost-center", "4711");
    Spec spec = manifest.spec();
    assertThat(spec.region()).isEqualTo("us-east-1");
    assertThat(spec.image().tag()).isEqualTo("1.4.2");
    assertThat(spec.training().maxRuntime()).isEqualTo(Duration.ofHours(2));
    assertThat(spec.training().inputs()).containsOnlyKeys("train", "validation");
    assertThat(spec.training().inputs().get("validation").contentType()).isEqualTo("text/csv");
    assertThat(spec.training().hyperparameters())
        .containsEntry("max_depth", "6").containsEntry("eta", "0.2").containsEntry("objective", "binary:logistic");
    assertThat(spec.training().network().encryptInterContainerTraffic()).isTrue();
    assertThat(spec.model().modelPackage()).isEqualTo(new ModelPackageReference("churn", 7));
    assertThat(spec.endpoint().deployment().strategy()).isEqualTo(Strategy.CANARY);
    assertThat(spec.endpoint().deployment().canarySize()).isEqualTo(CapacitySize.percent(50));
    assertThat(spec.endpoint().deployment().rollbackAlarms()).containsExactly("churn-prod-5xx", "churn-prod-p99-latency");
    assertThat(spec.endpoint().autoscaling().invocationsPerInstanceTarget()).isEqualTo(1200.0);
    assertThat(spec.shadowTest().samplingPercent()).isEqualTo(20);
    assertThat(spec.batchTransforms()).containsOnlyKeys("nightly-scoring");
    assertThat(spec.batchTransforms().get("nightly-scoring").inputFilter()).isEqualTo("$[1:]");
  }

  @Test
  void load_whenSeveralProblems_reportsThemAllAtOnceInFileOrderWithOneBasedPositions() {
    ManifestParseResult result = load("""
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeploymnet
        metadata:
          name: churn_prod
        spec:
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb
          model:
            package: churn/7
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
          endpoint:
            name: churn-prod
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
            deployment:
              strategy: canary
              canarySize: 75%
              bake: 600
              timeout: 5m
        """);

    assertThat(result.isValid()).isFalse();
    assertThat(result.problems())
        .extracting(ManifestProblem::line, ManifestProblem::column, ManifestProblem::field)
        .containsExactly(
            tuple(2, 7, "kind"),
            tuple(4, 9, "metadata.name"),
            tuple(6, 10, "spec.image"),
            tuple(16, 19, "spec.endpoint.deployment.canarySize"),
            tuple(17, 13, "spec.endpoint.deployment.bake"),
            tuple(18, 16, "spec.endpoint.deployment.timeout"));
  }

  @Test
  void load_whenProblemFound_printsAsFileLineColumnFieldMessage() {
    ManifestParseResult result = loader.load(ManifestSource.file("models/churn/prod.yaml"), HEAD.replace(
        "name: churn-prod", "name: churn_prod"));

    assertThat(result.problems()).hasSize(1);
    assertThat(result.problems().get(0).toString())
        .startsWith("models/churn/prod.yaml:4:9: metadata.name: expected a name of letters, digits and hyphens");
  }

  @Test
  void load_whenFileIsEmpty_reportsTheWholeFile() {
    ManifestParseResult result = load("# nothing here yet\n");

    assertThat(result.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isZero();
      assertThat(problem.column()).isZero();
      assertThat(problem.field()).isEmpty();
      assertThat(problem.message()).contains("the file is empty");
      assertThat(problem.toString()).isEqualTo("m.yaml: " + problem.message());
    });
  }

  @Test
  void load_whenBytesAreNotUtf8_saysSo() {
    byte[] latin1 = (HEAD + "  # owner: René\n").getBytes(StandardCharsets.ISO_8859_1);

    ManifestParseResult result = loader.load(ManifestSource.file("m.yaml"), latin1);

    assertThat(result.problems()).singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("expected UTF-8 text"));
  }

  @Test
  void load_whenUtf8StartsWithByteOrderMark_isValid() {
    byte[] withBom = ("\uFEFF" + HEAD).getBytes(StandardCharsets.UTF_8);

    assertThat(loader.load(ManifestSource.file("m.yaml"), withBom).isValid()).isTrue();
  }

  @Test
  void load_whenFileIsHuge_refusesItBeforeParsing() {
    String huge = HEAD + "#" + "x".repeat(ManifestLoader.MAX_DOCUMENT_CODE_POINTS) + "\n";

    assertThat(load(huge).problems()).singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("larger than 256 KiB"));
  }

  @Test
  void load_whenNestedTooDeeply_refusesIt() {
    String deep = HEAD + "  training: " + "[".repeat(40) + "]".repeat(40) + "\n";

    assertThat(load(deep).problems()).singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("invalid YAML"));
  }

  @Test
  void load_whenDurationsUseEachUnit_readsThemAsDurations() {
    ModelManifest manifest = valid(HEAD + MODEL + ENDPOINT + """
            deployment:
              strategy: canary
              canarySize: 1
              bake: 30s
              terminationWait: 10m
              timeout: 2h
          shadowTest:
            samplingPercent: 20
            duration: 1d
        """);

    Deployment deployment = manifest.spec().endpoint().deployment();
    assertThat(deployment.bake()).isEqualTo(Duration.ofSeconds(30));
    assertThat(deployment.terminationWait()).isEqualTo(Duration.ofMinutes(10));
    assertThat(deployment.timeout()).isEqualTo(Duration.ofHours(2));
    assertThat(manifest.spec().shadowTest().duration()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void load_whenPercentagesWrittenWithOrWithoutSign_readsTheSameNumber() {
    ModelManifest manifest = valid(HEAD + MODEL + """
          endpoint:
            name: churn-prod
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 10}
            dataCapture: {s3Uri: s3://ml-capture/churn/, samplingPercent: 0}
            deployment: {strategy: canary, canarySize: 10%}
          shadowTest:
            samplingPercent: "20%"
        """);

    assertThat(manifest.spec().endpoint().deployment().canarySize()).isEqualTo(CapacitySize.percent(10));
    assertThat(manifest.spec().endpoint().dataCapture().samplingPercent()).isZero();
    assertThat(manifest.spec().shadowTest().samplingPercent()).isEqualTo(20);
  }

  @Test
  void load_whenCapacityIsAWholeNumber_readsAnInstanceCount() {
    ModelManifest manifest = valid(HEAD + MODEL + """
          endpoint:
            name: churn-prod
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 4}
            deployment: {strategy: linear, linearStep: 2}
        """);

    CapacitySize step = manifest.spec().endpoint().deployment().linearStep();
    assertThat(step).isEqualTo(CapacitySize.instances(2));
    assertThat(step.fractionOf(4)).isEqualTo(0.5);
  }

  @Test
  void load_whenDeploymentIsAbsent_deploysBlueGreenAllAtOnceWithoutBake() {
    ModelManifest manifest = valid(HEAD + MODEL + ENDPOINT);

    EndpointSpec endpoint = manifest.spec().endpoint();
    assertThat(endpoint.deployment()).isEqualTo(Deployment.allAtOnce());
    assertThat(endpoint.deployment().bake()).isZero();
    assertThat(endpoint.deployment().timeout()).isNull();
    assertThat(endpoint.variants().get(0).weight()).isEqualTo(1.0);
    assertThat(endpoint.autoscaling()).isNull();
    assertThat(endpoint.dataCapture()).isNull();
  }

  @Test
  void load_whenOptionalFieldsAreAbsent_appliesTheDocumentedDefaults() {
    ModelManifest manifest = valid(HEAD + """
          training:
            roleArn: arn:aws:iam::123456789012:role/sm-training
            instanceType: ml.m5.xlarge
            outputS3Uri: s3://ml-artifacts/churn/
          registry:
            group: churn
        """ + MODEL + ENDPOINT + """
            autoscaling: {minCapacity: 1, maxCapacity: 4, maxRps: 10}
            dataCapture: {s3Uri: s3://ml-capture/churn/, samplingPercent: 5}
            deployment: {strategy: rolling, batchSize: 1}
          shadowTest:
            samplingPercent: 10
          batchTransforms:
            nightly:
              input: {s3Uri: s3://ml-data/churn/score/}
              output: {s3Uri: s3://ml-predictions/churn/}
              instanceType: ml.m5.xlarge
        """);

    Spec spec = manifest.spec();
    assertThat(spec.region()).isNull();
    assertThat(manifest.metadata().labels()).isEmpty();
    assertThat(spec.training().image()).isNull();
    assertThat(spec.training().instanceCount()).isEqualTo(1);
    assertThat(spec.training().volumeSizeGb()).isEqualTo(30);
    assertThat(spec.training().maxRuntime()).isEqualTo(Duration.ofDays(1));
    assertThat(spec.training().network()).isNull();
    assertThat(spec.registry().approval()).isEqualTo(RegistrySpec.ApprovalStatus.PENDING_MANUAL_APPROVAL);
    assertThat(spec.registry().approval().wireName()).isEqualTo("PendingManualApproval");
    assertThat(spec.model().mode()).isEqualTo(ModelSpec.Mode.SINGLE_MODEL);
    assertThat(spec.model().environment()).isEmpty();
    assertThat(spec.endpoint().autoscaling().safetyFactor()).isEqualTo(0.5);
    assertThat(spec.endpoint().autoscaling().scaleInCooldown()).isEqualTo(Duration.ofMinutes(5));
    assertThat(spec.endpoint().autoscaling().scaleOutCooldown()).isEqualTo(Duration.ofMinutes(5));
    assertThat(spec.endpoint().dataCapture().captureMode()).isEqualTo("InputAndOutput");
    Deployment rolling = spec.endpoint().deployment();
    assertThat(rolling.rollbackBatchSize()).isNull();
    assertThat(rolling.bake()).isZero();
    assertThat(rolling.terminationWait()).isZero();
    assertThat(rolling.rollbackAlarms()).isEmpty();
    assertThat(spec.shadowTest().duration()).isEqualTo(Duration.ofHours(1));
    assertThat(spec.shadowTest().onPass()).isEqualTo(ShadowTestSpec.OnPass.PROMOTE);
    assertThat(spec.shadowTest().maxLatencyIncreasePercent()).isEqualTo(10.0);
    assertThat(spec.shadowTest().maxErrorRatePercent()).isEqualTo(1.0);
    assertThat(spec.shadowTest().instanceType()).isNull();
    assertThat(spec.shadowTest().instanceCount()).isZero();
    BatchTransformSpec transform = spec.batchTransforms().get("nightly");
    assertThat(transform.splitType()).isEqualTo("None");
    assertThat(transform.compression()).isEqualTo("None");
    assertThat(transform.assembleWith()).isEqualTo("None");
    assertThat(transform.joinSource()).isEqualTo("None");
    assertThat(transform.instanceCount()).isEqualTo(1);
    assertThat(transform.batchStrategy()).isNull();
    assertThat(transform.maxPayloadMb()).isNull();
  }

  @Test
  void load_whenOnlyApprovedIsGiven_registersApproved() {
    ModelManifest manifest = valid(HEAD + "  registry: {group: churn, approval: Approved}\n");

    assertThat(manifest.spec().registry().approval()).isEqualTo(RegistrySpec.ApprovalStatus.APPROVED);
  }

  @Test
  void load_whenStrategyIsCanary_keepsOnlyTheCanarySize() {
    Deployment deployment = valid(HEAD + MODEL + ENDPOINT + """
            deployment: {strategy: canary, canarySize: 50%, bake: 5m}
        """).spec().endpoint().deployment();

    assertThat(deployment.canarySize()).isEqualTo(CapacitySize.percent(50));
    assertThat(deployment.linearStep()).isNull();
    assertThat(deployment.rollingBatchSize()).isNull();
    assertThat(deployment.strategy().isBlueGreen()).isTrue();
  }

  @Test
  void load_whenValueIsTaggedWithACustomTag_reportsOnlyTheTag() {
    // Without the tag the value would also fail the ARN pattern; that echo would point at the wrong fix.
    ManifestParseResult result = load(HEAD + MODEL.replace("arn:aws:iam::123456789012:role/sm-execution",
        "!GetAtt Role.Arn"));

    assertThat(result.problems()).singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("the YAML tag '!GetAtt' is not allowed"));
  }

  @Test
  void load_whenRegistryAndPackageGroupsDiffer_pointsAtThePackage() {
    ManifestParseResult result = load(HEAD + "  registry: {group: churn-v2}\n" + MODEL);

    assertThat(result.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("spec.model.package");
      assertThat(problem.line()).isEqualTo(9);
      assertThat(problem.column()).isEqualTo(14);
    });
  }

  @Test
  void load_whenSectionProblemConcernsABlockMapping_pointsAtItsKey() {
    // The mapping's own first line is a nested field; the key line is what the message is about.
    ManifestParseResult result = load(HEAD + ENDPOINT);

    assertThat(result.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("spec.endpoint");
      assertThat(problem.line()).isEqualTo(7);
      assertThat(problem.column()).isEqualTo(3);
      assertThat(problem.message()).contains("needs spec.model");
    });
  }

  @Test
  void load_whenLabelValueIsNull_refusesItInsteadOfTakingTheTextNull() {
    ManifestParseResult result = load(HEAD.replace("name: churn-prod", "name: churn-prod\n  labels: {team: null}"));

    assertThat(result.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("metadata.labels.team");
      assertThat(problem.message()).contains("got an empty value");
    });
  }

  @Test
  void load_whenHyperparameterValueIsLong_acceptsUpTo2500Characters() {
    String training = """
          training:
            roleArn: arn:aws:iam::123456789012:role/sm-training
            instanceType: ml.m5.xlarge
            outputS3Uri: s3://ml-artifacts/churn/
            hyperparameters: {features: "%s"}
        """;

    assertThat(load(HEAD + training.formatted("f".repeat(2500))).isValid()).isTrue();
    assertThat(load(HEAD + training.formatted("f".repeat(2501))).problems()).singleElement()
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("spec.training.hyperparameters.features"));
  }

  @Test
  void load_whenSourceGiven_keepsItOnTheManifest() {
    ManifestSource source = new ManifestSource("models/churn/prod.yaml", "a".repeat(40));

    ManifestParseResult result = loader.load(source, HEAD);

    assertThat(result.source()).isEqualTo(source);
    assertThat(result.manifest().source()).isEqualTo(source);
    assertThat(result.manifest().apiVersion()).isEqualTo(ModelManifest.API_VERSION);
    assertThat(result.manifest().kind()).isEqualTo(ModelManifest.KIND);
  }

  @Test
  void load_whenTextAndBytesAreTheSame_givesTheSameManifest() {
    ModelManifest fromText = valid(HEAD + MODEL);
    ModelManifest fromBytes = loader.load(ManifestSource.file("m.yaml"), (HEAD + MODEL).getBytes(StandardCharsets.UTF_8))
        .validManifest().orElseThrow();

    assertThat(fromBytes).isEqualTo(fromText);
  }

  @Test
  void load_whenNothingButTheRequiredFields_isValid() {
    ModelManifest manifest = valid(HEAD);

    assertThat(manifest.spec().training()).isNull();
    assertThat(manifest.spec().registry()).isNull();
    assertThat(manifest.spec().model()).isNull();
    assertThat(manifest.spec().endpoint()).isNull();
    assertThat(manifest.spec().shadowTest()).isNull();
    assertThat(manifest.spec().batchTransforms()).isEmpty();
  }

  /** Problem lists are immutable copies; callers may keep them. */
  @Test
  void problems_whenReturned_cannotBeModified() {
    List<ManifestProblem> problems = load("kind: x\n").problems();

    assertThat(problems).isNotEmpty();
    assertThatThrownBy(problems::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  private ManifestParseResult load(String text) {
    return loader.load(ManifestSource.file("m.yaml"), text);
  }

  private ModelManifest valid(String text) {
    ManifestParseResult result = load(text);
    assertThat(result.problems()).as("problems of\n%s", text).isEmpty();
    return result.manifest();
  }
}
