package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.REGION;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds a composed manifest tree to {@link ModelManifest}: reads the top level, hands each section
 * to its binder ({@link MetadataBinder}, {@link ImageBinder}, {@link TrainingBinder}, {@link
 * RegistryBinder}, {@link ModelBinder}, {@link EndpointBinder} with its autoscaling, data capture and
 * deployment binders, {@link ShadowTestBinder}, {@link BatchTransformBinder}), then checks the rules
 * that tie sections together. Collects every problem; returns {@code null} when there was any.
 */
final class ManifestBinder {
  private final ProblemCollector problems;
  private final ManifestSource source;

  ManifestBinder(ProblemCollector problems, ManifestSource source) {
    this.problems = problems;
    this.source = source;
  }

  ModelManifest bind(Node root) {
    YamlMapping top = YamlMapping.read(problems, "", root, ManifestKeys.TOP_KEYS);
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
    Metadata metadata = MetadataBinder.bind(top.mapping("metadata", true, ManifestKeys.METADATA_KEYS));
    YamlMapping specNode = top.mapping("spec", true, ManifestKeys.SPEC_KEYS);
    Spec spec = specNode == null ? null : spec(specNode);
    VariantModelBinder.checkTagBudget(specNode, metadata, spec);
    if (!problems.isEmpty() || metadata == null || spec == null) {
      return null;
    }
    return new ModelManifest(source, apiVersion, kind, metadata, spec);
  }

  private static Spec spec(YamlMapping spec) {
    String region = spec.matching("region", false, REGION, 32, "an AWS region such as us-east-1");
    YamlMapping modelNode = spec.mapping("model", false, ManifestKeys.MODEL_KEYS);
    boolean pipeline = modelNode != null && modelNode.has("containers");
    ImageReference image = ImageBinder.bind(spec, region, pipeline);
    TrainingSpec training = TrainingBinder.bind(spec.mapping("training", false, ManifestKeys.TRAINING_KEYS), region);
    RegistrySpec registry = RegistryBinder.bind(spec.mapping("registry", false, ManifestKeys.REGISTRY_KEYS));
    ModelSpec model = ModelBinder.bind(modelNode, region);
    EndpointSpec endpoint = EndpointBinder.bind(spec.mapping("endpoint", false, ManifestKeys.ENDPOINT_KEYS),
        model == null ? null : model.mode() == ModelSpec.Mode.MULTI_MODEL);
    ShadowTestSpec shadow = ShadowTestBinder.bind(spec.mapping("shadowTest", false, ManifestKeys.SHADOW_KEYS));
    Map<String, BatchTransformSpec> transforms = BatchTransformBinder.bind(spec);
    checkAcrossSections(spec, modelNode, registry, model, endpoint, shadow);
    VariantModelBinder.checkAcrossSections(spec, region, endpoint, shadow);
    return new Spec(region, image, training, registry, model, endpoint, shadow, transforms);
  }

  /**
   * The rules between sections: a manifest deploys what it registers, serving sections need a model,
   * and a shadow test needs an endpoint it may run on.
   */
  private static void checkAcrossSections(YamlMapping spec, YamlMapping modelNode, RegistrySpec registry,
      ModelSpec model, EndpointSpec endpoint, ShadowTestSpec shadow) {
    if (modelNode != null && modelNode.has("containers") && spec.has("training")
        && !spec.mapping("training", false, ManifestKeys.TRAINING_KEYS).has("image")) {
      spec.problem("training", "needs spec.training.image: a pipeline has no spec.image for training to default to");
    }
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
      ShadowTestBinder.checkExclusions(spec, endpoint, model);
    }
  }
}
