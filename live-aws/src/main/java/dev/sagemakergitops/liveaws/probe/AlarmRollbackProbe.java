package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * An alarm-triggered rollback of a canary update: a rollback alarm is forced to {@code ALARM} with
 * {@code SetAlarmState} while the canary bakes. Documented: "If any of your alarms trip during the
 * specified monitoring period, SageMaker initiates a complete rollback" (Developer Guide,
 * deployment-guardrails-configuration), and FailureReason explains an update that failed while the
 * endpoint is {@code InService} (DescribeEndpoint, FailureReason). Undocumented, and what this probe
 * is for: the endpoint statuses seen between the alarm and the end of the rollback (is there a
 * {@code RollingBack}?), the configuration it ends on, and the {@code FailureReason} text the
 * operations show users. The alarm is a {@link ForcedRollback} one. Costs: two {@code ml.m5.large} for the
 * endpoint's life and up to two more for the new fleet, about 4 instance-hours at most.
 */
public final class AlarmRollbackProbe implements Probe {
  static final String INSTANCE_TYPE = "ml.m5.large";

  @Override
  public String id() {
    return "alarm-rollback";
  }

  @Override
  public String question() {
    return "Which statuses, configuration and FailureReason does an endpoint show when a rollback alarm goes to ALARM"
        + " during a canary bake?";
  }

  @Override
  public Cost cost() {
    // Endpoint: 2 instances for 30 min creating plus 45 min updating = 2.5; the new fleet 2 x 45 min = 1.5.
    return new Cost(INSTANCE_TYPE, 4);
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    ForcedRollback.Canary canary = ForcedRollback.prepare(run, "rollback");
    String endpoint = canary.endpoint();
    String next = canary.next();
    String alarm = run.ledger().name("rollback-alarm");
    ForcedRollback.createAlarm(run, alarm);
    List<Observation> observations = new ArrayList<>();

    Observation update = ForcedRollback.canaryUpdate(run, "UpdateEndpoint with a canary and a rollback alarm", endpoint,
        next, alarm, alarm);
    observations.add(update);
    if (!update.outcome().equals(Observation.ANSWERED)) {
      return observations;
    }
    DescribeEndpointResponse baking = ForcedRollback.waitForBake(run, endpoint);
    observations.add(endpointObservation(run, "the endpoint while the canary bakes", endpoint, baking, List.of()));

    Map<String, Object> set = Map.of("AlarmName", alarm, "StateValue", "ALARM");
    observations.add(run.observe("SetAlarmState ALARM during the bake", set, () -> ForcedRollback.force(run, alarm),
        answer -> Map.of()));
    List<String> seen = new ArrayList<>();
    DescribeEndpointResponse after = ForcedRollback.holdUntilOver(run, endpoint, alarm, seen);
    observations.add(endpointObservation(run, "the endpoint after the alarm", endpoint, after, seen)
        .informational("EndpointStatusesSeen"));
    return observations;
  }

  private static Observation endpointObservation(ProbeRun run, String name, String endpoint,
      DescribeEndpointResponse described, List<String> statusesSeen) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("EndpointStatus", described.endpointStatusAsString());
    fields.put("EndpointConfigName", described.endpointConfigName());
    fields.put("PendingVariantStatuses", ForcedRollback.pendingStatuses(described));
    fields.put("FailureReason", described.failureReason() == null ? "" : described.failureReason());
    if (!statusesSeen.isEmpty()) {
      fields.put("EndpointStatusesSeen", List.copyOf(statusesSeen));
    }
    return run.observe(name, Map.of("EndpointName", endpoint), () -> described, answer -> fields);
  }
}
