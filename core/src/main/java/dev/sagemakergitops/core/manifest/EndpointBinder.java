package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.ENTITY_NAME;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.ENTITY_NAME_MAX;

import dev.sagemakergitops.core.manifest.EndpointSpec.Autoscaling;
import dev.sagemakergitops.core.manifest.EndpointSpec.DataCapture;
import dev.sagemakergitops.core.manifest.EndpointSpec.Deployment;
import dev.sagemakergitops.core.manifest.EndpointSpec.Variant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds {@code spec.endpoint}: its name and production variants (here), its autoscaling, data
 * capture and deployment (each by its own binder), and the rules that tie them together: serverless
 * exclusions, and instance counts inside autoscaling's range.
 */
final class EndpointBinder {
  private EndpointBinder() {}

  /** The endpoint, or {@code null} when absent or when any of its parts has a problem. */
  static EndpointSpec bind(YamlMapping node) {
    return bind(node, null);
  }

  /**
   * As {@link #bind(YamlMapping)}; {@code multiModel} ({@code spec.model.mode} is MultiModel, or
   * {@code null} when unknown) decides whether smoke-test requests must name their model.
   */
  static EndpointSpec bind(YamlMapping node, Boolean multiModel) {
    if (node == null) {
      return null;
    }
    String name = node.matching("name", true, ENTITY_NAME, ENTITY_NAME_MAX,
        "an endpoint name of letters, digits and hyphens, starting and ending with a letter or digit");
    List<Node> items = node.sequence("variants", true, 1, 10, "production variants");
    List<Variant> variants = variants(node, items);
    Autoscaling autoscaling = AutoscalingBinder.bind(node.mapping("autoscaling", false, ManifestKeys.AUTOSCALING_KEYS));
    DataCapture capture = DataCaptureBinder.bind(node.mapping("dataCapture", false, ManifestKeys.DATA_CAPTURE_KEYS));
    YamlMapping deploymentNode = node.mapping("deployment", false, ManifestKeys.DEPLOYMENT_KEYS);
    Deployment deployment = deploymentNode == null ? Deployment.allAtOnce()
        : DeploymentBinder.bind(deploymentNode, variants, items == null ? variants.size() : items.size());
    SmokeTestSpec smokeTest = SmokeTestBinder.bind(node.mapping("smokeTest", false, ManifestKeys.SMOKE_TEST_KEYS), variants,
        multiModel);
    checkServerlessExclusions(node, variants, capture);
    String kmsKeyId = KmsKeyBinder.bind(node, "kmsKeyId");
    checkLocalStorage(node, variants, kmsKeyId);
    if (autoscaling != null) {
      AutoscalingBinder.checkVariants(node, autoscaling, variants);
    }
    if (name == null || items == null || variants.size() != items.size() || deployment == null
        || (node.has("autoscaling") && autoscaling == null) || (node.has("dataCapture") && capture == null)
        || (node.has("smokeTest") && smokeTest == null) || (node.has("kmsKeyId") && kmsKeyId == null)) {
      return null;
    }
    return new EndpointSpec(name, variants, autoscaling, capture, deployment, smokeTest, kmsKeyId);
  }

  /**
   * A KMS key for the endpoint's storage volumes is refused by CreateEndpointConfig when a variant
   * runs on an instance type with local instance storage ({@link LocalInstanceStorage}).
   */
  private static void checkLocalStorage(YamlMapping node, List<Variant> variants, String kmsKeyId) {
    if (kmsKeyId == null) {
      return;
    }
    List<String> local = variants.stream().map(Variant::instanceType).filter(LocalInstanceStorage::has).toList();
    if (!local.isEmpty()) {
      node.problem("kmsKeyId", "instance type(s) " + local + " have local instance storage, which SageMaker encrypts "
          + "with a hardware module: \"You can't request a KmsKeyId when using an instance type with local storage\" "
          + "(CreateEndpointConfig fails). Remove kmsKeyId, or use instance types without local storage");
    }
  }

  /** The variants that bound without a problem; a shorter list than {@code items} means some did not. */
  private static List<Variant> variants(YamlMapping node, List<Node> items) {
    List<Variant> variants = new ArrayList<>();
    if (items == null) {
      return variants;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping item = YamlMapping.read(node.problems(), node.path("variants") + "[" + i + "]", items.get(i),
          ManifestKeys.VARIANT_KEYS);
      Variant variant = variant(item);
      if (variant == null) {
        continue;
      }
      if (!names.add(variant.name())) {
        item.problem("name", "the variant name '" + variant.name() + "' is used twice; variant names are unique"
            + " within an endpoint");
        continue;
      }
      variants.add(variant);
    }
    return variants;
  }

  private static Variant variant(YamlMapping node) {
    String name = node.matching("name", true, ENTITY_NAME, ENTITY_NAME_MAX, "a variant name of letters, digits and"
        + " hyphens, such as AllTraffic");
    Double weight = node.number("weight", false, 0, 1_000_000);
    if (node.has("serverless")) {
      if (node.has("instanceType") || node.has("instanceCount")) {
        node.problem("serverless", "a variant is either serverless or instance-backed; remove instanceType and"
            + " instanceCount, or remove serverless");
        return null;
      }
      YamlMapping serverless = node.mapping("serverless", true, ManifestKeys.SERVERLESS_KEYS);
      Integer memory = serverless.integer("memorySizeMb", true, 1024, 6144);
      if (memory != null && memory % 1024 != 0) {
        serverless.problem("memorySizeMb", "expected 1024, 2048, 3072, 4096, 5120 or 6144, got " + memory);
        memory = null;
      }
      Integer concurrency = serverless.integer("maxConcurrency", true, 1, 200);
      VariantModelSpec model = VariantModelBinder.bind(node.mapping("model", false, ManifestKeys.VARIANT_MODEL_KEYS));
      if (name == null || memory == null || concurrency == null || (node.has("model") && model == null)) {
        return null;
      }
      return new Variant(name, null, 0, weight == null ? 1.0 : weight, new EndpointSpec.Serverless(memory, concurrency),
          model);
    }
    String instanceType = SageMakerFields.instanceType(node, "instanceType", true, InstanceTypes.Use.HOSTING);
    Integer count = node.integer("instanceCount", true, 1, 1000);
    VariantModelSpec model = VariantModelBinder.bind(node.mapping("model", false, ManifestKeys.VARIANT_MODEL_KEYS));
    if (name == null || instanceType == null || count == null || (node.has("model") && model == null)) {
      return null;
    }
    return new Variant(name, instanceType, count, weight == null ? 1.0 : weight, null, model);
  }

  /**
   * "Some of the features currently available for SageMaker Real-time Inference are not supported
   * for Serverless Inference, including ... data capture, multiple production variants" (Developer
   * Guide, serverless-endpoints, Feature exclusions): SageMaker refuses such a configuration.
   */
  private static void checkServerlessExclusions(YamlMapping node, List<Variant> variants, DataCapture capture) {
    List<String> serverless = variants.stream().filter(v -> v.serverless() != null).map(Variant::name).toList();
    if (serverless.isEmpty()) {
      return;
    }
    if (variants.size() > 1) {
      node.problem("variants", "serverless endpoints have exactly one production variant (SageMaker excludes"
          + " multiple production variants from serverless inference), but " + serverless + " "
          + (serverless.size() == 1 ? "is" : "are") + " among " + variants.size() + "; use one serverless variant,"
          + " or instance-backed variants only");
    }
    if (capture != null) {
      node.problem("dataCapture", "SageMaker excludes data capture from serverless endpoints (variant "
          + serverless + " is serverless); remove dataCapture or use instances");
    }
  }
}
