package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * An alarm-triggered rollback of a canary update: a rollback alarm is forced to {@code ALARM} with
 * {@code SetAlarmState} while the canary bakes. Documented: "If any of your alarms trip during the
 * specified monitoring period, SageMaker initiates a complete rollback" (Developer Guide,
 * deployment-guardrails-configuration), and FailureReason explains an update that failed while the
 * endpoint is {@code InService} (DescribeEndpoint, FailureReason). Undocumented, and what this probe
 * is for: the endpoint statuses seen between the alarm and the end of the rollback (is there a
 * {@code RollingBack}?), the configuration it ends on, and the {@code FailureReason} text the
 * operations show users. The alarm watches a metric nothing publishes, missing data not breaching,
 * so only {@code SetAlarmState} moves it; CloudWatch sets it back at its next evaluation, so the
 * probe sets it again at every look until the update is over. Costs: two {@code ml.m5.large} for the
 * endpoint's life and up to two more for the new fleet, about 4 instance-hours at most.
 */
public final class AlarmRollbackProbe implements Probe {
  static final String INSTANCE_TYPE = "ml.m5.large";
  /** Long against the probe's looks, so the alarm is set while the canary still bakes. */
  static final int BAKE_SECONDS = 600;
  /**
   * The alarm's period. A state set by hand lasts until CloudWatch next evaluates the alarm
   * (SetAlarmState); a period longer than the probe's 30-second looks keeps it in ALARM across
   * SageMaker's reads of it rather than only between two of them.
   */
  static final int ALARM_PERIOD_SECONDS = 300;

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
    var sageMaker = run.target().sageMaker();
    var cloudWatch = run.target().cloudWatch();
    String model = run.ledger().name("rollback-model");
    run.createModel(model, run.target().servingImage(), run.target().servingModelDataUrl());
    String config = run.ledger().name("rollback-config");
    run.createEndpointConfig(config, WaitIntervalZeroProbe.fleet(model));
    String endpoint = run.ledger().name("rollback");
    run.createEndpoint(endpoint, config);
    String alarm = run.ledger().name("rollback-alarm");
    cloudWatch.putMetricAlarm(r -> r.alarmName(alarm).namespace("SageMakerGitOps/LiveAws").metricName("NeverPublished")
        .statistic(Statistic.SUM).period(ALARM_PERIOD_SECONDS).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("notBreaching")
        .tags(t -> t.key(run.tag().key()).value(run.tag().value())));
    run.ledger().created("CloudWatch alarm", alarm, () -> cloudWatch.deleteAlarms(r -> r.alarmNames(alarm)));
    String next = run.ledger().name("rollback-next-config");
    run.createEndpointConfig(next, WaitIntervalZeroProbe.fleet(model));
    run.whenVisible(() -> sageMaker.describeEndpointConfig(r -> r.endpointConfigName(next)));
    List<Observation> observations = new ArrayList<>();

    Map<String, Object> request = new LinkedHashMap<>();
    request.put("EndpointName", endpoint);
    request.put("EndpointConfigName", next);
    request.put("DeploymentConfig", "BlueGreenUpdatePolicy: CANARY, CanarySize INSTANCE_COUNT 1, WaitIntervalInSeconds "
        + BAKE_SECONDS + "; AutoRollbackConfiguration: " + alarm);
    Observation update = run.observe("UpdateEndpoint with a canary and a rollback alarm", request,
        () -> sageMaker.updateEndpoint(r -> r.endpointName(endpoint).endpointConfigName(next).deploymentConfig(d -> d
            .blueGreenUpdatePolicy(b -> b.trafficRoutingConfiguration(t -> t.type(TrafficRoutingConfigType.CANARY)
                .waitIntervalInSeconds(BAKE_SECONDS).canarySize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1))))
            .autoRollbackConfiguration(a -> a.alarms(x -> x.alarmName(alarm))))),
        answer -> Map.of());
    observations.add(update);
    if (!update.outcome().equals(Observation.ANSWERED)) {
      return observations;
    }
    run.target().pause(ProbeRun.POLL);
    DescribeEndpointResponse baking = run.waitFor(() -> sageMaker.describeEndpoint(r -> r.endpointName(endpoint)),
        e -> e.endpointStatus() != EndpointStatus.UPDATING || pendingStatuses(e).contains(VariantStatus.BAKING.toString()),
        Duration.ofMinutes(30), "endpoint " + endpoint + " to bake its canary");
    observations.add(endpointObservation(run, "the endpoint while the canary bakes", endpoint, baking, List.of()));

    Map<String, Object> set = Map.of("AlarmName", alarm, "StateValue", "ALARM");
    observations.add(run.observe("SetAlarmState ALARM during the bake", set, () -> setAlarm(run, alarm),
        answer -> Map.of()));
    List<String> seen = new ArrayList<>();
    DescribeEndpointResponse after = run.waitFor(() -> {
      DescribeEndpointResponse now = sageMaker.describeEndpoint(r -> r.endpointName(endpoint));
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now.endpointStatusAsString())) {
        seen.add(now.endpointStatusAsString());
      }
      if (now.endpointStatus() == EndpointStatus.UPDATING || now.endpointStatus() == EndpointStatus.ROLLING_BACK) {
        setAlarm(run, alarm);
      }
      return now;
    }, e -> e.endpointStatus() != EndpointStatus.UPDATING && e.endpointStatus() != EndpointStatus.ROLLING_BACK,
        Duration.ofMinutes(45), "endpoint " + endpoint + " to roll back");
    observations.add(endpointObservation(run, "the endpoint after the alarm", endpoint, after, seen)
        .informational("EndpointStatusesSeen"));
    return observations;
  }

  private static Object setAlarm(ProbeRun run, String alarm) {
    return run.target().cloudWatch().setAlarmState(r -> r.alarmName(alarm).stateValue(StateValue.ALARM)
        .stateReason("sagemaker-gitops live-aws probe alarm-rollback: forced during the canary bake"));
  }

  private static List<String> pendingStatuses(DescribeEndpointResponse endpoint) {
    if (endpoint.pendingDeploymentSummary() == null) {
      return List.of();
    }
    List<String> statuses = new ArrayList<>();
    for (PendingProductionVariantSummary variant : endpoint.pendingDeploymentSummary().productionVariants()) {
      variant.variantStatus().forEach(s -> statuses.add(s.statusAsString()));
    }
    return statuses;
  }

  private static Observation endpointObservation(ProbeRun run, String name, String endpoint,
      DescribeEndpointResponse described, List<String> statusesSeen) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("EndpointStatus", described.endpointStatusAsString());
    fields.put("EndpointConfigName", described.endpointConfigName());
    fields.put("PendingVariantStatuses", pendingStatuses(described));
    fields.put("FailureReason", described.failureReason() == null ? "" : described.failureReason());
    if (!statusesSeen.isEmpty()) {
      fields.put("EndpointStatusesSeen", List.copyOf(statusesSeen));
    }
    return run.observe(name, Map.of("EndpointName", endpoint), () -> described, answer -> fields);
  }
}
