package dev.sagemakergitops.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.clock.Scheduler;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.spi.AlarmReader;
import dev.sagemakergitops.local.spi.MetricRecorder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Amazon CloudWatch alarms and metrics, served in the AWS Query protocol (what the pinned Java SDK
 * 2.40.2 sends) and in Smithy RPC v2 CBOR (what the AWS CLI with botocore 1.43 sends). Both decode
 * into one input tree and render one output tree, so the two protocols cannot drift apart.
 *
 * <p>Provides {@link AlarmReader} (deployments watch alarms) and {@link MetricRecorder} (invocations
 * publish {@code AWS/SageMaker} metrics). See the package manual for the evaluation rules.
 */
public final class CloudWatchService implements LocalService {
  static final String NAMESPACE_XML = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  /** One metric's identity: namespace, name and the exact set of dimensions. */
  record MetricKey(String namespace, String name, Map<String, String> dimensions) {
    MetricKey {
      dimensions = Map.copyOf(dimensions);
    }
  }

  /** One published value or statistic set, at its timestamp. */
  record Datum(MetricKey metric, Instant timestamp, double sampleCount, double sum, double min, double max,
      String unit) {}

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

  private record Alarm(AlarmConfig config, AlarmState state) {}

  private static final class Region {
    final Map<String, Alarm> alarms = new TreeMap<>();
    final List<Datum> data = new ArrayList<>();
  }

  private final Map<String, Region> regions = new HashMap<>();
  private final Map<String, BiFunction<JsonNode, Call, ObjectNode>> operations = new TreeMap<>();
  private String accountId = "123456789012";
  private SimulationClock clock;
  private Scheduler scheduler;

  /** What an operation knows of its call besides the input. */
  record Call(String region, Instant now) {}

  public CloudWatchService() {
    operations.put("PutMetricAlarm", this::putMetricAlarm);
    operations.put("DescribeAlarms", this::describeAlarms);
    operations.put("SetAlarmState", this::setAlarmState);
    operations.put("DeleteAlarms", this::deleteAlarms);
    operations.put("PutMetricData", this::putMetricData);
    operations.put("GetMetricStatistics", this::getMetricStatistics);
    operations.put("GetMetricData", this::getMetricData);
  }

  @Override
  public void install(Installation installation) {
    this.accountId = installation.accountId();
    this.clock = installation.clock();
    this.scheduler = installation.scheduler();
    installation.route(new QueryRoute(this));
    installation.route(new CborRoute(this));
    // AWS JSON 1.0, which the AWS CLI v1 (botocore 1.43) picks from CloudWatch's protocol list.
    var json = installation.json("cloudwatch", "GraniteServiceVersion20100801");
    for (String operation : operations.keySet()) {
      json.register(operation, (input, context) -> {
        ObjectNode output = invoke(operation, input, context.region(), context.now());
        return output == null ? null : jsonTimestamps(output);
      });
    }
    installation.provide(AlarmReader.class, (region, alarmName) -> state(region, alarmName));
    installation.provide(MetricRecorder.class, this::record);
    installation.adminAction("tripAlarm", (arguments, context) -> {
      trip(arguments.path("region").asText(context.region()), arguments.path("alarmName").asText());
      return Json.object().put("alarmName", arguments.path("alarmName").asText()).put("stateValue", "ALARM");
    });
    installation.adminAction("clearAlarm", (arguments, context) -> {
      clear(arguments.path("region").asText(context.region()), arguments.path("alarmName").asText());
      return Json.object().put("alarmName", arguments.path("alarmName").asText()).put("stateValue", "OK");
    });
  }

  // --- scenario controls and capabilities ------------------------------------------------------

  /**
   * Puts the alarm in ALARM and keeps it there, whatever its metrics say, until {@link #clear}: the
   * way a test makes a deployment's rollback alarm fire at a chosen moment.
   *
   * @throws IllegalArgumentException when the alarm does not exist
   */
  public synchronized void trip(String region, String alarmName) {
    Alarm alarm = existing(region, alarmName);
    Instant now = now();
    region(region).alarms.put(alarmName, new Alarm(alarm.config(), transition(alarm.state(), "ALARM",
        "Tripped by the local control plane", now, true, null)));
  }

  /**
   * Releases a {@link #trip} and puts the alarm in OK, held until its next evaluation (one period),
   * after which its metrics decide again.
   */
  public synchronized void clear(String region, String alarmName) {
    Alarm alarm = existing(region, alarmName);
    Instant now = now();
    region(region).alarms.put(alarmName, new Alarm(alarm.config(), transition(alarm.state(), "OK",
        "Cleared by the local control plane", now, false, nextBoundary(now, alarm.config().period()))));
  }

  /** The alarm's state after evaluating it at the simulation's now: OK, ALARM or INSUFFICIENT_DATA. */
  public synchronized Optional<String> state(String region, String alarmName) {
    Region state = regions.get(region);
    if (state == null || !state.alarms.containsKey(alarmName)) {
      return Optional.empty();
    }
    evaluate(region, now());
    return Optional.of(state.alarms.get(alarmName).state().value());
  }

  /** Publishes one value, as the simulation's invocations do; alarms on that metric are evaluated at once. */
  public synchronized void record(String region, String namespace, String metricName, Map<String, String> dimensions,
      double value, String unit, Instant timestamp) {
    region(region).data.add(new Datum(new MetricKey(namespace, metricName, dimensions), timestamp, 1, value, value,
        value, unit == null ? "None" : unit));
    evaluate(region, now());
  }

  // --- protocol entry ----------------------------------------------------------------------------

  boolean knows(String operation) {
    return operations.containsKey(operation);
  }

  /** Runs {@code operation} on a decoded input; {@code null} output means an empty result. */
  synchronized ObjectNode invoke(String operation, JsonNode input, String region, Instant now) {
    BiFunction<JsonNode, Call, ObjectNode> handler = operations.get(operation);
    if (handler == null) {
      throw CloudWatchException.invalidAction(operation);
    }
    return handler.apply(input, new Call(region, now));
  }

  /** The output tree with its timestamps as the JSON protocols send them: epoch seconds. */
  private static JsonNode jsonTimestamps(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.POJONode pojo && pojo.getPojo() instanceof Instant instant) {
      return Json.MAPPER.getNodeFactory().numberNode(Json.timestamp(instant));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = Json.object();
      object.properties().forEach(field -> copy.set(field.getKey(), jsonTimestamps(field.getValue())));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      array.forEach(element -> copy.add(jsonTimestamps(element)));
      return copy;
    }
    return node;
  }

  // --- alarms ------------------------------------------------------------------------------------

  private ObjectNode putMetricAlarm(JsonNode in, Call call) {
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
        + ":cloudwatch:" + call.region() + ":" + accountId + ":alarm:" + name,
        text(in, "AlarmDescription"), in.path("ActionsEnabled").asBoolean(true), texts(in.path("OKActions")),
        texts(in.path("AlarmActions")), texts(in.path("InsufficientDataActions")),
        metricMath ? null : new MetricKey(in.get("Namespace").asText(), in.get("MetricName").asText(),
            dimensions(in.path("Dimensions"))),
        text(in, "Statistic"), text(in, "ExtendedStatistic"), period, text(in, "Unit"), evaluationPeriods,
        datapointsToAlarm, in.hasNonNull("Threshold") ? in.get("Threshold").asDouble() : null, operator, treatMissing,
        call.now(), metricMath ? in.get("Metrics").deepCopy() : null, lowSample);
    Region region = region(call.region());
    Alarm existing = region.alarms.get(name);
    AlarmState state = existing != null ? existing.state()
        : new AlarmState("INSUFFICIENT_DATA", "Unchecked: Initial alarm creation", null, call.now(), false, null);
    region.alarms.put(name, new Alarm(config, state));
    evaluate(call.region(), call.now());
    return null;
  }

  private ObjectNode describeAlarms(JsonNode in, Call call) {
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
      for (Alarm alarm : region(call.region()).alarms.values()) {
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

  private ObjectNode setAlarmState(JsonNode in, Call call) {
    String name = required(in, "AlarmName");
    String value = required(in, "StateValue");
    String reason = required(in, "StateReason");
    if (!List.of("OK", "ALARM", "INSUFFICIENT_DATA").contains(value)) {
      throw CloudWatchException.invalidParameterValue("The value " + value + " for parameter StateValue is invalid.");
    }
    Alarm alarm = region(call.region()).alarms.get(name);
    if (alarm == null) {
      throw CloudWatchException.alarmNotFound("Alarm " + name + " not found");
    }
    AlarmState next = transition(alarm.state(), value, reason, call.now(), alarm.state().pinned(),
        nextBoundary(call.now(), alarm.config().period()));
    region(call.region()).alarms.put(name, new Alarm(alarm.config(),
        new AlarmState(next.value(), next.reason(), text(in, "StateReasonData"), next.updatedAt(), next.pinned(),
            next.heldUntil())));
    return null;
  }

  private ObjectNode deleteAlarms(JsonNode in, Call call) {
    for (String name : texts(in.path("AlarmNames"))) {
      region(call.region()).alarms.remove(name);
    }
    return null;
  }

  private void evaluate(String regionName, Instant now) {
    Region region = region(regionName);
    for (Map.Entry<String, Alarm> entry : region.alarms.entrySet()) {
      Alarm alarm = entry.getValue();
      AlarmConfig c = alarm.config();
      AlarmState s = alarm.state();
      if (s.pinned() || c.metric() == null || c.threshold() == null
          || (s.heldUntil() != null && now.isBefore(s.heldUntil()))) {
        continue;
      }
      // The evaluation periods end with the period now falls in, so data the simulation just
      // published counts at once (CloudWatch waits for a period to close; see the package manual).
      long end = nextBoundary(now, c.period()).getEpochSecond();
      int present = 0;
      int breaching = 0;
      List<String> values = new ArrayList<>();
      for (int i = c.evaluationPeriods() - 1; i >= 0; i--) {
        Instant from = Instant.ofEpochSecond(end - (long) (i + 1) * c.period());
        Optional<Stats> stats = stats(region, c.metric(), c.unit(), from, from.plusSeconds(c.period()));
        if (stats.isEmpty()) {
          continue;
        }
        double value = stats.get().value(c.statistic() != null ? c.statistic() : "Average");
        present++;
        values.add(String.valueOf(value));
        if (breaches(c.comparisonOperator(), value, c.threshold())) {
          breaching++;
        }
      }
      int missing = c.evaluationPeriods() - present;
      switch (c.treatMissingData()) {
        case "breaching" -> breaching += missing;
        case "notBreaching" -> present += missing;
        default -> { }
      }
      String next;
      String reason;
      if (breaching >= c.datapointsToAlarm()) {
        next = "ALARM";
        reason = "Threshold Crossed: " + breaching + " out of the last " + c.evaluationPeriods() + " datapoints "
            + values + " breached the threshold (" + c.threshold() + ") (minimum " + c.datapointsToAlarm()
            + " datapoints for OK -> ALARM transition).";
      } else if (present == 0 && missing == c.evaluationPeriods() && !c.treatMissingData().equals("breaching")) {
        if (c.treatMissingData().equals("ignore")) {
          continue;
        }
        next = "INSUFFICIENT_DATA";
        reason = "Insufficient Data: " + c.evaluationPeriods() + " datapoints were unknown.";
      } else {
        next = "OK";
        reason = "Threshold Crossed: " + breaching + " out of the last " + c.evaluationPeriods() + " datapoints "
            + values + " breached the threshold (" + c.threshold() + ") (minimum " + c.datapointsToAlarm()
            + " datapoints for ALARM -> OK transition).";
      }
      if (!next.equals(s.value())) {
        entry.setValue(new Alarm(c, transition(s, next, reason, now, false, null)));
      }
    }
  }

  private static AlarmState transition(AlarmState from, String value, String reason, Instant now, boolean pinned,
      Instant heldUntil) {
    // The timestamp moves only when the state value changes, as CloudWatch's StateUpdatedTimestamp.
    Instant updated = value.equals(from.value()) ? from.updatedAt() : now;
    return new AlarmState(value, reason, null, updated, pinned, heldUntil);
  }

  private static boolean breaches(String operator, double value, double threshold) {
    return switch (operator) {
      case "GreaterThanOrEqualToThreshold" -> value >= threshold;
      case "GreaterThanThreshold" -> value > threshold;
      case "LessThanThreshold" -> value < threshold;
      case "LessThanOrEqualToThreshold" -> value <= threshold;
      default -> false;
    };
  }

  private ObjectNode alarmJson(Alarm alarm) {
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

  // --- metrics -----------------------------------------------------------------------------------

  private ObjectNode putMetricData(JsonNode in, Call call) {
    String namespace = required(in, "Namespace");
    if (namespace.startsWith("AWS/")) {
      // AWS reserves its own namespaces; the simulation publishes AWS/SageMaker through MetricRecorder.
      throw CloudWatchException.invalidParameterValue("The value AWS/ for parameter Namespace is invalid.");
    }
    if (!in.has("MetricData") || in.get("MetricData").size() == 0) {
      throw CloudWatchException.missingParameter("MetricData");
    }
    Region region = region(call.region());
    int index = 0;
    for (JsonNode datum : in.get("MetricData")) {
      checkDatum(datum, "MetricData.member." + ++index);
      MetricKey key = new MetricKey(namespace, required(datum, "MetricName"), dimensions(datum.path("Dimensions")));
      Instant at = datum.hasNonNull("Timestamp") ? instant(datum.get("Timestamp"), "Timestamp") : call.now();
      String unit = datum.path("Unit").asText("None");
      if (datum.has("StatisticValues")) {
        JsonNode sv = datum.get("StatisticValues");
        region.data.add(new Datum(key, at, sv.path("SampleCount").asDouble(), sv.path("Sum").asDouble(),
            sv.path("Minimum").asDouble(), sv.path("Maximum").asDouble(), unit));
      } else if (datum.has("Values") && datum.get("Values").size() > 0) {
        JsonNode counts = datum.path("Counts");
        for (int i = 0; i < datum.get("Values").size(); i++) {
          double v = datum.get("Values").get(i).asDouble();
          double n = counts.has(i) ? counts.get(i).asDouble() : 1;
          region.data.add(new Datum(key, at, n, v * n, v, v, unit));
        }
      } else if (datum.has("Value")) {
        double v = datum.get("Value").asDouble();
        region.data.add(new Datum(key, at, 1, v, v, v, unit));
      } else {
        throw CloudWatchException.invalidParameterCombination(
            "At least one of the parameters Value, Values or StatisticValues must be specified.");
      }
    }
    evaluate(call.region(), call.now());
    return null;
  }

  /**
   * PutMetricData's rules for one datum (botocore MetricDatum): Value, Values and StatisticValues
   * exclude each other ("You can publish either individual values in the Value field, or arrays of
   * values ... by using the Values and Counts fields"); Counts has as many items as Values; values are
   * finite and within 2^-260 to 2^360 in magnitude ("special values (for example, NaN, +Infinity,
   * -Infinity) are not supported"). The texts are CloudWatch's Query-style ones as moto writes them;
   * AWS does not document them.
   */
  private static void checkDatum(JsonNode datum, String at) {
    List<String> given = new ArrayList<>();
    for (String member : List.of("Value", "Values", "StatisticValues")) {
      if (datum.has(member) && !(datum.get(member).isArray() && datum.get(member).isEmpty())) {
        given.add(member);
      }
    }
    if (given.size() > 1) {
      throw CloudWatchException.invalidParameterCombination("The parameters " + at + "." + given.get(0) + " and " + at
          + "." + given.get(1) + " are mutually exclusive and you have specified both.");
    }
    if (datum.has("Counts") && datum.path("Counts").size() > 0 && datum.path("Counts").size() != datum.path("Values").size()) {
      throw CloudWatchException.invalidParameterValue("The parameters " + at + ".Values and " + at
          + ".Counts must be of the same size.");
    }
    List<JsonNode> numbers = new ArrayList<>();
    if (datum.has("Value")) {
      numbers.add(datum.get("Value"));
    }
    datum.path("Values").forEach(numbers::add);
    datum.path("StatisticValues").forEach(numbers::add);
    for (JsonNode number : numbers) {
      double value = number.isNumber() ? number.asDouble() : parseDouble(number.asText());
      if (Double.isNaN(value) || Double.isInfinite(value) || Math.abs(value) > Math.pow(2, 360)
          || (value != 0 && Math.abs(value) < Math.pow(2, -260))) {
        throw CloudWatchException.invalidParameterValue("The value " + number.asText() + " for parameter " + at
            + (datum.has("Value") && number == datum.get("Value") ? ".Value" : ".Values") + " is invalid.");
      }
    }
  }

  private static double parseDouble(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private ObjectNode getMetricStatistics(JsonNode in, Call call) {
    MetricKey key = new MetricKey(required(in, "Namespace"), required(in, "MetricName"), dimensions(in.path("Dimensions")));
    Instant start = instant(requiredNode(in, "StartTime"), "StartTime");
    Instant end = instant(requiredNode(in, "EndTime"), "EndTime");
    int period = requiredInt(in, "Period");
    List<String> statistics = texts(in.path("Statistics"));
    if (statistics.isEmpty() && texts(in.path("ExtendedStatistics")).isEmpty()) {
      throw CloudWatchException.missingParameter("Statistics");
    }
    if (!start.isBefore(end)) {
      throw CloudWatchException.invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
    }
    String unit = text(in, "Unit");
    ObjectNode out = Json.object();
    out.put("Label", key.name());
    ArrayNode points = out.putArray("Datapoints");
    Region region = region(call.region());
    for (long t = align(start, period); t < end.getEpochSecond(); t += period) {
      Instant from = Instant.ofEpochSecond(t);
      Optional<Stats> stats = stats(region, key, unit, from, from.plusSeconds(period));
      if (stats.isEmpty()) {
        continue;
      }
      ObjectNode point = points.addObject();
      point.putPOJO("Timestamp", from);
      for (String statistic : statistics) {
        point.put(statistic, stats.get().value(statistic));
      }
      point.put("Unit", stats.get().unit());
    }
    return out;
  }

  private ObjectNode getMetricData(JsonNode in, Call call) {
    Instant start = instant(requiredNode(in, "StartTime"), "StartTime");
    Instant end = instant(requiredNode(in, "EndTime"), "EndTime");
    if (!start.isBefore(end)) {
      // The same rule and text as GetMetricStatistics (botocore: EndTime is exclusive, StartTime inclusive).
      throw CloudWatchException.invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
    }
    boolean ascending = "TimestampAscending".equals(text(in, "ScanBy"));
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("MetricDataResults");
    Region region = region(call.region());
    for (JsonNode query : in.path("MetricDataQueries")) {
      String id = required(query, "Id");
      if (!query.has("MetricStat")) {
        throw query.has("Expression")
            ? CloudWatchException.invalidParameterValue("The local control plane answers MetricStat queries only; "
                + "query " + id + " has an Expression.")
            : CloudWatchException.invalidParameterCombination("Exactly one of MetricStat and Expression must be "
                + "specified for query " + id + ".");
      }
      JsonNode stat = query.get("MetricStat");
      JsonNode metric = stat.path("Metric");
      MetricKey key = new MetricKey(required(metric, "Namespace"), required(metric, "MetricName"),
          dimensions(metric.path("Dimensions")));
      int period = requiredInt(stat, "Period");
      String statistic = required(stat, "Stat");
      List<Instant> times = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (long t = align(start, period); t < end.getEpochSecond(); t += period) {
        Instant from = Instant.ofEpochSecond(t);
        Optional<Stats> stats = stats(region, key, text(stat, "Unit"), from, from.plusSeconds(period));
        if (stats.isPresent()) {
          times.add(from);
          values.add(stats.get().value(statistic));
        }
      }
      if (query.path("ReturnData").asBoolean(true)) {
        ObjectNode result = results.addObject();
        result.put("Id", id);
        result.put("Label", query.path("Label").asText(key.name()));
        ArrayNode timestamps = result.putArray("Timestamps");
        ArrayNode numbers = result.putArray("Values");
        for (int i = 0; i < times.size(); i++) {
          int at = ascending ? i : times.size() - 1 - i;
          timestamps.addPOJO(times.get(at));
          numbers.add(values.get(at));
        }
        result.put("StatusCode", "Complete");
      }
    }
    out.putArray("Messages");
    return out;
  }

  /** The aggregate of one period. */
  record Stats(double sampleCount, double sum, double min, double max, String unit) {
    double value(String statistic) {
      return switch (statistic) {
        case "SampleCount" -> sampleCount;
        case "Sum" -> sum;
        case "Minimum" -> min;
        case "Maximum" -> max;
        case "Average" -> sampleCount == 0 ? 0 : sum / sampleCount;
        default -> throw CloudWatchException.invalidParameterValue("The value " + statistic
            + " for parameter Statistics is invalid.");
      };
    }
  }

  private static Optional<Stats> stats(Region region, MetricKey key, String unit, Instant from, Instant to) {
    double n = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    String seenUnit = null;
    for (Datum d : region.data) {
      if (d.metric().equals(key) && !d.timestamp().isBefore(from) && d.timestamp().isBefore(to)
          && (unit == null || unit.equals(d.unit()))) {
        n += d.sampleCount();
        sum += d.sum();
        min = Math.min(min, d.min());
        max = Math.max(max, d.max());
        seenUnit = d.unit();
      }
    }
    return seenUnit == null ? Optional.empty() : Optional.of(new Stats(n, sum, min, max, seenUnit));
  }

  // --- helpers -----------------------------------------------------------------------------------

  private Region region(String name) {
    return regions.computeIfAbsent(name, r -> new Region());
  }

  private Alarm existing(String region, String alarmName) {
    Alarm alarm = region(region).alarms.get(alarmName);
    if (alarm == null) {
      throw new IllegalArgumentException("no alarm " + alarmName + " in " + region);
    }
    return alarm;
  }

  /**
   * The simulation's now: the time of the event being run, or of the request being answered (the
   * control plane runs due events before each request); the clock's before the first of either.
   */
  private Instant now() {
    Instant current = scheduler == null ? Instant.EPOCH : scheduler.current();
    return current.equals(Instant.EPOCH) && clock != null ? clock.instant() : current;
  }

  private static long align(Instant instant, int period) {
    return Math.floorDiv(instant.getEpochSecond(), period) * period;
  }

  private static Instant nextBoundary(Instant now, int period) {
    return Instant.ofEpochSecond(align(now, period) + period);
  }

  private static Map<String, String> dimensions(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode d : list) {
      out.put(required(d, "Name"), required(d, "Value"));
    }
    return out;
  }

  private static void textList(ObjectNode out, String member, List<String> values) {
    ArrayNode list = out.putArray(member);
    values.forEach(list::add);
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list.isArray()) {
      list.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  private static String text(JsonNode in, String member) {
    JsonNode value = in.get(member);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String required(JsonNode in, String member) {
    String value = text(in, member);
    if (value == null) {
      throw CloudWatchException.missingParameter(member);
    }
    return value;
  }

  private static JsonNode requiredNode(JsonNode in, String member) {
    required(in, member);
    return in.get(member);
  }

  private static int requiredInt(JsonNode in, String member) {
    String value = required(in, member);
    try {
      return new BigDecimal(value).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw CloudWatchException.invalidParameterValue("The value " + value + " for parameter " + member + " is invalid.");
    }
  }

  /** A timestamp as either protocol sends it: epoch seconds (CBOR) or ISO 8601 text (Query). */
  static Instant instant(JsonNode value, String member) {
    if (value.isNumber()) {
      return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }
    String text = value.asText();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000));
      } catch (NumberFormatException nested) {
        throw CloudWatchException.invalidParameterValue("The value " + text + " for parameter " + member + " is invalid.");
      }
    }
  }

  private static String token(int offset) {
    return Base64.getUrlEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
          .substring("offset:".length()));
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw CloudWatchException.invalidNextToken();
    }
  }
}
