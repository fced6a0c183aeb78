package dev.sagemakergitops.core.status;

import dev.sagemakergitops.core.operation.deploy.EndpointConfigDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * After a change in place the endpoint's configuration no longer states its weights, so an endpoint
 * the intent tag says runs the manifest's weights in place is compared on what it runs:
 * {@code DescribeEndpoint}'s {@code CurrentWeight} per variant. Instance counts are not compared:
 * Application Auto Scaling moves them, and a configuration served as it was created is not judged on
 * them either.
 */
final class InPlaceWeights {
  /** SageMaker keeps weights as 32-bit floats. */
  private static final double TOLERANCE = 1e-4;

  private InPlaceWeights() {}

  /** What differs, as a phrase ({@code its weights are A 80, B 20, not A 50, B 50}), or empty. */
  static Optional<String> drift(EndpointConfigDefinition wanted, DescribeEndpointResponse endpoint) {
    Map<String, Float> live = new HashMap<>();
    for (ProductionVariantSummary v : endpoint.productionVariants()) {
      live.put(v.variantName(), v.currentWeight() != null ? v.currentWeight() : v.desiredWeight());
    }
    List<String> running = new ArrayList<>();
    List<String> asked = new ArrayList<>();
    boolean differs = false;
    for (EndpointConfigDefinition.Variant v : wanted.variants()) {
      Float weight = live.get(v.name());
      double now = weight == null ? Double.NaN : Double.parseDouble(Float.toString(weight));
      differs |= weight == null || Math.abs(now - v.weight()) > TOLERANCE;
      running.add(v.name() + " " + (weight == null ? "missing" : number(now)));
      asked.add(v.name() + " " + number(v.weight()));
    }
    return differs ? Optional.of("its weights are " + String.join(", ", running) + ", not " + String.join(", ", asked))
        : Optional.empty();
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
