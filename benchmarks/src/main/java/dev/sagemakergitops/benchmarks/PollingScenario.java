package dev.sagemakergitops.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * A deployment the polling benchmark measures: creating the endpoint, or updating it from package
 * version 1 to 2 with one of the strategies, on a fleet of {@link #INSTANCES} instances with
 * realistic waits ({@link #BAKE} bakes, a {@link #TERMINATION_WAIT} termination wait, the rollback
 * alarm). With {@code trip} set, the rollback alarm goes off that long into the canary's bake.
 *
 * @param name the scenario's name on the command line and in the tables
 * @param description one line for the report
 * @param deployment the manifest's {@code deployment:} lines (six spaces in); empty for a create
 * @param update false: the measured deploy creates the endpoint; true: it updates it from version 1
 * @param trip how long into the first bake the alarm goes off, or null for none
 */
record PollingScenario(String name, String description, String deployment, boolean update, Duration trip) {
  static final int INSTANCES = 4;
  static final String BAKE = "10m";
  static final String TERMINATION_WAIT = "5m";
  static final Duration DEFAULT_TRIP = Duration.ofSeconds(270);

  /** The standard scenarios; {@code alarms} adds the rollback alarm to every update. */
  static List<PollingScenario> standard(boolean alarms, Duration trip) {
    return List.of(
        new PollingScenario("create", "CreateEndpoint, " + INSTANCES + " instances", "", false, null),
        update("all-at-once", "all at once", "allAtOnce", "", true, alarms, null),
        update("canary", "canary of 1 instance", "canary", "      canarySize: 1\n", true, alarms, null),
        update("linear", "linear steps of 25%", "linear", "      linearStep: 25%\n", true, alarms, null),
        update("rolling", "rolling batches of 25%", "rolling", "      batchSize: 25%\n", false, alarms, null),
        update("canary-rollback", "canary of 1 instance, alarm " + text(trip) + " into the canary bake", "canary",
            "      canarySize: 1\n", true, true, trip));
  }

  private static PollingScenario update(String name, String what, String strategy, String size,
      boolean terminationWait, boolean alarms, Duration trip) {
    String deployment = "      strategy: " + strategy + "\n" + size + "      bake: " + BAKE + "\n"
        + (terminationWait ? "      terminationWait: " + TERMINATION_WAIT + "\n" : "")
        + (alarms ? "      rollbackAlarms: [" + PollingWorld.ALARM + "]\n" : "");
    String description = "UpdateEndpoint " + what + ", " + INSTANCES + " instances, bake " + BAKE
        + (terminationWait ? ", termination wait " + TERMINATION_WAIT : "")
        + (alarms ? ", rollback alarm" : ", no alarm");
    return new PollingScenario(name, description, deployment, true, trip);
  }

  /** The same canary with the alarm at {@code at} into the bake. */
  PollingScenario withTrip(Duration at) {
    return new PollingScenario(name, description, deployment, update, at);
  }

  static String text(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 ? s / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
  }
}
