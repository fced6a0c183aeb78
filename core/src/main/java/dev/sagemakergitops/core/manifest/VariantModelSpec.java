package dev.sagemakergitops.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A production variant's own model, {@code spec.endpoint.variants[].model}: what it changes of
 * {@code spec.model} for that variant (an A/B test of two model versions). The execution role and
 * the mode stay {@code spec.model}'s.
 *
 * @param modelPackage the approved model package version the variant serves
 * @param image the variant's serving image (usually a tag, pinned to its digest like
 *     {@code spec.image}), or {@code null} for {@code spec.image}
 * @param environment environment variables merged over {@code spec.model.environment}, key by key
 *     (a key here wins); empty for none
 */
public record VariantModelSpec(ModelPackageReference modelPackage, ImageReference image,
    Map<String, String> environment) {

  public VariantModelSpec {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /**
   * The images variants' own models name, by field path ({@code spec.endpoint.variants[1].model.image}),
   * in variant order; empty for {@code null}.
   */
  public static Map<String, ImageReference> imagesByField(EndpointSpec endpoint) {
    Map<String, ImageReference> out = new LinkedHashMap<>();
    if (endpoint != null) {
      for (int i = 0; i < endpoint.variants().size(); i++) {
        VariantModelSpec own = endpoint.variants().get(i).model();
        if (own != null && own.image() != null) {
          out.put("spec.endpoint.variants[" + i + "].model.image", own.image());
        }
      }
    }
    return out;
  }

  /** The environment the variant runs: {@code base} with this one's variables set over it. */
  public Map<String, String> environmentOver(Map<String, String> base) {
    Map<String, String> merged = new LinkedHashMap<>(base);
    merged.putAll(environment);
    return merged;
  }
}
