package dev.sagemakergitops.local.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

/**
 * Real botocore constraints through the bundled models: each case is a mistake a manifest or a
 * pipeline could make, answered with SageMaker's own text.
 */
class ServiceModelValidatorTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
  private static final String NAME_PATTERN = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";

  private final ServiceModelValidator validator = ServiceModelValidator.bundled();

  @Test
  void validate_whenTrainingJobNameMissing_reportsMemberMustNotBeNull() {
    ObjectNode input = json("""
        {"RoleArn": "%s", "OutputDataConfig": {"S3OutputPath": "s3://bucket/out"},
         "AlgorithmSpecification": {"TrainingImage": "img", "TrainingInputMode": "File"}}""".formatted(ROLE));

    assertValidation("sagemaker", "CreateTrainingJob", input).isEqualTo(
        "1 validation error detected: Value null at 'trainingJobName' failed to satisfy constraint: "
            + "Member must not be null");
  }

  @Test
  void validate_whenEndpointNameBreaksPattern_reportsThePatternWithSageMakersAnchor() {
    ObjectNode input = json("""
        {"EndpointName": "churn_v2", "EndpointConfigName": "churn-config"}""");

    assertValidation("sagemaker", "CreateEndpoint", input).isEqualTo(
        "1 validation error detected: Value 'churn_v2' at 'endpointName' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: " + NAME_PATTERN);
  }

  @Test
  void validate_whenCanaryBakeIs4000Seconds_reportsTheUpperBoundAtTheNestedPath() {
    ObjectNode input = updateEndpoint();
    trafficRouting(input).put("WaitIntervalInSeconds", 4000);

    assertValidation("sagemaker", "UpdateEndpoint", input).isEqualTo(
        "1 validation error detected: Value '4000' at "
            + "'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds' "
            + "failed to satisfy constraint: Member must have value less than or equal to 3600");
  }

  @Test
  void validate_whenTerminationWaitIsNegative_reportsTheLowerBound() {
    ObjectNode input = updateEndpoint();
    ((ObjectNode) input.at("/DeploymentConfig/BlueGreenUpdatePolicy")).put("TerminationWaitInSeconds", -1);

    assertValidation("sagemaker", "UpdateEndpoint", input).isEqualTo(
        "1 validation error detected: Value '-1' at 'deploymentConfig.blueGreenUpdatePolicy.terminationWaitInSeconds' "
            + "failed to satisfy constraint: Member must have value greater than or equal to 0");
  }

  @Test
  void validate_whenTrainingInputModeIsNotInTheEnum_listsTheEnumInModelOrder() {
    ObjectNode input = createTrainingJob("churn-train");
    ((ObjectNode) input.get("AlgorithmSpecification")).put("TrainingInputMode", "Files");

    assertValidation("sagemaker", "CreateTrainingJob", input).isEqualTo(
        "1 validation error detected: Value 'Files' at 'algorithmSpecification.trainingInputMode' "
            + "failed to satisfy constraint: Member must satisfy enum value set: [Pipe, File, FastFile]");
  }

  @Test
  void validate_whenElevenProductionVariants_reportsTheListLength() {
    ObjectNode input = createEndpointConfig();
    ArrayNode variants = input.putArray("ProductionVariants");
    for (int i = 1; i <= 11; i++) {
      variants.addObject().put("VariantName", "v" + i).put("ModelName", "churn-model");
    }

    assertValidation("sagemaker", "CreateEndpointConfig", input)
        .startsWith("1 validation error detected: Value '[{VariantName=v1, ModelName=churn-model}, ")
        .endsWith("' at 'productionVariants' failed to satisfy constraint: "
            + "Member must have length less than or equal to 10");
  }

  @Test
  void validate_whenNoProductionVariant_reportsTheMinimumLength() {
    ObjectNode input = createEndpointConfig();
    input.putArray("ProductionVariants");

    assertValidation("sagemaker", "CreateEndpointConfig", input).isEqualTo(
        "1 validation error detected: Value '[]' at 'productionVariants' failed to satisfy constraint: "
            + "Member must have length greater than or equal to 1");
  }

  @Test
  void validate_whenListElementIsBad_namesItOneBasedWithMember() {
    ObjectNode input = createEndpointConfig();
    ((ObjectNode) input.withArray("ShadowProductionVariants").get(0)).put("VariantName", "shadow_1");

    assertValidation("sagemaker", "CreateEndpointConfig", input).isEqualTo(
        "1 validation error detected: Value 'shadow_1' at 'shadowProductionVariants.1.member.variantName' "
            + "failed to satisfy constraint: Member must satisfy regular expression pattern: " + NAME_PATTERN);
  }

  @Test
  void validate_whenMembersDeepInsideDeploymentConfigAreWrong_reportsEachWithItsFullPath() {
    ObjectNode input = updateEndpoint();
    ((ObjectNode) trafficRouting(input).get("CanarySize")).put("Type", "PERCENT").remove("Value");
    ((ObjectNode) input.at("/DeploymentConfig/AutoRollbackConfiguration/Alarms/1")).put("AlarmName", "");

    assertValidation("sagemaker", "UpdateEndpoint", input).isEqualTo(
        "4 validation errors detected: "
            + "Value '' at 'deploymentConfig.autoRollbackConfiguration.alarms.2.member.alarmName' failed to satisfy "
            + "constraint: Member must satisfy regular expression pattern: ^(?!\\s*$).+; "
            + "Value '' at 'deploymentConfig.autoRollbackConfiguration.alarms.2.member.alarmName' failed to satisfy "
            + "constraint: Member must have length greater than or equal to 1; "
            + "Value 'PERCENT' at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize.type' "
            + "failed to satisfy constraint: Member must satisfy enum value set: [INSTANCE_COUNT, CAPACITY_PERCENT]; "
            + "Value null at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize.value' "
            + "failed to satisfy constraint: Member must not be null");
  }

  @Test
  void validate_whenEcrRepositoryNameHasCapitals_answersEcrsInvalidParameterExceptionWithItsPattern() {
    ObjectNode input = json("""
        {"repositoryName": "Team/Churn"}""");

    // ECR's own form (localstack/localstack#8051), not Coral's ValidationException.
    assertThatThrownBy(() -> validator.validate("ecr", "CreateRepository", input))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.code()).isEqualTo("InvalidParameterException");
          assertThat(e.getMessage()).isEqualTo("Invalid parameter at 'repositoryName' failed to satisfy constraint: "
              + "'must satisfy regular expression "
              + "'[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*''");
        });
  }

  @Test
  void validate_whenSeveralConstraintsFail_countsThemAndJoinsWithSemicolons() {
    ObjectNode input = createTrainingJob("churn_" + "x".repeat(60));
    input.remove("RoleArn");

    assertValidation("sagemaker", "CreateTrainingJob", input).isEqualTo(
        "3 validation errors detected: "
            + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null; "
            + "Value 'churn_" + "x".repeat(60) + "' at 'trainingJobName' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: " + NAME_PATTERN + "; "
            + "Value 'churn_" + "x".repeat(60) + "' at 'trainingJobName' failed to satisfy constraint: "
            + "Member must have length less than or equal to 63");
  }

  @Test
  void validate_whenHyperParameterKeyTooLong_reportsTheMapOnceWithAllKeyConstraints() {
    ObjectNode input = createTrainingJob("churn-train");
    input.putObject("HyperParameters").put("k".repeat(257), "1").put("eta", "0.2");

    assertValidation("sagemaker", "CreateTrainingJob", input).endsWith(
        "' at 'hyperParameters' failed to satisfy constraint: Map keys must satisfy constraint: "
            + "[Member must have length less than or equal to 256, Member must have length greater than or equal to 0, "
            + "Member must satisfy regular expression pattern: ^.*]");
  }

  @Test
  void validate_whenAListOfTextsHasABadElement_reportsTheListOnceWithTheElementConstraints() {
    ObjectNode input = json("""
        {"AlarmName": "churn-latency", "AlarmActions": ["arn:aws:sns:us-east-1:123456789012:ops", ""]}""");

    assertValidation("cloudwatch", "PutMetricAlarm", input).isEqualTo(
        "1 validation error detected: Value '[arn:aws:sns:us-east-1:123456789012:ops, ]' at 'alarmActions' "
            + "failed to satisfy constraint: Member must satisfy constraint: "
            + "[Member must have length less than or equal to 1024, Member must have length greater than or equal to 1]");
  }

  @Test
  void validate_whenCloudWatchAlarmNameMissing_isCheckedThroughTheSameEntryPoint() {
    ObjectNode input = json("""
        {"ComparisonOperator": "GreaterThan", "EvaluationPeriods": 0}""");

    assertValidation("cloudwatch", "PutMetricAlarm", input).isEqualTo(
        "3 validation errors detected: "
            + "Value null at 'alarmName' failed to satisfy constraint: Member must not be null; "
            + "Value 'GreaterThan' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum "
            + "value set: [GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, "
            + "LessThanOrEqualToThreshold, LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold, "
            + "GreaterThanUpperThreshold]; "
            + "Value '0' at 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1");
  }

  @Test
  void validate_whenValueHasTheWrongJsonType_answersSerializationExceptionBeforeConstraints() {
    ObjectNode input = updateEndpoint();
    input.put("EndpointName", "bad_name");
    trafficRouting(input).put("WaitIntervalInSeconds", "600");

    assertThatThrownBy(() -> validator.validate("sagemaker", "UpdateEndpoint", input))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.code()).isEqualTo("SerializationException");
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("Expected an integer at "
              + "'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds' "
              + "but found a string.");
        });
  }

  @Test
  void validate_whenFullCreateEndpointConfigIsValid_passes() {
    assertThatCode(() -> validator.validate("sagemaker", "CreateEndpointConfig", createEndpointConfig()))
        .doesNotThrowAnyException();
  }

  @Test
  void validate_whenUpdateEndpointWithCanaryOrRollingDeploymentIsValid_passes() {
    ObjectNode rolling = json("""
        {"EndpointName": "churn", "EndpointConfigName": "churn-config-b",
         "DeploymentConfig": {
           "RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 50},
                                   "WaitIntervalInSeconds": 300, "MaximumExecutionTimeoutInSeconds": 3600,
                                   "RollbackMaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1}},
           "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "churn-errors"}]}},
         "RetainAllVariantProperties": false}""");

    assertThatCode(() -> validator.validate("sagemaker", "UpdateEndpoint", updateEndpoint())).doesNotThrowAnyException();
    assertThatCode(() -> validator.validate("sagemaker", "UpdateEndpoint", rolling)).doesNotThrowAnyException();
  }

  @Test
  void validate_whenOperationOrServiceIsNotBundled_passesForTheDispatcherToAnswer() {
    ObjectNode nonsense = json("""
        {"EndpointName": "bad_name"}""");

    assertThatCode(() -> validator.validate("sagemaker", "CreateHyperParameterTuningJob", nonsense))
        .doesNotThrowAnyException();
    assertThatCode(() -> validator.validate("s3", "PutObject", nonsense)).doesNotThrowAnyException();
  }

  @Test
  void validate_whenInputIsAbsent_checksRequiredMembersOfAnEmptyRequest() {
    assertValidation("sagemaker", "DescribeEndpoint", null).isEqualTo(
        "1 validation error detected: Value null at 'endpointName' failed to satisfy constraint: Member must not be null");
  }

  @Test
  void model_whenBundled_recordsItsBotocoreAndEveryServedOperationWithCompilablePatterns() {
    for (String service : new String[] {"sagemaker", "ecr", "application-autoscaling", "sagemaker-runtime", "cloudwatch"}) {
      ServiceModel model = validator.model(service).orElseThrow();
      assertThat(model.service()).isEqualTo(service);
      assertThat(model.botocoreVersion()).matches("\\d+\\.\\d+\\.\\d+");
      assertThat(model.skippedPatterns()).as(service).isEmpty();
    }
    assertThat(validator.model("sagemaker").orElseThrow().operations()).hasSize(38)
        .contains("UpdateEndpointWeightsAndCapacities", "CreateInferenceExperiment", "AddTags", "DeleteModelPackage");
    assertThat(validator.model("ecr").orElseThrow().apiVersion()).isEqualTo("2015-09-21");
    assertThat(validator.model("s3")).isEmpty();
  }

  private AbstractStringAssert<?> assertValidation(String service, String operation, JsonNode input) {
    try {
      validator.validate(service, operation, input);
    } catch (AwsServiceException e) {
      assertThat(e.code()).isEqualTo("ValidationException");
      assertThat(e.status()).isEqualTo(400);
      return assertThat(e.getMessage());
    }
    throw new AssertionError(service + " " + operation + " passed validation: " + input);
  }

  private static ObjectNode createTrainingJob(String name) {
    return json("""
        {"TrainingJobName": "%s", "RoleArn": "%s",
         "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn@sha256:%s",
                                    "TrainingInputMode": "File"},
         "OutputDataConfig": {"S3OutputPath": "s3://bucket/out"},
         "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
         "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}""".formatted(name, ROLE, "a".repeat(64)));
  }

  private static ObjectNode createEndpointConfig() {
    return json("""
        {"EndpointConfigName": "churn-config-a",
         "ProductionVariants": [{"VariantName": "blue", "ModelName": "churn-model-1", "InstanceType": "ml.m5.large",
                                 "InitialInstanceCount": 2, "InitialVariantWeight": 1.0}],
         "ShadowProductionVariants": [{"VariantName": "shadow", "ModelName": "churn-model-2",
                                       "InstanceType": "ml.m5.large", "InitialInstanceCount": 1,
                                       "InitialVariantWeight": 0.5}],
         "DataCaptureConfig": {"EnableCapture": true, "InitialSamplingPercentage": 20,
                               "DestinationS3Uri": "s3://bucket/capture",
                               "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
                               "CaptureContentTypeHeader": {"JsonContentTypes": ["application/json"]}},
         "Tags": [{"Key": "gitops:commit", "Value": "0123456789abcdef"},
                  {"Key": "gitops:manifest", "Value": "models/churn.yaml"}]}""");
  }

  private static ObjectNode updateEndpoint() {
    return json("""
        {"EndpointName": "churn", "EndpointConfigName": "churn-config-b",
         "DeploymentConfig": {
           "BlueGreenUpdatePolicy": {
             "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 600,
                                             "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}},
             "TerminationWaitInSeconds": 300, "MaximumExecutionTimeoutInSeconds": 3600},
           "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "churn-errors"}, {"AlarmName": "churn-latency"}]}}}""");
  }

  private static ObjectNode trafficRouting(ObjectNode updateEndpoint) {
    return (ObjectNode) updateEndpoint.at("/DeploymentConfig/BlueGreenUpdatePolicy/TrafficRoutingConfiguration");
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
