package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.manifest.EndpointSpec.Autoscaling;
import dev.sagemakergitops.core.manifest.EndpointSpec.Deployment;
import dev.sagemakergitops.core.manifest.EndpointSpec.Strategy;
import dev.sagemakergitops.core.manifest.EndpointSpec.Variant;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Each section binder on its own, given the YAML of its section alone: what it binds, and the
 * problems it reports (file:line:column: field: message, with lines counted within the snippet).
 */
class SectionBindersTest {
  private final ProblemCollector problems = new ProblemCollector("m.yaml");

  private YamlMapping section(String path, String yaml, List<String> keys) {
    return YamlMapping.read(problems, path, new Yaml().compose(new StringReader(yaml)), keys);
  }

  private List<String> problemLines() {
    return problems.sorted().stream().map(ManifestProblem::toString).toList();
  }

  @Test
  void metadataBind_whenLabelUsesReservedPrefix_pointsAtTheLabelKey() {
    Metadata metadata = MetadataBinder.bind(section("metadata", "name: churn\nlabels:\n  team: ml\n  aws:owner: me\n",
        ManifestKeys.METADATA_KEYS));

    assertThat(metadata.name()).isEqualTo("churn");
    assertThat(problemLines()).containsExactly("m.yaml:4:3: metadata.labels.aws:owner: the label 'aws:owner' uses a"
        + " reserved prefix (aws: or sagemaker-gitops:); rename it");
  }

  @Test
  void modelBind_whenPackageVersionIsZero_refusesThePackage() {
    ModelSpec model = ModelBinder.bind(section("spec.model", "package: churn/0\n"
        + "executionRoleArn: arn:aws:iam::123456789012:role/sm\n", ManifestKeys.MODEL_KEYS));

    assertThat(model).isNull();
    assertThat(problemLines()).containsExactly("m.yaml:1:10: spec.model.package: model package versions start at 1,"
        + " got 0");
  }

  @Test
  void registryBind_whenApprovalIsAbsent_registersPendingManualApproval() {
    RegistrySpec registry = RegistryBinder.bind(section("spec.registry", "group: churn\n", ManifestKeys.REGISTRY_KEYS));

    assertThat(registry.approval()).isEqualTo(RegistrySpec.ApprovalStatus.PENDING_MANUAL_APPROVAL);
    assertThat(problemLines()).isEmpty();
  }

  @Test
  void trainingBind_whenHyperparameterIsAList_saysSageMakerPassesStrings() {
    TrainingSpec training = TrainingBinder.bind(section("spec.training", "roleArn: arn:aws:iam::123456789012:role/t\n"
        + "instanceType: ml.m5.large\noutputS3Uri: s3://bucket/out/\nhyperparameters:\n  depth: [1, 2]\n",
        ManifestKeys.TRAINING_KEYS), "us-east-1");

    assertThat(training.hyperparameters()).isEmpty();
    assertThat(problemLines()).containsExactly("m.yaml:5:10: spec.training.hyperparameters.depth: expected a single"
        + " value (text or number), got a list; SageMaker passes hyperparameters as strings");
  }

  @Test
  void endpointBind_whenVariantNameIsUsedTwice_refusesTheEndpoint() {
    EndpointSpec endpoint = EndpointBinder.bind(section("spec.endpoint", "name: churn\nvariants:\n"
        + "  - {name: a, instanceType: ml.m5.large, instanceCount: 1}\n"
        + "  - {name: a, instanceType: ml.m5.large, instanceCount: 1}\n", ManifestKeys.ENDPOINT_KEYS));

    assertThat(endpoint).isNull();
    assertThat(problemLines()).containsExactly("m.yaml:4:12: spec.endpoint.variants[1].name: the variant name 'a' is"
        + " used twice; variant names are unique within an endpoint");
  }

  @Test
  void autoscalingCheckVariants_whenVariantStartsOutsideTheRange_saysHowToFit() {
    YamlMapping endpoint = section("spec.endpoint", "autoscaling: {minCapacity: 2, maxCapacity: 4, maxRps: 10}\n",
        ManifestKeys.ENDPOINT_KEYS);
    Autoscaling autoscaling = AutoscalingBinder.bind(endpoint.mapping("autoscaling", false,
        ManifestKeys.AUTOSCALING_KEYS));

    AutoscalingBinder.checkVariants(endpoint, autoscaling, List.of(new Variant("a", "ml.m5.large", 1, 1, null)));

    assertThat(autoscaling.safetyFactor()).isEqualTo(0.5);
    assertThat(problemLines()).containsExactly("m.yaml:1:14: spec.endpoint.autoscaling: variant 'a' starts with 1"
        + " instances, outside autoscaling's 2 to 4; make instanceCount fit between minCapacity and maxCapacity");
  }

  @Test
  void deploymentBind_whenCanaryIsOverHalfOfAVariantsFleet_namesTheVariant() {
    List<Variant> variants = List.of(new Variant("a", "ml.m5.large", 3, 1, null));
    Deployment deployment = DeploymentBinder.bind(section("spec.endpoint.deployment", "strategy: canary\n"
        + "canarySize: 2\nbake: 10m\n", ManifestKeys.DEPLOYMENT_KEYS), variants, 1);

    assertThat(deployment.strategy()).isEqualTo(Strategy.CANARY);
    assertThat(deployment.bake()).isEqualTo(Duration.ofMinutes(10));
    assertThat(problemLines()).containsExactly("m.yaml:2:13: spec.endpoint.deployment.canarySize: SageMaker allows a"
        + " canary of at most 50% of the fleet; 2 instances of variant 'a' (3 instances) is 67%. Change the size or"
        + " the variant's instanceCount");
  }

  @Test
  void shadowTestCheckExclusions_whenEndpointIsServerless_refusesTheShadowTest() {
    YamlMapping spec = section("spec", "shadowTest: {samplingPercent: 10%}\n", ManifestKeys.SPEC_KEYS);
    ShadowTestSpec shadow = ShadowTestBinder.bind(spec.mapping("shadowTest", false, ManifestKeys.SHADOW_KEYS));
    EndpointSpec endpoint = new EndpointSpec("churn", List.of(new Variant("a", null, 0, 1,
        new EndpointSpec.Serverless(2048, 5))), null, null, Deployment.allAtOnce());

    ShadowTestBinder.checkExclusions(spec, endpoint, null);

    assertThat(shadow.samplingPercent()).isEqualTo(10);
    assertThat(problemLines()).containsExactly("m.yaml:1:13: spec.shadowTest: shadow tests exclude serverless"
        + " endpoints; remove the shadow test or use instances");
  }

  @Test
  void batchTransformBind_whenBatchStrategyHasNoSplitType_asksForOne() {
    var transforms = BatchTransformBinder.bind(section("spec", "batchTransforms:\n  nightly:\n"
        + "    input: {s3Uri: 's3://bucket/in/'}\n    output: {s3Uri: 's3://bucket/out/'}\n"
        + "    instanceType: ml.m5.large\n    batchStrategy: MultiRecord\n", ManifestKeys.SPEC_KEYS));

    assertThat(transforms).containsKey("nightly");
    assertThat(problemLines()).containsExactly("m.yaml:6:20: spec.batchTransforms.nightly.batchStrategy: batchStrategy"
        + " needs input.splitType Line, RecordIO or TFRecord (records to batch); set splitType or remove"
        + " batchStrategy");
  }

  private static final String TRANSFORM_KEY_ARN =
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private java.util.Map<String, BatchTransformSpec> transformWithKeys(String instanceType, String outputKey,
      String volumeKey) {
    return BatchTransformBinder.bind(section("spec", "batchTransforms:\n  nightly:\n"
        + "    input: {s3Uri: 's3://bucket/in/'}\n"
        + "    output: {s3Uri: 's3://bucket/out/', kmsKeyId: \"" + outputKey + "\"}\n"
        + "    instanceType: " + instanceType + "\n    volumeKmsKeyId: \"" + volumeKey + "\"\n", ManifestKeys.SPEC_KEYS));
  }

  @Test
  void batchTransformBind_whenOutputAndVolumeKeysAreSet_bindsEachKmsKeyForm() {
    for (String key : new String[] {"1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab",
        TRANSFORM_KEY_ARN, "alias/ExampleAlias", "arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias"}) {
      BatchTransformSpec transform = transformWithKeys("ml.m5.large", key, key).get("nightly");

      assertThat(problemLines()).as(key).isEmpty();
      assertThat(transform.outputKmsKeyId()).as(key).isEqualTo(key);
      assertThat(transform.volumeKmsKeyId()).as(key).isEqualTo(key);
    }
  }

  @Test
  void batchTransformBind_whenAKeyIsMalformed_locatesEachAtItsField() {
    transformWithKeys("ml.m5.large", "my-key", "arn:aws:s3:::bucket");

    assertThat(problems.sorted()).extracting(ManifestProblem::field, ManifestProblem::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.batchTransforms.nightly.output.kmsKeyId", 4),
            org.assertj.core.groups.Tuple.tuple("spec.batchTransforms.nightly.volumeKmsKeyId", 6));
    assertThat(problems.sorted()).allSatisfy(p -> assertThat(p.message()).contains("a KMS key id", "alias name"));
  }

  @Test
  void batchTransformBind_whenAVolumeKeyMeetsLocalInstanceStorage_refusesItButKeepsTheOutputKey() {
    transformWithKeys("ml.g4dn.xlarge", "alias/results", "alias/volumes");

    assertThat(problemLines()).singleElement().satisfies(line -> assertThat(line).startsWith(
        "m.yaml:6:21: spec.batchTransforms.nightly.volumeKmsKeyId: instance type ml.g4dn.xlarge has local instance"
            + " storage").contains("You can't request a VolumeKmsKeyId when using an instance type with local storage"));
  }

  @Test
  void batchTransformBind_whenNoKeysAreSet_leavesBothAbsent() {
    BatchTransformSpec transform = BatchTransformBinder.bind(section("spec", "batchTransforms:\n  nightly:\n"
        + "    input: {s3Uri: 's3://bucket/in/'}\n    output: {s3Uri: 's3://bucket/out/'}\n"
        + "    instanceType: ml.g4dn.xlarge\n", ManifestKeys.SPEC_KEYS)).get("nightly");

    assertThat(problemLines()).isEmpty();
    assertThat(transform.outputKmsKeyId()).isNull();
    assertThat(transform.volumeKmsKeyId()).isNull();
  }

  private static final String SMOKE_ENDPOINT = "name: churn\nvariants:\n"
      + "  - {name: A, instanceType: ml.m5.large, instanceCount: 1}\n"
      + "smokeTest:\n  requests:\n";

  @Test
  void endpointBind_whenSmokeTestIsComplete_bindsEachRequestWithItsField() {
    EndpointSpec endpoint = EndpointBinder.bind(section("spec.endpoint", SMOKE_ENDPOINT
        + "    - {name: typical, variant: A, contentType: text/csv, body: '1,2', expect: {values: {min: 0, max: 1},"
        + " maxLatencyMs: 800}}\n", ManifestKeys.ENDPOINT_KEYS), false);

    assertThat(problemLines()).isEmpty();
    SmokeTestSpec.Request request = endpoint.smokeTest().requests().get(0);
    assertThat(request.field()).isEqualTo("spec.endpoint.smokeTest.requests[0]");
    assertThat(request.expect()).isEqualTo(new SmokeTestSpec.Expect(200, null, 0.0, 1.0, null, 800));
  }

  @Test
  void endpointBind_whenSmokeTestRequestIsWrong_locatesEachProblem() {
    EndpointSpec endpoint = EndpointBinder.bind(section("spec.endpoint", SMOKE_ENDPOINT
        + "    - variant: C\n      body: x\n      bodyFrom: s3://bucket/x.csv\n"
        + "      expect: {values: {min: 2, max: 1}, matches: '([a-z]'}\n"
        + "    - targetModel: eu.tar.gz\n      expect: {maxLatencyMs: 0}\n", ManifestKeys.ENDPOINT_KEYS), false);

    assertThat(endpoint).isNull();
    assertThat(problemLines()).containsExactly(
        "m.yaml:6:16: spec.endpoint.smokeTest.requests[0].variant: endpoint has no variant 'C' (it has [A]); name one"
            + " of them, or leave variant out to send the request to each",
        "m.yaml:8:17: spec.endpoint.smokeTest.requests[0].bodyFrom: a request has one body: give body (inline) or"
            + " bodyFrom (an S3 object), not both",
        "m.yaml:9:24: spec.endpoint.smokeTest.requests[0].expect.values: min 2 is above max 1; no answer could pass",
        "m.yaml:9:51: spec.endpoint.smokeTest.requests[0].expect.matches: expected a regular expression (Java syntax),"
            + " got '([a-z]': Unclosed group",
        "m.yaml:10:7: spec.endpoint.smokeTest.requests[1].body: missing the request body; give body (inline text) or"
            + " bodyFrom (an s3:// object)",
        "m.yaml:10:20: spec.endpoint.smokeTest.requests[1].targetModel: TargetModel is for multi-model endpoints, and"
            + " spec.model.mode is SingleModel; remove targetModel, or set spec.model.mode: MultiModel",
        "m.yaml:11:30: spec.endpoint.smokeTest.requests[1].expect.maxLatencyMs: expected a whole number from 1 to"
            + " 60000, got 0");
  }

  @Test
  void endpointBind_whenMultiModelRequestNamesNoModel_asksForTargetModel() {
    EndpointSpec endpoint = EndpointBinder.bind(section("spec.endpoint", SMOKE_ENDPOINT + "    - {body: '1'}\n",
        ManifestKeys.ENDPOINT_KEYS), true);

    assertThat(endpoint).isNull();
    assertThat(problemLines()).containsExactly("m.yaml:6:7: spec.endpoint.smokeTest.requests[0].targetModel:"
        + " spec.model.mode is MultiModel, so every request names the model it asks (TargetModel); add targetModel,"
        + " such as churn-eu.tar.gz");
  }
}
