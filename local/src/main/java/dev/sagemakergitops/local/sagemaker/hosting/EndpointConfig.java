package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An endpoint configuration as created: the request kept verbatim for DescribeEndpointConfig, and
 * its production and shadow variants parsed for the state machines.
 */
record EndpointConfig(String name, String arn, Instant creationTime, ObjectNode spec, List<Variant> variants,
    List<Variant> shadowVariants) {

  /**
   * One variant of the configuration.
   *
   * @param instanceCount 0 for a serverless variant
   * @param serverless the ServerlessConfig, or {@code null} for an instance-based variant
   */
  record Variant(String name, String modelName, String instanceType, int instanceCount, double weight,
      ObjectNode serverless) {
    boolean isServerless() {
      return serverless != null;
    }

    static Variant parse(JsonNode node) {
      JsonNode serverless = node.get("ServerlessConfig");
      return new Variant(node.path("VariantName").asText(), Model.textOrNull(node, "ModelName"),
          Model.textOrNull(node, "InstanceType"), node.path("InitialInstanceCount").asInt(0),
          node.has("InitialVariantWeight") ? node.get("InitialVariantWeight").asDouble() : 1.0,
          serverless == null || serverless.isNull() ? null : ((ObjectNode) serverless).deepCopy());
    }
  }

  EndpointConfig {
    spec = spec.deepCopy();
    variants = List.copyOf(variants);
    shadowVariants = List.copyOf(shadowVariants);
  }

  static EndpointConfig of(String name, String arn, Instant creationTime, ObjectNode spec) {
    List<Variant> production = new ArrayList<>();
    spec.path("ProductionVariants").forEach(node -> production.add(Variant.parse(node)));
    List<Variant> shadows = new ArrayList<>();
    spec.path("ShadowProductionVariants").forEach(node -> shadows.add(Variant.parse(node)));
    return new EndpointConfig(name, arn, creationTime, spec, production, shadows);
  }

  List<String> variantNames() {
    return variants.stream().map(Variant::name).toList();
  }

  /** Instances across the production variants (serverless variants count as one unit of capacity). */
  int totalCapacity() {
    return variants.stream().mapToInt(v -> v.isServerless() ? 1 : Math.max(1, v.instanceCount())).sum();
  }

  List<String> modelNames() {
    List<String> names = new ArrayList<>();
    for (Variant variant : variants) {
      names.add(variant.modelName());
    }
    for (Variant variant : shadowVariants) {
      names.add(variant.modelName());
    }
    return names;
  }
}
