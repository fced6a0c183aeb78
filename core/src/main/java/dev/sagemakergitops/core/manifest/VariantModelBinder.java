package dev.sagemakergitops.core.manifest;

import java.util.Map;


/**
 * Binds {@code spec.endpoint.variants[].model}, a variant's own model: {@code package} (required),
 * {@code image} and {@code environment} (optional); and the rules it has with other sections.
 */
final class VariantModelBinder {
  private VariantModelBinder() {}

  /** The variant's own model, or {@code null} when absent or when it has a problem (then recorded). */
  static VariantModelSpec bind(YamlMapping node) {
    if (node == null) {
      return null;
    }
    ModelPackageReference modelPackage = node.has("package") ? ModelBinder.modelPackage(node, "package") : null;
    if (!node.has("package")) {
      node.problem("package", "a variant's own model names its model package version, written group/version such"
          + " as churn/8; add package, or remove model to serve spec.model");
    }
    ImageReference image = node.has("image") ? SageMakerFields.image(node, "image", false) : null;
    Map<String, String> environment = ModelBinder.environment(node);
    if (modelPackage == null || (node.has("image") && image == null)) {
      return null;
    }
    return new VariantModelSpec(modelPackage, image, environment);
  }

  /**
   * A variant's image lives in the manifest's region, as {@code spec.image} must; and a shadow test
   * is refused when a variant has its own model: the shadow test compares {@code spec.model} with
   * what the one production variant serves, and promoting it would replace the variant's own model
   * with {@code spec.model}, which the manifest does not say.
   */
  static void checkAcrossSections(YamlMapping spec, String region, EndpointSpec endpoint, ShadowTestSpec shadow) {
    if (endpoint == null) {
      return;
    }
    checkRegionAndShadow(spec, region, endpoint, shadow);
  }

  /**
   * Labels and variant tags share the endpoint's tag budget ({@link
   * dev.sagemakergitops.core.lineage.VariantLineage}): a manifest whose variants have no model of
   * their own keeps the whole budget for labels, as before.
   */
  static void checkTagBudget(YamlMapping spec, Metadata metadata, Spec bound) {
    EndpointSpec endpoint = bound == null ? null : bound.endpoint();
    if (endpoint == null || metadata == null) {
      return;
    }
    long own = endpoint.variants().stream().filter(v -> v.model() != null).count();
    if (own > 0 && metadata.labels().size() + own > SageMakerLimits.LABELS_MAX) {
      spec.problem("endpoint", "each variant with its own model takes one of the endpoint's tags (its lineage), and"
          + " SageMaker allows " + SageMakerLimits.TAGS_PER_RESOURCE_MAX + " per resource: " + own + " such variant(s)"
          + " and " + metadata.labels().size() + " labels are more than the " + SageMakerLimits.LABELS_MAX + " left"
          + " after the tool's own; remove " + (metadata.labels().size() + own - SageMakerLimits.LABELS_MAX)
          + " label(s) from metadata.labels");
    }
  }

  private static void checkRegionAndShadow(YamlMapping spec, String region, EndpointSpec endpoint,
      ShadowTestSpec shadow) {
    for (int i = 0; i < endpoint.variants().size(); i++) {
      VariantModelSpec model = endpoint.variants().get(i).model();
      if (model != null && model.image() != null && region != null && !model.image().region().equals(region)) {
        String field = "endpoint.variants[" + i + "].model.image";
        spec.problems().add(ManifestLocator.find(spec.node(), field).orElse(spec.node()), spec.path(field),
            "the image lives in ECR in " + model.image().region() + " but spec.region is " + region
                + "; SageMaker pulls images from its own region. Replicate the image to " + region
                + " (ECR replication) and use that registry");
      }
    }
    if (shadow != null && endpoint.hasVariantModels()) {
      spec.problem("shadowTest", "a shadow test compares spec.model with the one production variant, but variant "
          + endpoint.variants().stream().filter(v -> v.model() != null).map(EndpointSpec.Variant::name).toList()
          + " has its own model; remove the shadow test, or the variant's model (then it serves spec.model)");
    }
  }
}
