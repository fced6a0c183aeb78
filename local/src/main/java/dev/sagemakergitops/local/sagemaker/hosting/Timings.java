package dev.sagemakergitops.local.sagemaker.hosting;

import java.time.Duration;

/**
 * The simulated durations of hosting work. Real SageMaker takes minutes to launch instances; the
 * simulation keeps the order of magnitude so pollers and waiters behave as they would against AWS,
 * while a virtual clock runs through them in no wall time.
 */
public final class Timings {
  /** Launching a fleet: CreateEndpoint, the green fleet of a blue/green update, each rolling batch, a shadow variant. */
  public static final Duration PROVISIONING = Duration.ofMinutes(4);
  /** UpdateEndpointWeightsAndCapacities when no instance is added (only weights or fewer instances). */
  public static final Duration REWEIGHING = Duration.ofMinutes(1);
  /** DeleteEndpoint: the endpoint shows {@code Deleting} this long, then is gone. */
  public static final Duration DELETING = Duration.ofMinutes(1);
  /** How often alarms are evaluated while a deployment bakes (besides the start and end of each bake). */
  public static final Duration ALARM_EVALUATION = Duration.ofMinutes(1);
  /** An inference experiment's length when its schedule gives no end, as documented. */
  public static final Duration DEFAULT_EXPERIMENT = Duration.ofDays(7);

  private Timings() {}
}
