package dev.sagemakergitops.local.cloudwatch;

import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.dimensions;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.nextBoundary;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.offset;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.required;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.requiredInt;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.text;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.textList;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.texts;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService.Call;
import dev.sagemakergitops.local.cloudwatch.Metrics.MetricKey;
import dev.sagemakergitops.local.protocol.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CloudWatch's metric alarms per region: PutMetricAlarm, DescribeAlarms, SetAlarmState and
 * DeleteAlarms, the scenario controls that trip and clear an alarm, and the state the simulation's
 * deployments read. How an alarm decides is {@link AlarmEvaluation}. Called under the service's lock.
 */
final class Alarms {
  /** What an alarm watches and how it decides; changed only by PutMetricAlarm. */
  record AlarmConfig(String name, String arn, String description, boolean actionsEnabled, List<String> okActions,
      List<String> alarmActions, List<String> insufficientDataActions, MetricKey metric, String statistic,
      String extendedStatistic, int period, String unit, int evaluationPeriods, int datapointsToAlarm,
      Double threshold, String comparisonOperator, String treatMissingData, Instant updatedAt, JsonNode metrics,
      String evaluateLowSampleCountPercentile) {}

  /**
   * The forms of ExtendedStatistic (botocore PutMetricAlarmInput.ExtendedStatistic: {@code p90},
   * {@code tm90}, {@code tc90}, {@code ts90}, {@code wm90}, {@code IQM}, {@code PR(n:m)},
   * {@code TM(a%:b%)}, {@code TC(..)}, {@code TS(..)}, {@code WM(..)}); percentiles between 0 and 100.
   */
  private static final java.util.regex.Pattern EXTENDED_STATISTIC = java.util.regex.Pattern.compile(
      "(?:(?:p|tm|tc|ts|wm)(?:100(?:\\.0+)?|\\d{1,2}(?:\\.\\d+)?))|IQM"
          + "|(?:TM|TC|TS|WM)\\((?:\\d{1,2}(?:\\.\\d+)?|100)?%?:(?:\\d{1,2}(?:\\.\\d+)?|100)?%?\\)"
          + "|PR\\([^:()]*:[^:()]*\\)");

  /**
   * An alarm's state. {@code pinned} is set by {@link #trip}: the alarm stays in ALARM whatever the
   * metrics say until {@link #clear}. {@code heldUntil} is set by SetAlarmState: CloudWatch keeps a
   * state set by hand until its next evaluation, one period later.
   */
  record AlarmState(String value, String reason, String reasonData, Instant updatedAt, boolean pinned,
      Instant heldUntil) {}

  record Alarm(AlarmConfig config, AlarmState state) {}

  private final Map<String, Map<String, Alarm>> regions = new HashMap<>();
  private final Metrics metrics;

  Alarms(Metrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Puts the alarm in ALARM and keeps it there, whatever its metrics say, until {@link #clear}: the
   * way a test makes a deployment's rollback alarm fire at a chosen moment.
   *
   * @throws IllegalArgumentException when the alarm does not exist
   */
  void trip(String region, String alarmName, Instant now) {
    Alarm alarm = existing(region, alarmName);
    alarms(region).put(alarmName, new Alarm(alarm.config(), AlarmEvaluation.transition(alarm.state(), "ALARM",
        "Tripped by the local control plane", now, true, null)));
  }

  /**
   * Releases a {@link #trip} and puts the alarm in OK, held until its next evaluation (one period),
   * after which its metrics decide again.
   */
  void clear(String region, String alarmName, Instant now) {
    Alarm alarm = existing(region, alarmName);
    alarms(region).put(alarmName, new Alarm(alarm.config(), AlarmEvaluation.transition(alarm.state(), "OK",
        "Cleared by the local control plane", now, false, nextBoundary(now, alarm.config().period()))));
  }

  /** The alarm's state after evaluating it at the simulation's now: OK, ALARM or INSUFFICIENT_DATA. */
  Optional<String> state(String region, String alarmName, Instant now) {
    Map<String, Alarm> alarms = regions.get(region);
    if (alarms == null || !alarms.containsKey(alarmName)) {
      return Optional.empty();
    }
    evaluate(region, now);
    return Optional.of(alarms.get(alarmName).state().value());
  }

  ObjectNode putMetricAlarm(JsonNode in, Call call) {
    String name = required(in, "AlarmName");
    int evaluationPeriods = requiredInt(in, "EvaluationPeriods");
    String operator = required(in, "ComparisonOperator");
    if (evaluationPeriods < 1) {
      throw CloudWatchException.invalidParameterValue("The value " + evaluationPeriods
          + " for parameter EvaluationPeriods is invalid.");
    }
    boolean metricMath = in.has("Metrics") && in.get("Metrics").size() > 0;
    if (!metricMath && (!in.hasNonNull("MetricName") || !in.hasNonNull("Namespace"))) {
      throw CloudWatchException.missingParameter(in.hasNonNull("MetricName") ? "Namespace" : "MetricName");
    }
    if (!metricMath && !in.hasNonNull("Statistic") && !in.hasNonNull("ExtendedStatistic")) {
      throw CloudWatchException.invalidParameterCombination("Exactly one of Statistic or ExtendedStatistic must be specified.");
    }
    int period = in.path("Period").asInt(60);
    if (!metricMath && (period < 10 || (period >= 60 && period % 60 != 0) || (period < 60 && 60 % period != 0))) {
      throw CloudWatchException.invalidParameterValue("The parameter Period must be 10, 20, 30 or a multiple of 60.");
    }
    int datapointsToAlarm = in.path("DatapointsToAlarm").asInt(evaluationPeriods);
    if (datapointsToAlarm > evaluationPeriods) {
      throw CloudWatchException.invalidParameterValue("DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
    }
    String extended = text(in, "ExtendedStatistic");
    if (extended != null && !EXTENDED_STATISTIC.matcher(extended).matches()) {
      throw CloudWatchException.invalidParameterValue("The value " + extended + " for parameter ExtendedStatistic is invalid.");
    }
    String lowSample = text(in, "EvaluateLowSampleCountPercentile");
    if (lowSample != null && !List.of("evaluate", "ignore").contains(lowSample)) {
      // botocore: "Valid Values: evaluate | ignore".
      throw CloudWatchException.invalidParameterValue("The value " + lowSample
          + " for parameter EvaluateLowSampleCountPercentile is invalid.");
    }
    String treatMissing = in.path("TreatMissingData").asText("missing");
    if (!List.of("missing", "ignore", "breaching", "notBreaching").contains(treatMissing)) {
      throw CloudWatchException.invalidParameterValue("The value " + treatMissing
          + " for parameter TreatMissingData is invalid.");
    }
    AlarmConfig config = new AlarmConfig(name, "arn:" + dev.sagemakergitops.local.protocol.Arns.partition(call.region())
        + ":cloudwatch:" + call.region() + ":" + call.accountId() + ":alarm:" + name,
        text(in, "AlarmDescription"), in.path("ActionsEnabled").asBoolean(true), texts(in.path("OKActions")),
        texts(in.path("AlarmActions")), texts(in.path("InsufficientDataActions")),
        metricMath ? null : new MetricKey(in.get("Namespace").asText(), in.get("MetricName").asText(),
            dimensions(in.path("Dimensions"))),
        text(in, "Statistic"), text(in, "ExtendedStatistic"), period, text(in, "Unit"), evaluationPeriods,
        datapointsToAlarm, in.hasNonNull("Threshold") ? in.get("Threshold").asDouble() : null, operator, treatMissing,
        call.now(), metricMath ? in.get("Metrics").deepCopy() : null, lowSample);
    Map<String, Alarm> alarms = alarms(call.region());
    Alarm existing = alarms.get(name);
    AlarmState state = existing != null ? existing.state()
        : new AlarmState("INSUFFICIENT_DATA", "Unchecked: Initial alarm creation", null, call.now(), false, null);
    alarms.put(name, new Alarm(config, state));
    evaluate(call.region(), call.now());
    return null;
  }

  ObjectNode describeAlarms(JsonNode in, Call call) {
    evaluate(call.region(), call.now());
    List<String> names = texts(in.path("AlarmNames"));
    String prefix = text(in, "AlarmNamePrefix");
    if (!names.isEmpty() && prefix != null) {
      throw CloudWatchException.invalidParameterCombination("AlarmNamePrefix and AlarmNames cannot be specified together.");
    }
    String stateValue = text(in, "StateValue");
    String actionPrefix = text(in, "ActionPrefix");
    List<String> types = texts(in.path("AlarmTypes"));
    List<Alarm> selected = new ArrayList<>();
    if (types.isEmpty() || types.contains("MetricAlarm")) {
      for (Alarm alarm : alarms(call.region()).values()) {
        AlarmConfig c = alarm.config();
        if ((names.isEmpty() || names.contains(c.name())) && (prefix == null || c.name().startsWith(prefix))
            && (stateValue == null || stateValue.equals(alarm.state().value()))
            && (actionPrefix == null || c.alarmActions().stream().anyMatch(a -> a.startsWith(actionPrefix)))) {
          selected.add(alarm);
        }
      }
    }
    int max = in.path("MaxRecords").asInt(50);
    if (max < 1 || max > 100) {
      throw CloudWatchException.invalidParameterValue("The value " + max + " for parameter MaxRecords is invalid.");
    }
    int from = offset(text(in, "NextToken"));
    int to = Math.min(selected.size(), from + max);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("MetricAlarms");
    for (Alarm alarm : selected.subList(Math.min(from, selected.size()), to)) {
      list.add(alarmJson(alarm));
    }
    out.putArray("CompositeAlarms");
    if (to < selected.size()) {
      out.put("NextToken", token(to));
    }
    return out;
  }

  ObjectNode setAlarmState(JsonNode in, Call call) {
    String name = required(in, "AlarmName");
    String value = required(in, "StateValue");
    String reason = required(in, "StateReason");
    if (!List.of("OK", "ALARM", "INSUFFICIENT_DATA").contains(value)) {
      throw CloudWatchException.invalidParameterValue("The value " + value + " for parameter StateValue is invalid.");
    }
    Alarm alarm = alarms(call.region()).get(name);
    if (alarm == null) {
      throw CloudWatchException.alarmNotFound("Alarm " + name + " not found");
    }
    AlarmState next = AlarmEvaluation.transition(alarm.state(), value, reason, call.now(), alarm.state().pinned(),
        nextBoundary(call.now(), alarm.config().period()));
    alarms(call.region()).put(name, new Alarm(alarm.config(),
        new AlarmState(next.value(), next.reason(), text(in, "StateReasonData"), next.updatedAt(), next.pinned(),
            next.heldUntil())));
    return null;
  }

  ObjectNode deleteAlarms(JsonNode in, Call call) {
    for (String name : texts(in.path("AlarmNames"))) {
      alarms(call.region()).remove(name);
    }
    return null;
  }

  /** Evaluates every alarm of {@code region} at {@code now}; see {@link AlarmEvaluation}. */
  void evaluate(String region, Instant now) {
    AlarmEvaluation.evaluate(alarms(region), metrics, region, now);
  }

  private static ObjectNode alarmJson(Alarm alarm) {
    AlarmConfig c = alarm.config();
    AlarmState s = alarm.state();
    ObjectNode out = Json.object();
    out.put("AlarmName", c.name());
    out.put("AlarmArn", c.arn());
    if (c.description() != null) {
      out.put("AlarmDescription", c.description());
    }
    out.putPOJO("AlarmConfigurationUpdatedTimestamp", c.updatedAt());
    out.put("ActionsEnabled", c.actionsEnabled());
    textList(out, "OKActions", c.okActions());
    textList(out, "AlarmActions", c.alarmActions());
    textList(out, "InsufficientDataActions", c.insufficientDataActions());
    out.put("StateValue", s.value());
    out.put("StateReason", s.reason());
    if (s.reasonData() != null) {
      out.put("StateReasonData", s.reasonData());
    }
    out.putPOJO("StateUpdatedTimestamp", s.updatedAt());
    if (c.metric() != null) {
      out.put("MetricName", c.metric().name());
      out.put("Namespace", c.metric().namespace());
    }
    if (c.statistic() != null) {
      out.put("Statistic", c.statistic());
    }
    if (c.extendedStatistic() != null) {
      out.put("ExtendedStatistic", c.extendedStatistic());
    }
    ArrayNode dimensions = out.putArray("Dimensions");
    if (c.metric() != null) {
      new TreeMap<>(c.metric().dimensions()).forEach((k, v) -> dimensions.addObject().put("Name", k).put("Value", v));
    }
    out.put("Period", c.period());
    if (c.unit() != null) {
      out.put("Unit", c.unit());
    }
    out.put("EvaluationPeriods", c.evaluationPeriods());
    out.put("DatapointsToAlarm", c.datapointsToAlarm());
    if (c.threshold() != null) {
      out.put("Threshold", c.threshold().doubleValue());
    }
    out.put("ComparisonOperator", c.comparisonOperator());
    out.put("TreatMissingData", c.treatMissingData());
    if (c.evaluateLowSampleCountPercentile() != null) {
      out.put("EvaluateLowSampleCountPercentile", c.evaluateLowSampleCountPercentile());
    }
    if (c.metrics() != null) {
      // botocore MetricAlarm.Metrics: the queries of a metric-math alarm, the expression among them.
      out.set("Metrics", c.metrics().deepCopy());
    }
    out.putPOJO("StateTransitionedTimestamp", s.updatedAt());
    return out;
  }

  private Map<String, Alarm> alarms(String region) {
    return regions.computeIfAbsent(region, r -> new TreeMap<>());
  }

  private Alarm existing(String region, String alarmName) {
    Alarm alarm = alarms(region).get(alarmName);
    if (alarm == null) {
      throw new IllegalArgumentException("no alarm " + alarmName + " in " + region);
    }
    return alarm;
  }
}
