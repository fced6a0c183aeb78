package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.CHANNEL_NAME;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.ROLE_ARN;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.ROLE_ARN_MAX;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.S3_URI;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.S3_URI_MAX;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.SUBNET_OR_SECURITY_GROUP;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.TRAINING_RUNTIME_MAX;

import dev.sagemakergitops.core.manifest.TrainingSpec.NetworkSpec;
import dev.sagemakergitops.core.manifest.TrainingSpec.TrainingInput;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Binds {@code spec.training}: the training job's image, role, instances, input channels, output,
 * hyperparameters and network, within SageMaker's CreateTrainingJob limits.
 */
final class TrainingBinder {
  private TrainingBinder() {}

  /** The training settings, or {@code null} when absent or when a value a job cannot do without is wrong. */
  static TrainingSpec bind(YamlMapping node, String region) {
    if (node == null) {
      return null;
    }
    ImageReference image = SageMakerFields.image(node, "image", false);
    if (image != null && region != null && !image.region().equals(region)) {
      node.problem("image", "the training image lives in ECR in " + image.region() + " but spec.region is " + region
          + "; replicate it to " + region);
    }
    String role = node.matching("roleArn", true, ROLE_ARN, ROLE_ARN_MAX, "an IAM role ARN such as "
        + "arn:aws:iam::123456789012:role/sm-training");
    String instanceType = SageMakerFields.instanceType(node, "instanceType", true, InstanceTypes.Use.TRAINING);
    Integer count = node.integer("instanceCount", false, 1, 100);
    Integer volume = node.integer("volumeSizeGb", false, 1, 16_384);
    Duration maxRuntime = node.duration("maxRuntime", false, Duration.ofSeconds(1), TRAINING_RUNTIME_MAX);
    Map<String, TrainingInput> inputs = inputs(node);
    String output = SageMakerFields.s3Uri(node, "outputS3Uri", true);
    Map<String, String> hyperparameters = hyperparameters(node);
    NetworkSpec network = network(node.mapping("network", false, ManifestKeys.NETWORK_KEYS));
    if (role == null || instanceType == null || output == null) {
      return null;
    }
    return new TrainingSpec(image, role, instanceType, count == null ? 1 : count, volume == null ? 30 : volume,
        maxRuntime == null ? Duration.ofDays(1) : maxRuntime, inputs, output, hyperparameters, network);
  }

  private static Map<String, TrainingInput> inputs(YamlMapping node) {
    Map<String, TrainingInput> inputs = new LinkedHashMap<>();
    Map<String, Node> rawInputs = node.namedEntries("inputs", false, "S3 URIs or {s3Uri, contentType}");
    if (rawInputs == null) {
      return inputs;
    }
    if (rawInputs.size() > 20) {
      node.problem("inputs", "expected at most 20 input channels, got " + rawInputs.size());
    }
    for (var entry : rawInputs.entrySet()) {
      String field = node.path("inputs") + "." + entry.getKey();
      if (entry.getKey().length() > 64 || !CHANNEL_NAME.matcher(entry.getKey()).matches()) {
        node.entryProblem("inputs", entry.getKey(), "expected a channel name of letters, digits and . - _ (at most 64"
            + " characters), got '" + entry.getKey() + "'");
        continue;
      }
      TrainingInput input = trainingInput(node.problems(), entry.getValue(), field);
      if (input != null) {
        inputs.put(entry.getKey(), input);
      }
    }
    return inputs;
  }

  private static TrainingInput trainingInput(ProblemCollector problems, Node value, String field) {
    if (value instanceof ScalarNode) {
      String uri = YamlScalars.text(problems, field, value, "an S3 URI such as s3://bucket/prefix/");
      if (uri == null) {
        return null;
      }
      if (uri.length() > S3_URI_MAX || !S3_URI.matcher(uri).matches()) {
        problems.add(value, field, "expected an S3 URI such as s3://bucket/prefix/, got '" + uri + "'");
        return null;
      }
      return new TrainingInput(uri, null);
    }
    YamlMapping input = YamlMapping.read(problems, field, value, ManifestKeys.INPUT_KEYS);
    String uri = SageMakerFields.s3Uri(input, "s3Uri", true);
    String contentType = SageMakerFields.contentType(input, "contentType");
    return uri == null ? null : new TrainingInput(uri, contentType);
  }

  private static Map<String, String> hyperparameters(YamlMapping node) {
    Map<String, Node> raw = node.namedEntries("hyperparameters", false, "values");
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    if (raw.size() > 100) {
      node.problem("hyperparameters", "expected at most 100 hyperparameters, got " + raw.size());
    }
    for (var entry : raw.entrySet()) {
      String field = node.path("hyperparameters") + "." + entry.getKey();
      // SageMaker passes hyperparameters as strings; the text as written (6, 0.2, true) is what the container gets.
      if (!(entry.getValue() instanceof ScalarNode scalar) || YamlScalars.isNull(entry.getValue())) {
        node.problems().add(entry.getValue(), field, "expected a single value (text or number), got "
            + YamlScalars.describe(entry.getValue()) + "; SageMaker passes hyperparameters as strings");
        continue;
      }
      // SageMaker's HyperParameterKey is at most 256 characters, HyperParameterValue at most 2500.
      if (entry.getKey().length() > 256 || scalar.getValue().length() > 2500) {
        node.problems().add(entry.getValue(), field, "expected a name of at most 256 and a value of at most 2500"
            + " characters");
        continue;
      }
      out.put(entry.getKey(), scalar.getValue());
    }
    return out;
  }

  private static NetworkSpec network(YamlMapping node) {
    if (node == null) {
      return null;
    }
    List<String> subnets = node.texts("subnets", true, 1, 16, SUBNET_OR_SECURITY_GROUP, 32, "subnet ids such as subnet-0abc");
    List<String> groups = node.texts("securityGroups", true, 1, 5, SUBNET_OR_SECURITY_GROUP, 32,
        "security group ids such as sg-0abc");
    Boolean encrypt = node.bool("encryptInterContainerTraffic");
    if (subnets == null || groups == null) {
      return null;
    }
    return new NetworkSpec(subnets, groups, encrypt != null && encrypt);
  }
}
