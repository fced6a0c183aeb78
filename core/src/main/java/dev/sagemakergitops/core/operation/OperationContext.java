package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.aws.AwsClients;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What operations run with: never part of a state, rebuilt after a resume (so credentials are
 * resolved again, and expired ones are never kept).
 *
 * @param clients the AWS clients
 * @param clock the time deadlines and records are measured with; tests drive it
 * @param build the build that runs the operation, for lineage
 * @param polling when to poll
 * @param random jitter's source; seeded in tests and benchmarks
 */
public record OperationContext(AwsClients clients, Clock clock, BuildInfo build, PollingPolicy polling,
    RandomGenerator random) {

  public OperationContext {
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(polling, "polling");
    Objects.requireNonNull(random, "random");
  }

  /** A context with the default polling policy and an unseeded source of jitter. */
  public static OperationContext of(AwsClients clients, Clock clock, BuildInfo build) {
    return new OperationContext(clients, clock, build, PollingPolicy.defaults(), RandomGenerator.getDefault());
  }

  /** The region {@code manifest}'s resources live in: its own, else the run's default. */
  public String regionOf(ResolvedManifest manifest) {
    return manifest.region(clients.defaultRegion().id());
  }

  public OperationContext withPolling(PollingPolicy policy) {
    return new OperationContext(clients, clock, build, policy, random);
  }
}
