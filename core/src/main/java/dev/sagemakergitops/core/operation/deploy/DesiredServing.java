package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.model.ServingModels;
import dev.sagemakergitops.core.operation.model.VariantServingModels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a manifest asks its endpoint to serve: {@code spec.model}'s model, each variant's model, and
 * the endpoint configuration made of them. The one way deploy, status and clean-up compute it, so
 * they agree on the names.
 *
 * @param model the model of {@code spec.model}
 * @param byVariant each variant's model, by variant name in manifest order
 * @param config the endpoint configuration
 */
public record DesiredServing(ServingModel model, Map<String, ServingModel> byVariant, EndpointConfigDefinition config) {

  public DesiredServing {
    byVariant = Collections.unmodifiableMap(new LinkedHashMap<>(byVariant));
  }

  /**
   * Reads the model package versions the manifest names (read-only).
   *
   * @throws OperationInputException located at the package field of a version that is missing,
   *     not approved, not completed or without an artifact
   */
  public static DesiredServing of(OperationContext context, ResolvedManifest manifest) {
    ServingModel model = new ServingModels(context).define(manifest);
    Map<String, ServingModel> byVariant = new VariantServingModels(context).define(manifest, model);
    return new DesiredServing(model, byVariant, EndpointConfigDefinition.of(manifest, model, byVariant));
  }

  /** The distinct models of the variants other than {@link #model}. */
  public List<ServingModel> variantModels() {
    return VariantServingModels.others(byVariant, model);
  }
}
