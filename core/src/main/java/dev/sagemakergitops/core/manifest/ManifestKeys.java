package dev.sagemakergitops.core.manifest;

import java.util.List;

/**
 * The keys each mapping of a manifest allows, in one place: the section binders read them, and the
 * schema test compares them with {@code docs/manifest.schema.json} so that editor and loader agree.
 */
final class ManifestKeys {
  static final List<String> TOP_KEYS = List.of("apiVersion", "kind", "metadata", "spec");
  static final List<String> METADATA_KEYS = List.of("name", "labels");
  static final List<String> SPEC_KEYS =
      List.of("region", "image", "training", "registry", "model", "endpoint", "shadowTest", "batchTransforms");
  static final List<String> TRAINING_KEYS = List.of("image", "roleArn", "instanceType", "instanceCount",
      "volumeSizeGb", "maxRuntime", "inputs", "outputS3Uri", "hyperparameters", "network");
  static final List<String> INPUT_KEYS = List.of("s3Uri", "contentType");
  static final List<String> NETWORK_KEYS = List.of("subnets", "securityGroups", "encryptInterContainerTraffic");
  static final List<String> REGISTRY_KEYS = List.of("group", "approval", "metrics");
  static final List<String> MODEL_KEYS =
      List.of("package", "executionRoleArn", "environment", "mode", "containers", "inferenceExecution", "network");
  static final List<String> MODEL_NETWORK_KEYS = List.of("subnets", "securityGroups", "isolation");
  static final List<String> CONTAINER_KEYS = List.of("image", "hostname", "package", "artifact", "environment");
  static final List<String> ENDPOINT_KEYS = List.of("name", "variants", "autoscaling", "dataCapture", "deployment",
      "smokeTest", "kmsKeyId");
  static final List<String> SMOKE_TEST_KEYS = List.of("requests");
  static final List<String> SMOKE_REQUEST_KEYS = List.of("name", "variant", "targetModel", "contentType", "accept",
      "body", "bodyFrom", "expect");
  static final List<String> SMOKE_EXPECT_KEYS = List.of("status", "contentType", "values", "matches", "maxLatencyMs");
  static final List<String> SMOKE_VALUES_KEYS = List.of("min", "max");
  static final List<String> VARIANT_KEYS = List.of("name", "instanceType", "instanceCount", "weight", "serverless", "model");
  static final List<String> VARIANT_MODEL_KEYS = List.of("package", "image", "environment");
  static final List<String> SERVERLESS_KEYS = List.of("memorySizeMb", "maxConcurrency");
  static final List<String> AUTOSCALING_KEYS =
      List.of("minCapacity", "maxCapacity", "maxRps", "safetyFactor", "scaleInCooldown", "scaleOutCooldown");
  static final List<String> DATA_CAPTURE_KEYS = List.of("s3Uri", "samplingPercent", "captureMode", "kmsKeyId");
  static final List<String> DEPLOYMENT_KEYS = List.of("strategy", "canarySize", "linearStep", "batchSize",
      "rollbackBatchSize", "bake", "terminationWait", "timeout", "rollbackAlarms");
  static final List<String> SHADOW_KEYS =
      List.of("samplingPercent", "duration", "compare", "onPass", "instanceType", "instanceCount");
  static final List<String> COMPARE_KEYS = List.of("maxLatencyIncreasePercent", "maxErrorRatePercent");
  static final List<String> TRANSFORM_KEYS = List.of("input", "output", "instanceType", "instanceCount",
      "batchStrategy", "maxPayloadMb", "maxConcurrentTransforms", "inputFilter", "joinSource", "outputFilter", "volumeKmsKeyId");
  static final List<String> TRANSFORM_INPUT_KEYS = List.of("s3Uri", "contentType", "splitType", "compression");
  static final List<String> TRANSFORM_OUTPUT_KEYS = List.of("s3Uri", "accept", "assembleWith", "kmsKeyId");

  private ManifestKeys() {}
}
