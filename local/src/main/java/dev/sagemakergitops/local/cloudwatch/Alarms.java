package dev.sagemakergitops.local.cloudwatch;

import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.alarmHead;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.dimensions;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.nextBoundary;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.offset;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.required;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.requiredInt;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.text;
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
 * CloudWatch's alarms per region: PutMetricAlarm, PutCompositeAlarm, DescribeAlarms, SetAlarmState
 * and DeleteAlarms, the scenario controls that trip and clear an alarm, and the state the
 * simulation's deployments read. How a metric alarm decides is {@link AlarmEvaluation}; composite
 * alarms are {@link CompositeAlarms}. Called under the service's lock.
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
  private final CompositeAlarms composites = new CompositeAlarms();
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
    if (composites.exists(region, alarmName)) {
      composites.pin(region, alarmName, true, now);
      return;
    }
    Alarm alarm = existing(region, alarmName);
    alarms(region).put(alarmName, new Alarm(alarm.config(), AlarmEvaluation.transition(alarm.state(), "ALARM",
        "Tripped by the local control plane", now, true, null)));
  }

  /**
   * Releases a {@link #trip} and puts the alarm in OK, held until its next evaluation (one period),
   * after which its metrics decide again.
   */
  void clear(String region, String alarmName, Instant now) {
    if (composites.exists(region, alarmName)) {
      composites.pin(region, alarmName, false, now);
      return;
    }
    Alarm alarm = existing(region, alarmName);
    alarms(region).put(alarmName, new Alarm(alarm.config(), AlarmEvaluation.transition(alarm.state(), "OK",
        "Cleared by the local control plane", now, false, nextBoundary(now, alarm.config().period()))));
  }

  /** The alarm's state after evaluating it at the simulation's now: OK, ALARM or INSUFFICIENT_DATA. */
  Optional<String> state(String region, String alarmName, Instant now) {
    if (composites.exists(region, alarmName)) {
      evaluate(region, now);
      return composites.state(region, alarmName);
    }
    Map<String, Alarm> alarms = regions.get(region);
    if (alarms == null || !alarms.containsKey(alarmName)) {
      return Optional.empty();
    }
    evaluate(region, now);
    return Optional.of(alarms.get(alarmName).state().value());
  }

  /** PutCompositeAlarm; see {@link CompositeAlarms}. */
  ObjectNode putCompositeAlarm(JsonNode in, Call call) {
    evaluate(call.region(), call.now());
    composites.put(in, call, alarms(call.region()));
    evaluate(call.region(), call.now());
    return null;
  }

  ObjectNode putMetricAlarm(JsonNode in, Call call) {
    String name = required(in, "AlarmName");
    if (composites.exists(call.region(), name)) {
      // Alarm names are unique within a region (botocore PutCompositeAlarmInput.AlarmName); what
      // CloudWatch answers here is undocumented: refused, the harder reading.
      throw CloudWatchException.invalidParameterValue("The alarm " + name + " is a composite alarm; a metric alarm "
          + "cannot have its name.");
    }
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
    String childrenOf = text(in, "ChildrenOfAlarmName");
    String parentsOf = text(in, "ParentsOfAlarmName");
    if (childrenOf != null || parentsOf != null) {
      return relatives(in, call, childrenOf, parentsOf);
    }
    List<String> names = texts(in.path("AlarmNames"));
    String prefix = text(in, "AlarmNamePrefix");
    if (!names.isEmpty() && prefix != null) {
      throw CloudWatchException.invalidParameterCombination("AlarmNamePrefix and AlarmNames cannot be specified together.");
    }
    String stateValue = text(in, "StateValue");
    String actionPrefix = text(in, "ActionPrefix");
    // botocore DescribeAlarmsInput.AlarmTypes: "If you omit this parameter, only metric alarms are
    // returned, even if composite alarms exist in the account."
    List<String> types = texts(in.path("AlarmTypes"));
    // Metric alarms first, then composite ones; one list is paged, both kinds together.
    List<ObjectNode> selected = new ArrayList<>();
    List<Boolean> composite = new ArrayList<>();
    if (types.isEmpty() || types.contains("MetricAlarm")) {
      for (Alarm alarm : alarms(call.region()).values()) {
        AlarmConfig c = alarm.config();
        if (selects(c.name(), alarm.state().value(), c.alarmActions(), names, prefix, stateValue, actionPrefix)) {
          selected.add(alarmJson(alarm));
          composite.add(false);
        }
      }
    }
    if (types.contains("CompositeAlarm")) {
      for (CompositeAlarms.Composite alarm : composites.in(call.region()).values()) {
        if (selects(alarm.config().name(), alarm.state().value(), alarm.config().alarmActions(), names, prefix,
            stateValue, actionPrefix)) {
          selected.add(CompositeAlarms.json(alarm));
          composite.add(true);
        }
      }
    }
    return page(in, selected, composite);
  }

  private static boolean selects(String name, String state, List<String> actions, List<String> names, String prefix,
      String stateValue, String actionPrefix) {
    return (names.isEmpty() || names.contains(name)) && (prefix == null || name.startsWith(prefix))
        && (stateValue == null || stateValue.equals(state))
        && (actionPrefix == null || actions.stream().anyMatch(a -> a.startsWith(actionPrefix)));
  }

  private static ObjectNode page(JsonNode in, List<ObjectNode> selected, List<Boolean> composite) {
    int max = in.path("MaxRecords").asInt(50);
    if (max < 1 || max > 100) {
      throw CloudWatchException.invalidParameterValue("The value " + max + " for parameter MaxRecords is invalid.");
    }
    int from = Math.min(offset(text(in, "NextToken")), selected.size());
    int to = Math.min(selected.size(), from + max);
    ObjectNode out = Json.object();
    ArrayNode metricList = out.putArray("MetricAlarms");
    ArrayNode compositeList = out.putArray("CompositeAlarms");
    for (int i = from; i < to; i++) {
      (composite.get(i) ? compositeList : metricList).add(selected.get(i));
    }
    if (to < selected.size()) {
      out.put("NextToken", token(to));
    }
    return out;
  }

  /**
   * DescribeAlarms with {@code ChildrenOfAlarmName} (name, ARN, state and its timestamp of each alarm
   * the composite alarm's rule names) or {@code ParentsOfAlarmName} (name and ARN of each composite
   * alarm whose rule names it); botocore: with either, "you cannot specify any other parameters in the
   * request except for MaxRecords and NextToken. If you do so, you receive a validation error."
   */
  private ObjectNode relatives(JsonNode in, Call call, String childrenOf, String parentsOf) {
    for (var field = in.fieldNames(); field.hasNext();) {
      String name = field.next();
      if (!List.of("ChildrenOfAlarmName", "ParentsOfAlarmName", "MaxRecords", "NextToken").contains(name)
          && !in.get(name).isNull() && !(in.get(name).isArray() && in.get(name).isEmpty())) {
        throw CloudWatchException.validationError("ChildrenOfAlarmName and ParentsOfAlarmName cannot be specified "
            + "with " + name + ".");
      }
    }
    if (childrenOf != null && parentsOf != null) {
      throw CloudWatchException.validationError("ChildrenOfAlarmName and ParentsOfAlarmName cannot be specified "
          + "together.");
    }
    List<ObjectNode> selected = new ArrayList<>();
    List<Boolean> composite = new ArrayList<>();
    List<String> related = childrenOf != null ? composites.childrenOf(call.region(), childrenOf)
        : composites.parentsOf(call.region(), parentsOf);
    for (String name : related) {
      boolean isComposite = composites.exists(call.region(), name);
      ObjectNode full = isComposite ? CompositeAlarms.json(composites.in(call.region()).get(name))
          : alarmJson(alarms(call.region()).get(name));
      ObjectNode brief = Json.object();
      List<String> kept = childrenOf != null
          ? List.of("AlarmName", "AlarmArn", "StateValue", "StateUpdatedTimestamp") : List.of("AlarmName", "AlarmArn");
      kept.forEach(k -> brief.set(k, full.get(k)));
      selected.add(brief);
      composite.add(isComposite);
    }
    return page(in, selected, composite);
  }

  ObjectNode setAlarmState(JsonNode in, Call call) {
    String name = required(in, "AlarmName");
    String value = required(in, "StateValue");
    String reason = required(in, "StateReason");
    if (!List.of("OK", "ALARM", "INSUFFICIENT_DATA").contains(value)) {
      throw CloudWatchException.invalidParameterValue("The value " + value + " for parameter StateValue is invalid.");
    }
    if (composites.exists(call.region(), name)) {
      composites.set(call.region(), name, value, reason, call.now());
      return null;
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
    List<String> names = texts(in.path("AlarmNames"));
    composites.checkDeletion(call.region(), names);
    for (String name : names) {
      alarms(call.region()).remove(name);
      composites.delete(call.region(), name);
    }
    return null;
  }

  /**
   * Evaluates every alarm of {@code region} at {@code now}: the metric alarms (see
   * {@link AlarmEvaluation}), then the composite alarms over them.
   */
  void evaluate(String region, Instant now) {
    AlarmEvaluation.evaluate(alarms(region), metrics, region, now);
    composites.evaluate(region, now, alarms(region));
  }

  private static ObjectNode alarmJson(Alarm alarm) {
    AlarmConfig c = alarm.config();
    AlarmState s = alarm.state();
    ObjectNode out = alarmHead(c.name(), c.arn(), c.description(), c.updatedAt(), c.actionsEnabled(), c.okActions(),
        c.alarmActions(), c.insufficientDataActions());
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
