package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.ENTITY_NAME;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.ENTITY_NAME_MAX;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.ENVIRONMENT_KEY;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.ROLE_ARN;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.ROLE_ARN_MAX;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds {@code spec.model}: the model package version to serve ({@code group/version}), the role
 * SageMaker runs it with, its environment (at most 32 KiB in all) and its mode; or, instead of the
 * package, an inference pipeline's containers ({@link ContainersBinder}).
 */
final class ModelBinder {
  private static final Pattern PACKAGE = Pattern.compile("([^/]+)/(\\d{1,9})");

  private ModelBinder() {}

  /** The model settings, or {@code null} when absent or when the package or role is missing or wrong. */
  static ModelSpec bind(YamlMapping node) {
    return bind(node, null);
  }

  /**
   * The model settings, with the inference pipeline of {@code containers} (bound by {@link
   * ContainersBinder}) whose images must live in {@code region} when it is set.
   */
  static ModelSpec bind(YamlMapping node, String region) {
    if (node == null) {
      return null;
    }
    boolean pipeline = node.has("containers");
    ModelPackageReference modelPackage = pipeline && !node.has("package") ? null : modelPackage(node, "package");
    String role = node.matching("executionRoleArn", true, ROLE_ARN, ROLE_ARN_MAX, "an IAM role ARN such as "
        + "arn:aws:iam::123456789012:role/sm-execution");
    Map<String, String> environment = environment(node);
    String mode = node.oneOf("mode", false, List.of("SingleModel", "MultiModel"));
    List<ContainerSpec> containers = ContainersBinder.bind(node, region);
    String inferenceExecution = ContainersBinder.inferenceExecution(node);
    ContainersBinder.checkModel(node);
    ModelSpec.Network network = NetworkBinder.bind(node.mapping("network", false, ManifestKeys.MODEL_NETWORK_KEYS));
    if ((modelPackage == null && !pipeline) || role == null || containers == null
        || (node.has("network") && network == null)) {
      return null;
    }
    return new ModelSpec(modelPackage, role, environment,
        "MultiModel".equals(mode) ? ModelSpec.Mode.MULTI_MODEL : ModelSpec.Mode.SINGLE_MODEL, containers,
        inferenceExecution, network);
  }

  /** A container's environment (at most 32 KiB in all), as {@code spec.model} and each pipeline container write it. */
  static Map<String, String> environment(YamlMapping node) {
    Map<String, String> environment = node.textMap("environment", 100, ENVIRONMENT_KEY, 1024, 1024,
        "an environment variable name (letters, digits, _; not starting with a digit)");
    int environmentBytes = environment.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
    if (environmentBytes > 32 * 1024) {
      node.problem("environment", "expected at most 32 KiB of environment variables in all, got " + environmentBytes
          + " bytes");
    }
    return environment;
  }

  /** A model package version written {@code group/version} under {@code key}, or {@code null} with a problem. */
  static ModelPackageReference modelPackage(YamlMapping node, String key) {
    String text = node.text(key, true, "a model package version written group/version, such as churn/7");
    if (text == null) {
      return null;
    }
    Matcher match = PACKAGE.matcher(text.trim());
    if (!match.matches()) {
      node.problem(key, "expected a model package version written group/version, such as churn/7, got '"
          + text + "'");
    } else if (match.group(1).length() > ENTITY_NAME_MAX || !ENTITY_NAME.matcher(match.group(1)).matches()) {
      node.problem(key, "expected the group '" + match.group(1) + "' to be a model package group name of"
          + " letters, digits and hyphens (at most 63 characters)");
    } else if (Integer.parseInt(match.group(2)) < 1) {
      node.problem(key, "model package versions start at 1, got " + match.group(2));
    } else {
      return new ModelPackageReference(match.group(1), Integer.parseInt(match.group(2)));
    }
    return null;
  }
}
