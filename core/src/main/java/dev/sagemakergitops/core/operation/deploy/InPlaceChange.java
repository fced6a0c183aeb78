package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * A change SageMaker can apply to the endpoint in place, with {@code UpdateEndpointWeightsAndCapacities}
 * ("Updates variant weight of one or more variants associated with an existing endpoint, or capacity
 * of one variant", botocore): no new model, endpoint configuration or fleet.
 *
 * <p>What "live" means here: the configuration the endpoint serves, with the weights and instance
 * counts it runs now ({@code DescribeEndpoint}'s {@code CurrentWeight} and {@code CurrentInstanceCount}),
 * since after an earlier change in place the configuration no longer states them. The manifest's
 * configuration qualifies when, given the live configuration's own weights and counts, it hashes to
 * the live configuration's name ({@link EndpointConfigDefinition#nameWith}): every other field
 * (variant names and order, models, instance types, serverless settings, data capture, and whatever
 * else the name is made of) is the same. A configuration made outside Git never qualifies.
 *
 * <p>An autoscaled variant's instance count belongs to Application Auto Scaling, which sets
 * {@code DesiredInstanceCount} itself: a count the manifest changes there is not sent (it is left to
 * the scaling policy; the autoscaling stage registers the manifest's min and max). Of the other
 * variants at most one may change its count, as the API documents capacity "of one variant"; more
 * than one needs a new configuration.
 *
 * @param liveConfig the configuration the endpoint serves and keeps serving
 * @param adjustments what to send, one entry per variant whose weight or count changes; empty when
 *     the endpoint already runs the manifest's weights and counts
 * @param leftToScaling autoscaled variants whose count the manifest changes, left to the scaling policy
 */
record InPlaceChange(String liveConfig, List<Adjustment> adjustments, List<String> leftToScaling) {

  /** How close two weights must be to count as the same: SageMaker keeps weights as 32-bit floats. */
  private static final double WEIGHT_TOLERANCE = 1e-4;

  InPlaceChange {
    adjustments = List.copyOf(adjustments);
    leftToScaling = List.copyOf(leftToScaling);
  }

  /**
   * One variant's change.
   *
   * @param weight the new weight, or {@code null} when it stays
   * @param instanceCount the new instance count, or {@code null} when it stays
   * @param weightBefore the weight it runs now
   * @param countBefore the instance count it runs now, or {@code null} (serverless)
   */
  record Adjustment(String variant, Double weight, Integer instanceCount, double weightBefore, Integer countBefore) {
    DesiredWeightAndCapacity toRequest() {
      DesiredWeightAndCapacity.Builder builder = DesiredWeightAndCapacity.builder().variantName(variant);
      if (weight != null) {
        builder.desiredWeight(weight.floatValue());
      }
      if (instanceCount != null) {
        builder.desiredInstanceCount(instanceCount);
      }
      return builder.build();
    }

    String describe() {
      List<String> parts = new ArrayList<>();
      if (weight != null) {
        parts.add("weight " + number(weightBefore) + " -> " + number(weight));
      }
      if (instanceCount != null) {
        parts.add("instances " + countBefore + " -> " + instanceCount);
      }
      return variant + " " + String.join(", ", parts);
    }
  }

  /**
   * The change in place that brings {@code endpoint} to {@code wanted}, or empty when it takes a new
   * configuration (or the endpoint is not {@code InService} with no deployment pending, or serves
   * {@code wanted} itself).
   *
   * @param liveConfig the description of the configuration the endpoint serves, empty when it is gone
   * @param autoscaled the variants registered with Application Auto Scaling
   */
  static Optional<InPlaceChange> of(DescribeEndpointResponse endpoint, Optional<DescribeEndpointConfigResponse> liveConfig,
      EndpointConfigDefinition wanted, Set<String> autoscaled) {
    String live = endpoint.endpointConfigName();
    if (!EndpointHealthClassifier.isInService(endpoint.endpointStatusAsString())
        || endpoint.pendingDeploymentSummary() != null || live == null || live.equals(wanted.name())
        || liveConfig.isEmpty()) {
      return Optional.empty();
    }
    List<ProductionVariant> configured = liveConfig.get().productionVariants();
    if (configured.size() != wanted.variants().size()) {
      return Optional.empty();
    }
    List<EndpointConfigDefinition.Variant> asConfigured = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      EndpointConfigDefinition.Variant v = wanted.variants().get(i);
      ProductionVariant c = configured.get(i);
      Integer count = v.serverless() ? null : c.initialInstanceCount();
      asConfigured.add(new EndpointConfigDefinition.Variant(v.name(), v.modelName(), v.instanceType(), count,
          asWritten(c.initialVariantWeight()), v.serverlessMemoryMb(), v.serverlessMaxConcurrency()));
    }
    if (!wanted.nameWith(asConfigured).equals(live)) {
      return Optional.empty();
    }
    Map<String, ProductionVariantSummary> running = new HashMap<>();
    endpoint.productionVariants().forEach(v -> running.put(v.variantName(), v));
    List<Adjustment> adjustments = new ArrayList<>();
    List<String> leftToScaling = new ArrayList<>();
    int countChanges = 0;
    for (EndpointConfigDefinition.Variant v : wanted.variants()) {
      ProductionVariantSummary now = running.get(v.name());
      if (now == null) {
        return Optional.empty();
      }
      double weightNow = weightOf(now);
      Double weight = Math.abs(weightNow - v.weight()) > WEIGHT_TOLERANCE ? v.weight() : null;
      Integer countNow = v.serverless() ? null : countOf(now);
      Integer count = null;
      if (!v.serverless() && countNow != null && !countNow.equals(v.instanceCount())) {
        if (autoscaled.contains(v.name())) {
          leftToScaling.add(v.name());
        } else {
          count = v.instanceCount();
          countChanges++;
        }
      }
      if (weight != null || count != null) {
        adjustments.add(new Adjustment(v.name(), weight, count, weightNow, countNow));
      }
    }
    if (countChanges > 1) {
      return Optional.empty();
    }
    return Optional.of(new InPlaceChange(live, adjustments, leftToScaling));
  }

  /** The weights and counts the endpoint runs now, as one line: {@code A weight 80, B weight 20}. */
  static String running(DescribeEndpointResponse endpoint) {
    List<String> out = new ArrayList<>();
    for (ProductionVariantSummary v : endpoint.productionVariants()) {
      Integer count = countOf(v);
      out.add(v.variantName() + " weight " + number(weightOf(v)) + (count == null ? "" : " x" + count));
    }
    return String.join(", ", out);
  }

  /** The manifest's weights and counts, as one line. */
  static String wanted(EndpointConfigDefinition wanted) {
    return String.join(", ", wanted.variants().stream().map(v -> v.name() + " weight " + number(v.weight())
        + (v.instanceCount() == null ? "" : " x" + v.instanceCount())).toList());
  }

  /** One line for the build log: what changes. */
  String describe() {
    return String.join("; ", adjustments.stream().map(Adjustment::describe).toList());
  }

  private static double weightOf(ProductionVariantSummary v) {
    Float weight = v.currentWeight() != null ? v.currentWeight() : v.desiredWeight();
    return weight == null ? 0 : asWritten(weight);
  }

  private static Integer countOf(ProductionVariantSummary v) {
    return v.currentInstanceCount() != null ? v.currentInstanceCount() : v.desiredInstanceCount();
  }

  /**
   * A weight SageMaker returns as a 32-bit float, as the manifest wrote it: {@code 0.1f} is
   * {@code 0.1}, not {@code 0.10000000149}, so that it hashes as the manifest's number did.
   */
  static double asWritten(Float weight) {
    return weight == null ? 0 : Double.parseDouble(Float.toString(weight));
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
