package dev.sagemakergitops.core.operation.model;

import dev.sagemakergitops.core.manifest.EndpointSpec;
import dev.sagemakergitops.core.manifest.ModelManifest;
import dev.sagemakergitops.core.manifest.ModelSpec;
import dev.sagemakergitops.core.manifest.Spec;
import dev.sagemakergitops.core.manifest.VariantModelSpec;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ServingModel} of each production variant: {@code spec.model}'s, or the variant's own
 * ({@code spec.endpoint.variants[].model}) for an A/B test of two model versions.
 *
 * <p>A variant's own model is {@code spec.model} with the variant's package, image (pinned) and
 * environment (merged over {@code spec.model.environment}, key by key) put in, defined by
 * {@link ServingModels} like any other: so its name is the same content hash of the same fields,
 * two variants naming the same package, image and environment share one model, and a variant whose
 * override says nothing new serves {@code spec.model}'s model. A manifest without overrides
 * defines exactly the one model it always did.
 */
public final class VariantServingModels {
  private final OperationContext context;

  public VariantServingModels(OperationContext context) {
    this.context = context;
  }

  /**
   * The model of each variant, by variant name in manifest order; {@code main} (the model of
   * {@code spec.model}) for the variants without their own. Reads one model package version per
   * distinct own model; changes nothing.
   *
   * @throws OperationInputException located at {@code spec.endpoint.variants[i].model.package} when
   *     a variant's package does not exist, is not approved, not completed or has no artifact
   */
  public Map<String, ServingModel> define(ResolvedManifest manifest, ServingModel main) {
    Map<String, ServingModel> byVariant = new LinkedHashMap<>();
    EndpointSpec endpoint = manifest.manifest().spec().endpoint();
    if (endpoint == null) {
      return byVariant;
    }
    Map<ResolvedManifest, ServingModel> defined = new LinkedHashMap<>();
    List<OperationInputException> failures = new ArrayList<>();
    for (int i = 0; i < endpoint.variants().size(); i++) {
      EndpointSpec.Variant variant = endpoint.variants().get(i);
      if (variant.model() == null) {
        byVariant.put(variant.name(), main);
        continue;
      }
      ResolvedManifest own = forVariant(manifest, i);
      try {
        ServingModel model = defined.get(own);
        if (model == null) {
          model = new ServingModels(context).define(own);
          defined.put(own, model);
        }
        byVariant.put(variant.name(), model.name().equals(main.name()) ? main : model);
      } catch (OperationInputException e) {
        String field = "spec.endpoint.variants[" + i + "].model.package";
        failures.add(new OperationInputException(e.problems().stream()
            .map(p -> manifest.problemAt(field, p.message())).toList()));
      }
    }
    if (!failures.isEmpty()) {
      throw new OperationInputException(failures.stream().flatMap(f -> f.problems().stream()).toList());
    }
    return byVariant;
  }

  /** The distinct models of {@code byVariant} other than {@code main}, in variant order. */
  public static List<ServingModel> others(Map<String, ServingModel> byVariant, ServingModel main) {
    Map<String, ServingModel> distinct = new LinkedHashMap<>();
    for (ServingModel model : byVariant.values()) {
      if (!model.name().equals(main.name())) {
        distinct.putIfAbsent(model.name(), model);
      }
    }
    return List.copyOf(distinct.values());
  }

  /** All distinct models: {@code main} first, then {@code others}. */
  public static List<ServingModel> all(ServingModel main, Collection<ServingModel> others) {
    List<ServingModel> out = new ArrayList<>();
    out.add(main);
    others.stream().filter(m -> !m.name().equals(main.name())).forEach(out::add);
    return out;
  }

  /**
   * The manifest as variant {@code index} sees it: {@code spec.model} with the variant's package and
   * merged environment, and {@code spec.image} replaced by the variant's image (pinned) when it names one.
   */
  static ResolvedManifest forVariant(ResolvedManifest manifest, int index) {
    ModelManifest original = manifest.manifest();
    Spec spec = original.spec();
    EndpointSpec.Variant variant = spec.endpoint().variants().get(index);
    VariantModelSpec own = variant.model();
    ModelSpec model = spec.model().withPackageAndEnvironment(own.modelPackage(),
        own.environmentOver(spec.model().environment()));
    Spec variantSpec = new Spec(spec.region(), own.image() != null ? own.image() : spec.image(), spec.training(),
        spec.registry(), model, spec.endpoint(), spec.shadowTest(), spec.batchTransforms());
    ModelManifest variantManifest = new ModelManifest(original.source(), original.apiVersion(), original.kind(),
        original.metadata(), variantSpec);
    return new ResolvedManifest(variantManifest, manifest.origin(),
        manifest.variantImage(variant.name()).orElse(manifest.image()), manifest.trainingImage(), manifest.text(),
        manifest.variantImages());
  }
}
