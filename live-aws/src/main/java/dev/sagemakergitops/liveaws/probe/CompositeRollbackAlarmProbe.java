package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * A composite CloudWatch alarm as a SageMaker rollback alarm. Documented: PutCompositeAlarm's rule
 * grammar and that a new composite alarm is evaluated at once; that DescribeAlarms without
 * {@code AlarmTypes} answers metric alarms only (botocore doc strings, CloudWatch API reference);
 * that {@code AutoRollbackConfiguration} names "a CloudWatch alarm in your account" and that
 * "if any alarms are tripped during a deployment, SageMaker rolls back the deployment" (botocore
 * sagemaker {@code Alarm}, {@code AutoRollbackConfig}); the refusal of a rule naming a missing alarm
 * is the text users report (awsdocs/aws-cloudformation-user-guide#911). Not documented, and what this
 * probe is for: whether SageMaker accepts a composite alarm there at all and reads it during a bake
 * (its execution role's {@code cloudwatch:DescribeAlarms} must then be scoped to {@code *}, as
 * CloudWatch requires for composite alarms). The composite alarm's only child is a
 * {@link ForcedRollback} alarm, forced to ALARM during the canary's bake. Costs what
 * {@link AlarmRollbackProbe} costs: about 4 {@code ml.m5.large} instance-hours at most.
 */
public final class CompositeRollbackAlarmProbe implements Probe {
  /** How long a look at the composite alarm after its child was forced may wait for it to follow. */
  static final Duration FOLLOW_LIMIT = Duration.ofMinutes(2);

  @Override
  public String id() {
    return "composite-rollback-alarm";
  }

  @Override
  public String question() {
    return "Does SageMaker accept a composite alarm as a rollback alarm and roll a canary back when it goes to ALARM;"
        + " what does DescribeAlarms answer for it with and without AlarmTypes?";
  }

  @Override
  public Cost cost() {
    // As AlarmRollbackProbe: 2 instances for 30 min creating plus 45 min updating, the new fleet 2 x 45 min.
    return new Cost(AlarmRollbackProbe.INSTANCE_TYPE, 4);
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    var cloudWatch = run.target().cloudWatch();
    String child = run.ledger().name("composite-child");
    ForcedRollback.createAlarm(run, child);
    String composite = run.ledger().name("composite-alarm");
    List<Observation> observations = new ArrayList<>();

    String missing = run.ledger().name("no-such-alarm");
    String badRule = "ALARM(\"" + child + "\") OR ALARM(\"" + missing + "\")";
    observations.add(run.observe("PutCompositeAlarm naming a missing alarm", Map.of("AlarmName", composite,
        "AlarmRule", badRule), () -> putComposite(run, composite, badRule), answer -> Map.of()));
    String rule = "ALARM(\"" + child + "\")";
    Observation put = run.observe("PutCompositeAlarm over the rollback alarm", Map.of("AlarmName", composite,
        "AlarmRule", rule), () -> putComposite(run, composite, rule), answer -> Map.of());
    observations.add(put);
    if (!put.outcome().equals(Observation.ANSWERED)) {
      return observations;
    }
    observations.add(run.observe("DescribeAlarms naming it without AlarmTypes", Map.of("AlarmNames", List.of(composite)),
        () -> cloudWatch.describeAlarms(r -> r.alarmNames(composite)), CompositeRollbackAlarmProbe::names));
    // "When this operation creates an alarm, the alarm state is immediately set to INSUFFICIENT_DATA.
    // The alarm is then evaluated": wait for that evaluation.
    run.waitFor(() -> compositeState(run, composite), state -> !state.equals("INSUFFICIENT_DATA"), FOLLOW_LIMIT,
        "composite alarm " + composite + " to be evaluated");
    observations.add(run.observe("DescribeAlarms naming it with both AlarmTypes", Map.of("AlarmNames",
        List.of(composite), "AlarmTypes", List.of("MetricAlarm", "CompositeAlarm")),
        () -> cloudWatch.describeAlarms(r -> r.alarmNames(composite).alarmTypes(AlarmType.METRIC_ALARM,
            AlarmType.COMPOSITE_ALARM)), answer -> {
              Map<String, Object> fields = names(answer);
              CompositeAlarm alarm = answer.compositeAlarms().isEmpty() ? null : answer.compositeAlarms().get(0);
              fields.put("AlarmRule", alarm == null ? "" : alarm.alarmRule());
              fields.put("StateValue", alarm == null ? "" : alarm.stateValueAsString());
              return fields;
            }));

    ForcedRollback.Canary canary = ForcedRollback.prepare(run, "composite");
    String endpoint = canary.endpoint();
    String next = canary.next();

    Observation update = ForcedRollback.canaryUpdate(run, "UpdateEndpoint with a composite rollback alarm", endpoint,
        next, composite, composite + " (composite)");
    observations.add(update);
    if (!update.outcome().equals(Observation.ANSWERED)) {
      return observations;
    }
    DescribeEndpointResponse baking = ForcedRollback.waitForBake(run, endpoint);
    observations.add(run.observe("the endpoint while the canary bakes", Map.of("EndpointName", endpoint),
        () -> baking, e -> Map.of("EndpointStatus", e.endpointStatusAsString())));

    observations.add(run.observe("SetAlarmState ALARM on its child during the bake", Map.of("AlarmName", child,
        "StateValue", "ALARM"), () -> ForcedRollback.force(run, child), answer -> Map.of()));
    observations.add(run.observe("the composite alarm after its child went to ALARM", Map.of("AlarmName", composite),
        () -> followed(run, composite), state -> Map.of("StateValue", state)));
    List<String> seen = new ArrayList<>();
    DescribeEndpointResponse after = ForcedRollback.holdUntilOver(run, endpoint, child, seen);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("EndpointStatus", after.endpointStatusAsString());
    fields.put("EndpointConfigName", after.endpointConfigName());
    fields.put("FailureReason", after.failureReason() == null ? "" : after.failureReason());
    fields.put("EndpointStatusesSeen", List.copyOf(seen));
    observations.add(run.observe("the endpoint after the composite alarm", Map.of("EndpointName", endpoint),
        () -> after, e -> fields).informational("EndpointStatusesSeen"));
    return observations;
  }

  private static Object putComposite(ProbeRun run, String name, String rule) {
    var cloudWatch = run.target().cloudWatch();
    Object answer = cloudWatch.putCompositeAlarm(r -> r.alarmName(name).alarmRule(rule)
        .tags(t -> t.key(run.tag().key()).value(run.tag().value())));
    // Created after its child, so deleted before it: CloudWatch refuses to delete an alarm a
    // composite alarm depends on.
    run.ledger().created("CloudWatch composite alarm", name, () -> cloudWatch.deleteAlarms(r -> r.alarmNames(name)));
    return answer;
  }

  private static String compositeState(ProbeRun run, String composite) {
    List<CompositeAlarm> found = run.target().cloudWatch().describeAlarms(r -> r.alarmNames(composite)
        .alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms();
    return found.isEmpty() ? "" : found.get(0).stateValueAsString();
  }

  /** The composite alarm's state once it is ALARM, or the last seen within {@link #FOLLOW_LIMIT}. */
  private static String followed(ProbeRun run, String composite) {
    Duration waited = Duration.ZERO;
    String state = compositeState(run, composite);
    while (!state.equals("ALARM") && waited.compareTo(FOLLOW_LIMIT) < 0) {
      run.target().pause(Duration.ofSeconds(5));
      waited = waited.plusSeconds(5);
      state = compositeState(run, composite);
    }
    return state;
  }

  private static Map<String, Object> names(DescribeAlarmsResponse answer) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("MetricAlarms", answer.metricAlarms().stream().map(MetricAlarm::alarmName).toList());
    fields.put("CompositeAlarms", answer.compositeAlarms().stream().map(CompositeAlarm::alarmName).toList());
    return fields;
  }
}
