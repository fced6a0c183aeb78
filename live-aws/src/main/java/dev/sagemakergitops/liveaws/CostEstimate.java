package dev.sagemakergitops.liveaws;

import dev.sagemakergitops.liveaws.probe.Probe;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run may cost, at most, before it makes its first mutating call: each probe's instance-hours
 * times the on-demand price of SageMaker real-time inference in us-east-1
 * (https://aws.amazon.com/sagemaker/pricing/, "Real-Time Inference"; the story's transform job is
 * counted at the same hourly rate of its instance type, which the page lists under "Batch Transform";
 * other regions cost up to about
 * a third more, which the printed bound includes). Models, model packages, endpoint configurations
 * and the few hundred bytes of ECR images cost nothing worth counting.
 */
public final class CostEstimate {
  /** USD per instance-hour, us-east-1 on-demand. */
  static final Map<String, Double> HOURLY_USD = Map.of("ml.m5.large", 0.115, "ml.m5.xlarge", 0.23, "ml.t2.medium", 0.056);
  /** The most another region costs over us-east-1, as a factor. */
  static final double REGION_FACTOR = 1.35;

  private CostEstimate() {}

  /** The upper bound in USD for these probes. */
  public static double upperBoundUsd(List<Probe> probes) {
    return probes.stream().mapToDouble(p -> usd(p.cost())).sum();
  }

  private static double usd(Probe.Cost cost) {
    double own = cost.instanceHours() == 0 ? 0 : cost.instanceHours() * price(cost.instanceType()) * REGION_FACTOR;
    return own + (cost.also() == null ? 0 : usd(cost.also()));
  }

  private static String hours(Probe.Cost cost) {
    String own = String.format(Locale.ROOT, "%.1f %s", cost.instanceHours(), cost.instanceType());
    return cost.also() == null ? own : own + " and " + hours(cost.also());
  }

  /** Lines to print: each probe's share and the total. */
  public static List<String> describe(List<Probe> probes) {
    List<String> lines = new java.util.ArrayList<>();
    for (Probe probe : probes) {
      Probe.Cost cost = probe.cost();
      lines.add(String.format(Locale.ROOT, "  %-30s %s", probe.id(), cost.instanceHours() == 0 ? "free"
          : String.format(Locale.ROOT, "up to %s instance-hours, up to USD %.2f", hours(cost), usd(cost))));
    }
    lines.add(String.format(Locale.ROOT, "  total: up to USD %.2f (on-demand prices; nothing is left running)",
        upperBoundUsd(probes)));
    return lines;
  }

  private static double price(String instanceType) {
    Double price = HOURLY_USD.get(instanceType);
    if (price == null) {
      throw new IllegalArgumentException("no price known for " + instanceType + "; add it to CostEstimate.HOURLY_USD");
    }
    return price;
  }
}
