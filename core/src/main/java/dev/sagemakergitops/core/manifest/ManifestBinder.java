package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.*;

import dev.sagemakergitops.core.manifest.EndpointSpec.Autoscaling;
import dev.sagemakergitops.core.manifest.EndpointSpec.DataCapture;
import dev.sagemakergitops.core.manifest.EndpointSpec.Deployment;
import dev.sagemakergitops.core.manifest.EndpointSpec.Serverless;
import dev.sagemakergitops.core.manifest.EndpointSpec.Strategy;
import dev.sagemakergitops.core.manifest.EndpointSpec.Variant;
import dev.sagemakergitops.core.manifest.RegistrySpec.ApprovalStatus;
import dev.sagemakergitops.core.manifest.ShadowTestSpec.OnPass;
import dev.sagemakergitops.core.manifest.TrainingSpec.NetworkSpec;
import dev.sagemakergitops.core.manifest.TrainingSpec.TrainingInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Binds a composed manifest tree to {@link ModelManifest}, checking each field and the rules that
 * tie fields together (SageMaker's limits and its deployment guardrail exclusions). Collects every
 * problem; returns {@code null} when there was any.
 */
final class ManifestBinder {
  static final List<String> TOP_KEYS = List.of("apiVersion", "kind", "metadata", "spec");
  static final List<String> METADATA_KEYS = List.of("name", "labels");
  static final List<String> SPEC_KEYS =
      List.of("region", "image", "training", "registry", "model", "endpoint", "shadowTest", "batchTransforms");
  static final List<String> TRAINING_KEYS = List.of("image", "roleArn", "instanceType", "instanceCount",
      "volumeSizeGb", "maxRuntime", "inputs", "outputS3Uri", "hyperparameters", "network");
  static final List<String> INPUT_KEYS = List.of("s3Uri", "contentType");
  static final List<String> NETWORK_KEYS = List.of("subnets", "securityGroups", "encryptInterContainerTraffic");
  static final List<String> REGISTRY_KEYS = List.of("group", "approval", "metrics");
  static final List<String> MODEL_KEYS = List.of("package", "executionRoleArn", "environment", "mode");
  static final List<String> ENDPOINT_KEYS = List.of("name", "variants", "autoscaling", "dataCapture", "deployment");
  static final List<String> VARIANT_KEYS = List.of("name", "instanceType", "instanceCount", "weight", "serverless");
  static final List<String> SERVERLESS_KEYS = List.of("memorySizeMb", "maxConcurrency");
  static final List<String> AUTOSCALING_KEYS =
      List.of("minCapacity", "maxCapacity", "maxRps", "safetyFactor", "scaleInCooldown", "scaleOutCooldown");
  static final List<String> DATA_CAPTURE_KEYS = List.of("s3Uri", "samplingPercent", "captureMode");
  static final List<String> DEPLOYMENT_KEYS = List.of("strategy", "canarySize", "linearStep", "batchSize",
      "rollbackBatchSize", "bake", "terminationWait", "timeout", "rollbackAlarms");
  static final List<String> SHADOW_KEYS =
      List.of("samplingPercent", "duration", "compare", "onPass", "instanceType", "instanceCount");
  static final List<String> COMPARE_KEYS = List.of("maxLatencyIncreasePercent", "maxErrorRatePercent");
  static final List<String> TRANSFORM_KEYS = List.of("input", "output", "instanceType", "instanceCount",
      "batchStrategy", "maxPayloadMb", "maxConcurrentTransforms", "inputFilter", "joinSource", "outputFilter");
  static final List<String> TRANSFORM_INPUT_KEYS = List.of("s3Uri", "contentType", "splitType", "compression");
  static final List<String> TRANSFORM_OUTPUT_KEYS = List.of("s3Uri", "accept", "assembleWith");

  /**
   * The least time a fleet (or a rolling batch) takes to launch: SageMaker documents none, instances
   * usually take 3 to 10 minutes, so a timeout that leaves less than this per launch cannot succeed.
   */
  static final Duration LAUNCH_ALLOWANCE = Duration.ofMinutes(5);

  private static final Pattern PACKAGE = Pattern.compile("([^/]+)/(\\d{1,9})");
  private static final List<String> DATA_PROCESSING_TYPES = List.of("text/csv", "application/json", "application/jsonlines");

  private final ProblemCollector problems;
  private final ManifestSource source;

  ManifestBinder(ProblemCollector problems, ManifestSource source) {
    this.problems = problems;
    this.source = source;
  }

  ModelManifest bind(Node root) {
    YamlMapping top = YamlMapping.read(problems, "", root, TOP_KEYS);
    String apiVersion = top.text("apiVersion", true, "'" + ModelManifest.API_VERSION + "'");
    if (apiVersion != null && !apiVersion.equals(ModelManifest.API_VERSION)) {
      top.problem("apiVersion", "expected '" + ModelManifest.API_VERSION + "', got '" + apiVersion
          + "'; this version of sagemaker-gitops reads " + ModelManifest.API_VERSION + " manifests only");
    }
    String kind = top.text("kind", true, "'" + ModelManifest.KIND + "'");
    if (kind != null && !kind.equals(ModelManifest.KIND)) {
      top.problem("kind", "expected '" + ModelManifest.KIND + "', got '" + kind + "'"
          + DidYouMean.hint(kind, List.of(ModelManifest.KIND)));
    }
    Metadata metadata = metadata(top.mapping("metadata", true, METADATA_KEYS));
    YamlMapping specNode = top.mapping("spec", true, SPEC_KEYS);
    Spec spec = specNode == null ? null : spec(specNode);
    if (!problems.isEmpty() || metadata == null || spec == null) {
      return null;
    }
    return new ModelManifest(source, apiVersion, kind, metadata, spec);
  }

  private Metadata metadata(YamlMapping node) {
    if (node == null) {
      return null;
    }
    String name = node.text("name", true, "a name of letters, digits and hyphens, starting and ending with a"
        + " letter or digit, at most " + MANIFEST_NAME_MAX + " characters");
    if (name != null && name.length() > MANIFEST_NAME_MAX) {
      node.problem("name", "expected at most " + MANIFEST_NAME_MAX + " characters, got " + name.length() + " in '" + name
          + "'; resource names derived from it append '-<12-character hash>' and must still fit SageMaker's 63");
      name = null;
    } else if (name != null && !MANIFEST_NAME.matcher(name).matches()) {
      node.problem("name", "expected a name of letters, digits and hyphens, starting and ending with a letter or"
          + " digit (it becomes part of SageMaker resource names), got '" + name + "'");
      name = null;
    }
    Map<String, String> labels = node.textMap("labels", Integer.MAX_VALUE, TAG_TEXT, 128, 256,
        "letters, digits, spaces and _ . : / = + - @");
    if (labels.size() > LABELS_MAX) {
      node.problem("labels", "expected at most " + LABELS_MAX + " labels, got " + labels.size() + ": labels become tags,"
          + " SageMaker allows " + TAGS_PER_RESOURCE_MAX + " tags per resource, and sagemaker-gitops writes up to "
          + TOOL_TAGS + " of its own (lineage, intent) on the endpoint and its configuration. Remove "
          + (labels.size() - LABELS_MAX) + " label(s)");
    }
    for (String key : labels.keySet()) {
      if (key.startsWith("aws:") || key.startsWith("sagemaker-gitops:")) {
        node.entryProblem("labels", key, "the label '" + key + "' uses a reserved prefix (aws: or sagemaker-gitops:);"
            + " rename it");
      }
    }
    return name == null ? null : new Metadata(name, labels);
  }

  private Spec spec(YamlMapping spec) {
    String region = spec.matching("region", false, REGION, 32, "an AWS region such as us-east-1");
    ImageReference image = image(spec, "image", true);
    if (image != null && region != null && !image.region().equals(region)) {
      spec.problem("image", "the image lives in ECR in " + image.region() + " but spec.region is " + region
          + "; SageMaker pulls images from its own region. Replicate the image to " + region
          + " (ECR replication) and use that registry");
    }
    TrainingSpec training = training(spec.mapping("training", false, TRAINING_KEYS), region);
    RegistrySpec registry = registry(spec.mapping("registry", false, REGISTRY_KEYS));
    YamlMapping modelNode = spec.mapping("model", false, MODEL_KEYS);
    ModelSpec model = model(modelNode);
    EndpointSpec endpoint = endpoint(spec.mapping("endpoint", false, ENDPOINT_KEYS));
    ShadowTestSpec shadow = shadowTest(spec.mapping("shadowTest", false, SHADOW_KEYS));
    Map<String, BatchTransformSpec> transforms = batchTransforms(spec);

    if (registry != null && model != null && model.modelPackage() != null
        && !registry.group().equals(model.modelPackage().group())) {
      modelNode.problem("package", "spec.model.package names group '" + model.modelPackage().group()
          + "' but spec.registry.group is '" + registry.group() + "'; a manifest deploys what it registers. Make them"
          + " the same group");
    }
    for (String section : List.of("endpoint", "shadowTest", "batchTransforms")) {
      if (spec.has(section) && !spec.has("model")) {
        spec.problem(section, "needs spec.model (the model package to serve); add a model section with package and"
            + " executionRoleArn");
      }
    }
    if (spec.has("shadowTest") && !spec.has("endpoint")) {
      spec.problem("shadowTest", "needs spec.endpoint: a shadow test runs against the live endpoint");
    }
    if (shadow != null && endpoint != null) {
      checkShadowTestExclusions(spec, endpoint, model);
    }
    return new Spec(region, image, training, registry, model, endpoint, shadow, transforms);
  }

  private ImageReference image(YamlMapping node, String key, boolean required) {
    String text = node.text(key, required,
        "an ECR image such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2 or ...@sha256:<digest>");
    if (text == null) {
      return null;
    }
    try {
      return ImageReference.parse(text.trim());
    } catch (IllegalArgumentException e) {
      node.problem(key, e.getMessage());
      return null;
    }
  }

  private TrainingSpec training(YamlMapping node, String region) {
    if (node == null) {
      return null;
    }
    ImageReference image = image(node, "image", false);
    if (image != null && region != null && !image.region().equals(region)) {
      node.problem("image", "the training image lives in ECR in " + image.region() + " but spec.region is " + region
          + "; replicate it to " + region);
    }
    String role = node.matching("roleArn", true, ROLE_ARN, ROLE_ARN_MAX, "an IAM role ARN such as "
        + "arn:aws:iam::123456789012:role/sm-training");
    String instanceType = instanceType(node, "instanceType", true, InstanceTypes.Use.TRAINING);
    Integer count = node.integer("instanceCount", false, 1, 100);
    Integer volume = node.integer("volumeSizeGb", false, 1, 16_384);
    Duration maxRuntime = node.duration("maxRuntime", false, Duration.ofSeconds(1), TRAINING_RUNTIME_MAX);
    Map<String, TrainingInput> inputs = new LinkedHashMap<>();
    Map<String, Node> rawInputs = node.namedEntries("inputs", false, "S3 URIs or {s3Uri, contentType}");
    if (rawInputs != null) {
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
        TrainingInput input = trainingInput(entry.getValue(), field);
        if (input != null) {
          inputs.put(entry.getKey(), input);
        }
      }
    }
    String output = s3Uri(node, "outputS3Uri", true);
    Map<String, String> hyperparameters = hyperparameters(node);
    NetworkSpec network = network(node.mapping("network", false, NETWORK_KEYS));
    if (role == null || instanceType == null || output == null) {
      return null;
    }
    return new TrainingSpec(image, role, instanceType, count == null ? 1 : count, volume == null ? 30 : volume,
        maxRuntime == null ? Duration.ofDays(1) : maxRuntime, inputs, output, hyperparameters, network);
  }

  private TrainingInput trainingInput(Node value, String field) {
    if (value instanceof ScalarNode) {
      String uri = YamlMapping.scalarText(problems, field, value, "an S3 URI such as s3://bucket/prefix/");
      if (uri == null) {
        return null;
      }
      if (uri.length() > S3_URI_MAX || !S3_URI.matcher(uri).matches()) {
        problems.add(value, field, "expected an S3 URI such as s3://bucket/prefix/, got '" + uri + "'");
        return null;
      }
      return new TrainingInput(uri, null);
    }
    int dot = field.lastIndexOf('.');
    YamlMapping input = YamlMapping.read(problems, field.substring(0, dot) + "." + field.substring(dot + 1), value,
        INPUT_KEYS);
    String uri = s3Uri(input, "s3Uri", true);
    String contentType = contentType(input, "contentType");
    return uri == null ? null : new TrainingInput(uri, contentType);
  }

  private Map<String, String> hyperparameters(YamlMapping node) {
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
      if (!(entry.getValue() instanceof ScalarNode scalar) || YamlMapping.isNull(entry.getValue())) {
        problems.add(entry.getValue(), field, "expected a single value (text or number), got "
            + YamlMapping.describe(entry.getValue()) + "; SageMaker passes hyperparameters as strings");
        continue;
      }
      // SageMaker's HyperParameterKey is at most 256 characters, HyperParameterValue at most 2500.
      if (entry.getKey().length() > 256 || scalar.getValue().length() > 2500) {
        problems.add(entry.getValue(), field, "expected a name of at most 256 and a value of at most 2500 characters");
        continue;
      }
      out.put(entry.getKey(), scalar.getValue());
    }
    return out;
  }

  private NetworkSpec network(YamlMapping node) {
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

  private RegistrySpec registry(YamlMapping node) {
    if (node == null) {
      return null;
    }
    String group = node.matching("group", true, ENTITY_NAME, ENTITY_NAME_MAX, "a model package group name of"
        + " letters, digits and hyphens (at most 63 characters)");
    String approval = node.oneOf("approval", false, List.of("PendingManualApproval", "Approved"));
    String metrics = s3Uri(node, "metrics", false);
    if (group == null) {
      return null;
    }
    ApprovalStatus status = "Approved".equals(approval) ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING_MANUAL_APPROVAL;
    return new RegistrySpec(group, status, metrics);
  }

  private ModelSpec model(YamlMapping node) {
    if (node == null) {
      return null;
    }
    ModelPackageReference modelPackage = null;
    String text = node.text("package", true, "a model package version written group/version, such as churn/7");
    if (text != null) {
      Matcher match = PACKAGE.matcher(text.trim());
      if (!match.matches()) {
        node.problem("package", "expected a model package version written group/version, such as churn/7, got '"
            + text + "'");
      } else if (match.group(1).length() > ENTITY_NAME_MAX || !ENTITY_NAME.matcher(match.group(1)).matches()) {
        node.problem("package", "expected the group '" + match.group(1) + "' to be a model package group name of"
            + " letters, digits and hyphens (at most 63 characters)");
      } else if (Integer.parseInt(match.group(2)) < 1) {
        node.problem("package", "model package versions start at 1, got " + match.group(2));
      } else {
        modelPackage = new ModelPackageReference(match.group(1), Integer.parseInt(match.group(2)));
      }
    }
    String role = node.matching("executionRoleArn", true, ROLE_ARN, ROLE_ARN_MAX, "an IAM role ARN such as "
        + "arn:aws:iam::123456789012:role/sm-execution");
    Map<String, String> environment = node.textMap("environment", 100, ENVIRONMENT_KEY, 1024, 1024,
        "an environment variable name (letters, digits, _; not starting with a digit)");
    int environmentBytes = environment.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
    if (environmentBytes > 32 * 1024) {
      node.problem("environment", "expected at most 32 KiB of environment variables in all, got " + environmentBytes
          + " bytes");
    }
    String mode = node.oneOf("mode", false, List.of("SingleModel", "MultiModel"));
    if (modelPackage == null || role == null) {
      return null;
    }
    return new ModelSpec(modelPackage, role, environment,
        "MultiModel".equals(mode) ? ModelSpec.Mode.MULTI_MODEL : ModelSpec.Mode.SINGLE_MODEL);
  }

  private EndpointSpec endpoint(YamlMapping node) {
    if (node == null) {
      return null;
    }
    String name = node.matching("name", true, ENTITY_NAME, ENTITY_NAME_MAX,
        "an endpoint name of letters, digits and hyphens, starting and ending with a letter or digit");
    List<Node> items = node.sequence("variants", true, 1, 10, "production variants");
    List<Variant> variants = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        YamlMapping item = YamlMapping.read(problems, node.path("variants") + "[" + i + "]", items.get(i), VARIANT_KEYS);
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
    }
    Autoscaling autoscaling = autoscaling(node.mapping("autoscaling", false, AUTOSCALING_KEYS));
    DataCapture capture = dataCapture(node.mapping("dataCapture", false, DATA_CAPTURE_KEYS));
    YamlMapping deploymentNode = node.mapping("deployment", false, DEPLOYMENT_KEYS);
    Deployment deployment = deploymentNode == null ? Deployment.allAtOnce()
        : deployment(deploymentNode, variants, items == null ? variants.size() : items.size());
    checkServerlessExclusions(node, variants, capture);
    if (autoscaling != null) {
      for (int i = 0; i < variants.size(); i++) {
        Variant variant = variants.get(i);
        if (variant.serverless() != null) {
          node.problem("autoscaling", "instance autoscaling does not apply to the serverless variant '"
              + variant.name() + "'; remove autoscaling or use instances");
        } else if (variant.instanceCount() < autoscaling.minCapacity()
            || variant.instanceCount() > autoscaling.maxCapacity()) {
          node.problem("autoscaling", "variant '" + variant.name() + "' starts with " + variant.instanceCount()
              + " instances, outside autoscaling's " + autoscaling.minCapacity() + " to " + autoscaling.maxCapacity()
              + "; make instanceCount fit between minCapacity and maxCapacity");
        }
      }
    }
    if (name == null || items == null || variants.size() != items.size() || deployment == null
        || (node.has("autoscaling") && autoscaling == null) || (node.has("dataCapture") && capture == null)) {
      return null;
    }
    return new EndpointSpec(name, variants, autoscaling, capture, deployment);
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

  private Variant variant(YamlMapping node) {
    String name = node.matching("name", true, ENTITY_NAME, ENTITY_NAME_MAX, "a variant name of letters, digits and"
        + " hyphens, such as AllTraffic");
    Double weight = node.number("weight", false, 0, 1_000_000);
    if (node.has("serverless")) {
      if (node.has("instanceType") || node.has("instanceCount")) {
        node.problem("serverless", "a variant is either serverless or instance-backed; remove instanceType and"
            + " instanceCount, or remove serverless");
        return null;
      }
      YamlMapping serverless = node.mapping("serverless", true, SERVERLESS_KEYS);
      Integer memory = serverless.integer("memorySizeMb", true, 1024, 6144);
      if (memory != null && memory % 1024 != 0) {
        serverless.problem("memorySizeMb", "expected 1024, 2048, 3072, 4096, 5120 or 6144, got " + memory);
        memory = null;
      }
      Integer concurrency = serverless.integer("maxConcurrency", true, 1, 200);
      if (name == null || memory == null || concurrency == null) {
        return null;
      }
      return new Variant(name, null, 0, weight == null ? 1.0 : weight, new Serverless(memory, concurrency));
    }
    String instanceType = instanceType(node, "instanceType", true, InstanceTypes.Use.HOSTING);
    Integer count = node.integer("instanceCount", true, 1, 1000);
    if (name == null || instanceType == null || count == null) {
      return null;
    }
    return new Variant(name, instanceType, count, weight == null ? 1.0 : weight, null);
  }

  private Autoscaling autoscaling(YamlMapping node) {
    if (node == null) {
      return null;
    }
    // SageMaker's guide asks for at least one instance; App Auto Scaling allows 0 only for other resources.
    Integer min = node.integer("minCapacity", true, 1, 1000);
    Integer max = node.integer("maxCapacity", true, 1, 1000);
    Double maxRps = node.number("maxRps", true, 0.001, 1_000_000);
    Double safety = node.number("safetyFactor", false, 0.01, 1.0);
    Duration scaleIn = node.duration("scaleInCooldown", false, Duration.ZERO, Duration.ofDays(1));
    Duration scaleOut = node.duration("scaleOutCooldown", false, Duration.ZERO, Duration.ofDays(1));
    if (min != null && max != null && max < min) {
      node.problem("maxCapacity", "expected maxCapacity (" + max + ") to be at least minCapacity (" + min + ")");
      return null;
    }
    if (min == null || max == null || maxRps == null) {
      return null;
    }
    return new Autoscaling(min, max, maxRps, safety == null ? 0.5 : safety,
        scaleIn == null ? Duration.ofSeconds(300) : scaleIn, scaleOut == null ? Duration.ofSeconds(300) : scaleOut);
  }

  private DataCapture dataCapture(YamlMapping node) {
    if (node == null) {
      return null;
    }
    // DataCaptureConfig.DestinationS3Uri is at most 512 characters, half of other S3 URIs.
    String uri = node.matching("s3Uri", true, S3_URI, 512, "an S3 URI such as s3://bucket/prefix/");
    Integer sampling = node.percent("samplingPercent", true, 0, 100);
    String mode = node.oneOf("captureMode", false, List.of("InputAndOutput", "Input", "Output"));
    if (uri == null || sampling == null) {
      return null;
    }
    return new DataCapture(uri, sampling, mode == null ? "InputAndOutput" : mode);
  }

  private Deployment deployment(YamlMapping node, List<Variant> variants, int variantCount) {
    String strategyName = node.oneOf("strategy", false, List.of("allAtOnce", "canary", "linear", "rolling"));
    Strategy strategy = Strategy.ALL_AT_ONCE;
    for (Strategy candidate : Strategy.values()) {
      if (candidate.manifestName().equals(strategyName)) {
        strategy = candidate;
      }
    }
    CapacitySize canary = node.capacity("canarySize", strategy == Strategy.CANARY);
    CapacitySize linear = node.capacity("linearStep", strategy == Strategy.LINEAR);
    CapacitySize batch = node.capacity("batchSize", strategy == Strategy.ROLLING);
    CapacitySize rollbackBatch = node.capacity("rollbackBatchSize", false);
    Duration bake = node.duration("bake", false, Duration.ZERO, BAKE_MAX);
    Duration termination = node.duration("terminationWait", false, Duration.ZERO, TERMINATION_WAIT_MAX);
    Duration timeout = node.duration("timeout", false, DEPLOYMENT_TIMEOUT_MIN, DEPLOYMENT_TIMEOUT_MAX);
    List<String> alarms = node.texts("rollbackAlarms", false, 1, 10, ALARM_NAME, 255, "CloudWatch alarm names");
    if (strategyName == null && node.has("strategy")) {
      return null;
    }
    if (strategy != Strategy.CANARY && node.has("canarySize")) {
      node.problem("canarySize", "canarySize applies to strategy canary only, not " + strategy.manifestName()
          + "; remove it or set strategy: canary");
    }
    if (strategy != Strategy.LINEAR && node.has("linearStep")) {
      node.problem("linearStep", "linearStep applies to strategy linear only, not " + strategy.manifestName()
          + "; remove it or set strategy: linear");
    }
    if (strategy != Strategy.ROLLING && (node.has("batchSize") || node.has("rollbackBatchSize"))) {
      node.problem(node.has("batchSize") ? "batchSize" : "rollbackBatchSize", "batchSize and rollbackBatchSize apply"
          + " to strategy rolling only, not " + strategy.manifestName() + "; remove them or set strategy: rolling");
    }
    if (strategy == Strategy.ROLLING && node.has("terminationWait")) {
      node.problem("terminationWait", "rolling updates have no termination wait (it belongs to blue/green"
          + " strategies); remove it");
    }
    List<Variant> instanceVariants = variants.stream().filter(v -> v.serverless() == null).toList();
    int smallestFleet = instanceVariants.stream().mapToInt(Variant::instanceCount).min().orElse(0);
    boolean serverless = variants.stream().anyMatch(v -> v.serverless() != null);
    // SageMaker applies the sizes to each variant's own instance count ("10-50% of the variant's
    // total instance count", botocore TrafficRoutingConfig.LinearStepSize), so every variant is
    // checked. A variant with its own problem is missing from the list, so nothing is lost.
    if (canary != null) {
      checkShare(node, "canarySize", canary, instanceVariants, serverless, 1, 50, "a canary of at most 50% of the"
          + " fleet");
    }
    if (linear != null) {
      checkShare(node, "linearStep", linear, instanceVariants, serverless, 10, 50, "linear steps of 10% to 50% of"
          + " the fleet");
    }
    if (batch != null) {
      checkShare(node, "batchSize", batch, instanceVariants, serverless, 5, 50, "rolling batches of 5% to 50% of"
          + " the fleet");
    }
    if (strategy == Strategy.ROLLING) {
      if (variantCount > 1) {
        node.problem("strategy", "rolling updates exclude endpoints with more than one variant (this one has "
            + variantCount + "); use canary or linear");
      }
      if (serverless) {
        node.problem("strategy", "rolling updates exclude serverless endpoints; use allAtOnce, canary or linear");
      }
    }
    for (Variant variant : instanceVariants) {
      // Inf1 endpoints cannot use guardrails: SageMaker falls back to all-at-once with no bake.
      if (variant.instanceType().startsWith("ml.inf1.") && (strategy != Strategy.ALL_AT_ONCE
          || (bake != null && !bake.isZero()) || (termination != null && !termination.isZero()) || alarms != null)) {
        node.problem("strategy", "variant '" + variant.name() + "' runs on " + variant.instanceType()
            + ": Inf1 endpoints cannot use deployment guardrails (SageMaker deploys them all at once, with no bake"
            + " or alarms). Use strategy allAtOnce without bake, terminationWait and rollbackAlarms, or another"
            + " instance type");
        break;
      }
    }
    Duration effectiveBake = bake == null ? Duration.ZERO : bake;
    Duration effectiveTermination = termination == null ? Duration.ZERO : termination;
    if (alarms != null && !alarms.isEmpty() && effectiveBake.isZero() && effectiveTermination.isZero()) {
      // SageMaker reads the alarms during its baking periods only (Developer Guide,
      // deployment-guardrails-configuration): with no bake and no termination wait there is none.
      node.problem("rollbackAlarms", "rollback alarms are read only while SageMaker bakes (bake"
          + (strategy == Strategy.ROLLING ? "" : " and terminationWait") + "), and this deployment has no bake, so"
          + " no alarm could ever roll it back; set bake (for example 10m)"
          + (strategy == Strategy.ROLLING ? "" : " or terminationWait") + ", or remove rollbackAlarms");
    }
    if (timeout != null) {
      long steps = switch (strategy) {
        case ALL_AT_ONCE -> 1;
        case CANARY -> 2;
        case LINEAR -> linear == null ? 1 : (long) Math.ceil(1.0 / Math.max(0.01, linear.fractionOf(Math.max(1, smallestFleet))));
        case ROLLING -> batch == null ? 1 : (long) Math.ceil(1.0 / Math.max(0.01, batch.fractionOf(Math.max(1, smallestFleet))));
      };
      // The timeout covers the whole deployment (botocore RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds:
      // "The time limit for the total deployment"): the new fleet's launch (blue/green), or every
      // batch's launch (rolling), as well as the bakes.
      long launches = strategy == Strategy.ROLLING ? steps : 1;
      Duration waits = effectiveBake.multipliedBy(steps).plus(effectiveTermination);
      Duration needed = waits.plus(LAUNCH_ALLOWANCE.multipliedBy(launches));
      if (timeout.compareTo(waits) <= 0) {
        node.problem("timeout", "the timeout " + Durations.format(timeout) + " does not exceed the deployment's own"
            + " waits (" + steps + " bake(s) of " + Durations.format(effectiveBake) + " plus terminationWait "
            + Durations.format(effectiveTermination) + " = " + Durations.format(waits) + "), so every deployment"
            + " would time out; raise timeout or shorten the bakes");
      } else if (timeout.compareTo(needed) < 0) {
        node.problem("timeout", "the timeout " + Durations.format(timeout) + " must also cover "
            + (launches == 1 ? "the new fleet's launch" : "the launch of each of the " + launches + " batches")
            + " (at least " + Durations.format(LAUNCH_ALLOWANCE) + " each; instances usually take 3 to 10 minutes)"
            + " besides the waits of " + Durations.format(waits) + ": at least " + Durations.format(needed)
            + ", or SageMaker rolls back every deployment when the time runs out; raise timeout");
      }
    }
    if (strategy == Strategy.CANARY && canary == null || strategy == Strategy.LINEAR && linear == null
        || strategy == Strategy.ROLLING && batch == null || (node.has("bake") && bake == null)
        || (node.has("terminationWait") && termination == null) || (node.has("timeout") && timeout == null)
        || (node.has("rollbackAlarms") && alarms == null) || (node.has("rollbackBatchSize") && rollbackBatch == null)) {
      return null;
    }
    return new Deployment(strategy,
        strategy == Strategy.CANARY ? canary : null,
        strategy == Strategy.LINEAR ? linear : null,
        strategy == Strategy.ROLLING ? batch : null,
        strategy == Strategy.ROLLING ? rollbackBatch : null,
        effectiveBake, effectiveTermination, timeout, alarms == null ? List.of() : alarms);
  }

  /** Checks a share of each variant's fleet against SageMaker's range. */
  private static void checkShare(YamlMapping node, String key, CapacitySize size, List<Variant> instanceVariants,
      boolean serverless, int minPercent, int maxPercent, String rule) {
    if (size.type() == CapacitySize.Type.CAPACITY_PERCENT) {
      if (size.value() < minPercent || size.value() > maxPercent) {
        node.problem(key, "SageMaker allows " + rule + ", got " + size.value() + "%");
      }
      return;
    }
    if (serverless) {
      node.problem(key, "a serverless endpoint has no instances to count; give a percentage such as " + maxPercent + "%");
      return;
    }
    for (Variant variant : instanceVariants) {
      int fleet = variant.instanceCount();
      double percent = 100.0 * size.value() / fleet;
      if (percent < minPercent || percent > maxPercent) {
        node.problem(key, "SageMaker allows " + rule + "; " + size + " of variant '" + variant.name() + "' ("
            + fleet + " instance" + (fleet == 1 ? "" : "s") + ") is " + Math.round(percent)
            + "%. Change the size or the variant's instanceCount");
        return;
      }
    }
  }

  private ShadowTestSpec shadowTest(YamlMapping node) {
    if (node == null) {
      return null;
    }
    Integer sampling = node.percent("samplingPercent", true, 1, 100);
    Duration duration = node.duration("duration", false, SHADOW_TEST_MIN, SHADOW_TEST_MAX);
    YamlMapping compare = node.mapping("compare", false, COMPARE_KEYS);
    Double latency = compare == null ? null : compare.number("maxLatencyIncreasePercent", false, 0, 10_000);
    Double errors = compare == null ? null : compare.number("maxErrorRatePercent", false, 0, 100);
    String onPass = node.oneOf("onPass", false, List.of("promote", "retain", "remove"));
    String instanceType = instanceType(node, "instanceType", false, InstanceTypes.Use.HOSTING);
    Integer count = node.integer("instanceCount", false, 1, 1000);
    if (sampling == null || (node.has("duration") && duration == null) || (node.has("onPass") && onPass == null)
        || (compare != null && (compare.has("maxLatencyIncreasePercent") && latency == null
            || compare.has("maxErrorRatePercent") && errors == null))
        || (node.has("instanceType") && instanceType == null) || (node.has("instanceCount") && count == null)) {
      return null;
    }
    OnPass action = OnPass.PROMOTE;
    for (OnPass candidate : OnPass.values()) {
      if (candidate.manifestName().equals(onPass)) {
        action = candidate;
      }
    }
    return new ShadowTestSpec(sampling, duration == null ? SHADOW_TEST_MIN : duration, latency == null ? 10 : latency,
        errors == null ? 1 : errors, action, instanceType, count == null ? 0 : count);
  }

  private void checkShadowTestExclusions(YamlMapping spec, EndpointSpec endpoint, ModelSpec model) {
    if (endpoint.variants().size() != 1) {
      spec.problem("shadowTest", "a shadow test needs an endpoint with exactly one production variant (this one has "
          + endpoint.variants().size() + "); remove the shadow test or the extra variants");
    }
    if (endpoint.isServerless()) {
      spec.problem("shadowTest", "shadow tests exclude serverless endpoints; remove the shadow test or use instances");
    }
    if (model != null && model.mode() == ModelSpec.Mode.MULTI_MODEL) {
      spec.problem("shadowTest", "shadow tests exclude multi-model endpoints; remove the shadow test or use"
          + " mode SingleModel");
    }
    for (Variant variant : endpoint.variants()) {
      if (variant.instanceType() != null && variant.instanceType().startsWith("ml.inf1.")) {
        spec.problem("shadowTest", "shadow tests exclude Inf1 instances (variant '" + variant.name() + "' runs on "
            + variant.instanceType() + ")");
      }
    }
  }

  private Map<String, BatchTransformSpec> batchTransforms(YamlMapping spec) {
    Map<String, BatchTransformSpec> out = new LinkedHashMap<>();
    Map<String, Node> raw = spec.namedEntries("batchTransforms", false, "batch transform settings");
    if (raw == null) {
      return out;
    }
    for (var entry : raw.entrySet()) {
      String name = entry.getKey();
      String field = spec.path("batchTransforms") + "." + name;
      if (name.length() > TRANSFORM_NAME_MAX || !ENTITY_NAME.matcher(name).matches()) {
        spec.entryProblem("batchTransforms", name, "expected a transform name of letters, digits and hyphens, at"
            + " most " + TRANSFORM_NAME_MAX + " characters (it becomes part of the job name), got '" + name + "'");
        continue;
      }
      BatchTransformSpec transform = batchTransform(name, YamlMapping.read(problems, field, entry.getValue(),
          TRANSFORM_KEYS));
      if (transform != null) {
        out.put(name, transform);
      }
    }
    return out;
  }

  private BatchTransformSpec batchTransform(String name, YamlMapping node) {
    YamlMapping input = node.mapping("input", true, TRANSFORM_INPUT_KEYS);
    YamlMapping output = node.mapping("output", true, TRANSFORM_OUTPUT_KEYS);
    String inputUri = input == null ? null : s3Uri(input, "s3Uri", true);
    String contentType = input == null ? null : contentType(input, "contentType");
    String splitType = input == null ? null : input.oneOf("splitType", false, List.of("None", "Line", "RecordIO", "TFRecord"));
    String compression = input == null ? null : input.oneOf("compression", false, List.of("None", "Gzip"));
    String outputUri = output == null ? null : s3Uri(output, "s3Uri", true);
    String accept = output == null ? null : contentType(output, "accept");
    String assembleWith = output == null ? null : output.oneOf("assembleWith", false, List.of("None", "Line"));
    String instanceType = instanceType(node, "instanceType", true, InstanceTypes.Use.TRANSFORM);
    Integer count = node.integer("instanceCount", false, 1, 100);
    String strategy = node.oneOf("batchStrategy", false, List.of("MultiRecord", "SingleRecord"));
    Integer payload = node.integer("maxPayloadMb", false, 0, 100);
    Integer concurrent = node.integer("maxConcurrentTransforms", false, 1, 100);
    String inputFilter = node.matching("inputFilter", false, JSON_PATH, 63, "a JSONPath starting with $, such as $[1:]");
    String joinSource = node.oneOf("joinSource", false, List.of("Input", "None"));
    String outputFilter = node.matching("outputFilter", false, JSON_PATH, 63, "a JSONPath starting with $, such as"
        + " $[0,-1]");
    String split = splitType == null ? "None" : splitType;
    String assemble = assembleWith == null ? "None" : assembleWith;
    if (strategy != null && split.equals("None")) {
      node.problem("batchStrategy", "batchStrategy needs input.splitType Line, RecordIO or TFRecord (records to"
          + " batch); set splitType or remove batchStrategy");
    }
    // SageMaker checks the product with MaxPayloadInMB's default of 6 when only the concurrency is given.
    if (concurrent != null && (payload == null ? 6 : payload) * concurrent > 100) {
      node.problem(payload == null ? "maxConcurrentTransforms" : "maxPayloadMb", "maxPayloadMb x"
          + " maxConcurrentTransforms must not exceed 100 MB, got " + (payload == null ? "6 (the default)" : payload)
          + " x " + concurrent);
    }
    boolean dataProcessing = inputFilter != null || outputFilter != null || "Input".equals(joinSource);
    if (dataProcessing) {
      for (String[] typed : new String[][] {{"input", contentType}, {"output", accept}}) {
        String type = typed[1];
        if (type != null && !DATA_PROCESSING_TYPES.contains(type.split(";")[0].trim())) {
          node.problem(typed[0], "filters and joins work on text/csv, application/json or application/jsonlines,"
              + " not " + type + "; change the content type or remove inputFilter, joinSource and outputFilter");
        }
      }
      if ("text/csv".equals(contentType) && "text/csv".equals(accept)
          && (!split.equals("Line") || !assemble.equals("Line"))) {
        YamlMapping at = split.equals("Line") ? output : input;
        at.problem(split.equals("Line") ? "assembleWith" : "splitType", "filtering or joining CSV needs"
            + " input.splitType: Line and output.assembleWith: Line, so that each output line matches its input line");
      }
    }
    // Any problem in the file makes bind() return no manifest, so a transform with a bad optional
    // field is never used; only the values a record cannot do without are checked here.
    if (inputUri == null || outputUri == null || instanceType == null) {
      return null;
    }
    return new BatchTransformSpec(name, inputUri, contentType, split, compression == null ? "None" : compression,
        outputUri, accept, assemble, instanceType, count == null ? 1 : count, strategy, payload, concurrent,
        inputFilter, joinSource == null ? "None" : joinSource, outputFilter);
  }

  /** An instance type of the right form that SageMaker accepts for {@code use} (the enums differ per use). */
  private String instanceType(YamlMapping node, String key, boolean required, InstanceTypes.Use use) {
    String type = node.matching(key, required, INSTANCE_TYPE, 64, "a SageMaker instance type such as ml.m5.large");
    if (type != null && !InstanceTypes.shipped().accepts(use, type)) {
      node.problem(key, InstanceTypes.shipped().refusal(use, type));
      return null;
    }
    return type;
  }

  private String s3Uri(YamlMapping node, String key, boolean required) {
    return node.matching(key, required, S3_URI, S3_URI_MAX, "an S3 URI such as s3://bucket/prefix/");
  }

  private String contentType(YamlMapping node, String key) {
    return node.matching(key, false, CONTENT_TYPE, 256, "a MIME type such as text/csv");
  }
}
