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
 * A rollback alarm that only {@code SetAlarmState} moves, for probes that need SageMaker to roll an
 * update back: it watches a metric nothing publishes, missing data not breaching, so it is
 * {@code OK} until forced. CloudWatch sets a forced state back at the alarm's next evaluation
 * (SetAlarmState), so the probe forces it again at every look until the update is over; the period
 * is longer than the probe's 30-second looks so that it stays in ALARM across SageMaker's reads
 * rather than only between two of them.
 */
public final class ForcedRollback {
  static final int ALARM_PERIOD_SECONDS = 300;
  /** A bake long against the probe's looks, so the alarm is forced while it lasts. */
  static final int BAKE_SECONDS = 600;

  private ForcedRollback() {}

  /** Creates the alarm, tagged and recorded for deletion. */
  public static void createAlarm(ProbeRun run, String alarm) {
    var cloudWatch = run.target().cloudWatch();
    cloudWatch.putMetricAlarm(r -> r.alarmName(alarm).namespace("SageMakerGitOps/LiveAws").metricName("NeverPublished")
        .statistic(Statistic.SUM).period(ALARM_PERIOD_SECONDS).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("notBreaching")
        .tags(t -> t.key(run.tag().key()).value(run.tag().value())));
    run.ledger().created("CloudWatch alarm", alarm, () -> cloudWatch.deleteAlarms(r -> r.alarmNames(alarm)));
  }

  /** An endpoint {@code InService} on its configuration, and the next configuration to update it to. */
  record Canary(String endpoint, String config, String next) {}

  /**
   * Creates, named {@code <prefix>-model}, {@code <prefix>-config}, {@code <prefix>} and
   * {@code <prefix>-next-config}: a model of the serving image, an endpoint on a fleet a canary of one
   * instance fits, and a second configuration of the same model, visible, to update to.
   */
  static Canary prepare(ProbeRun run, String prefix) {
    String model = run.ledger().name(prefix + "-model");
    run.createModel(model, run.target().servingImage(), run.target().servingModelDataUrl());
    String config = run.ledger().name(prefix + "-config");
    run.createEndpointConfig(config, WaitIntervalZeroProbe.fleet(model));
    String endpoint = run.ledger().name(prefix);
    run.createEndpoint(endpoint, config);
    String next = run.ledger().name(prefix + "-next-config");
    run.createEndpointConfig(next, WaitIntervalZeroProbe.fleet(model));
    run.whenVisible(() -> run.target().sageMaker().describeEndpointConfig(r -> r.endpointConfigName(next)));
    return new Canary(endpoint, config, next);
  }

  /**
   * Observes {@code UpdateEndpoint} of {@code endpoint} to {@code next} as a canary of one instance
   * baking {@link #BAKE_SECONDS}, with {@code alarm} as its only rollback alarm ({@code label} is how
   * the request names it in the observation).
   */
  static Observation canaryUpdate(ProbeRun run, String name, String endpoint, String next, String alarm,
      String label) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("EndpointName", endpoint);
    request.put("EndpointConfigName", next);
    request.put("DeploymentConfig", "BlueGreenUpdatePolicy: CANARY, CanarySize INSTANCE_COUNT 1, WaitIntervalInSeconds "
        + BAKE_SECONDS + "; AutoRollbackConfiguration: " + label);
    return run.observe(name, request,
        () -> run.target().sageMaker().updateEndpoint(r -> r.endpointName(endpoint).endpointConfigName(next)
            .deploymentConfig(d -> d.blueGreenUpdatePolicy(b -> b.trafficRoutingConfiguration(t -> t
                    .type(TrafficRoutingConfigType.CANARY).waitIntervalInSeconds(BAKE_SECONDS)
                    .canarySize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1))))
                .autoRollbackConfiguration(a -> a.alarms(x -> x.alarmName(alarm))))),
        answer -> Map.of());
  }

  /** Waits, after an UpdateEndpoint, until a new variant bakes or the update is over. */
  static DescribeEndpointResponse waitForBake(ProbeRun run, String endpoint) {
    run.target().pause(ProbeRun.POLL);
    return run.waitFor(() -> run.target().sageMaker().describeEndpoint(r -> r.endpointName(endpoint)),
        e -> e.endpointStatus() != EndpointStatus.UPDATING || pendingStatuses(e).contains(VariantStatus.BAKING.toString()),
        Duration.ofMinutes(30), "endpoint " + endpoint + " to bake its new fleet");
  }

  /** Forces the alarm to ALARM. */
  public static Object force(ProbeRun run, String alarm) {
    return run.target().cloudWatch().setAlarmState(r -> r.alarmName(alarm).stateValue(StateValue.ALARM)
        .stateReason("sagemaker-gitops live-aws probe: forced during a bake"));
  }

  /**
   * Keeps the alarm forced until the update is over; answers the endpoint then, and adds to
   * {@code seen} each endpoint status it went through (as often as a look every 30 seconds sees).
   */
  static DescribeEndpointResponse holdUntilOver(ProbeRun run, String endpoint, String alarm, List<String> seen) {
    return run.waitFor(() -> {
      DescribeEndpointResponse now = run.target().sageMaker().describeEndpoint(r -> r.endpointName(endpoint));
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now.endpointStatusAsString())) {
        seen.add(now.endpointStatusAsString());
      }
      if (!over(now)) {
        force(run, alarm);
      }
      return now;
    }, ForcedRollback::over, Duration.ofMinutes(45), "endpoint " + endpoint + " to roll back");
  }

  private static boolean over(DescribeEndpointResponse endpoint) {
    return endpoint.endpointStatus() != EndpointStatus.UPDATING && endpoint.endpointStatus() != EndpointStatus.ROLLING_BACK;
  }

  /** The statuses of the variants being deployed ({@code PendingDeploymentSummary}). */
  public static List<String> pendingStatuses(DescribeEndpointResponse endpoint) {
    if (endpoint.pendingDeploymentSummary() == null) {
      return List.of();
    }
    List<String> statuses = new ArrayList<>();
    for (PendingProductionVariantSummary variant : endpoint.pendingDeploymentSummary().productionVariants()) {
      variant.variantStatus().forEach(s -> statuses.add(s.statusAsString()));
    }
    return statuses;
  }
}
