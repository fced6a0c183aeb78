package dev.sagemakergitops.local.cloudwatch;

import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.align;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.dimensions;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.instant;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.required;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.requiredInt;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.requiredNode;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.text;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService.Call;
import dev.sagemakergitops.local.protocol.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch's metrics: the data published per region (PutMetricData, and the simulation's
 * invocations through {@link dev.sagemakergitops.local.spi.MetricRecorder}), and the statistics of a
 * period that GetMetricStatistics, GetMetricData and alarm evaluation read. Called under the
 * service's lock.
 */
final class Metrics {
  /** One metric's identity: namespace, name and the exact set of dimensions. */
  record MetricKey(String namespace, String name, Map<String, String> dimensions) {
    MetricKey {
      dimensions = Map.copyOf(dimensions);
    }
  }

  /** One published value or statistic set, at its timestamp. */
  record Datum(MetricKey metric, Instant timestamp, double sampleCount, double sum, double min, double max,
      String unit) {}

  // Per region, each metric's data in the order published. Indexed by metric (not one list per region) because
  // every statistic reads one metric: a scan of all a region's data per period made an hour of simulated traffic
  // cost seconds. The order within a metric is kept, so sums add up in the same order as before.
  private final Map<String, Map<MetricKey, List<Datum>>> regions = new HashMap<>();

  /** Publishes one value, as the simulation's invocations do. */
  void record(String region, String namespace, String metricName, Map<String, String> dimensions, double value,
      String unit, Instant timestamp) {
    MetricKey key = new MetricKey(namespace, metricName, dimensions);
    data(region, key).add(new Datum(key, timestamp, 1, value, value, value, unit == null ? "None" : unit));
  }

  private List<Datum> data(String region, MetricKey key) {
    return regions.computeIfAbsent(region, r -> new HashMap<>()).computeIfAbsent(key, k -> new ArrayList<>());
  }

  ObjectNode putMetricData(JsonNode in, Call call) {
    String namespace = required(in, "Namespace");
    if (namespace.startsWith("AWS/")) {
      // AWS reserves its own namespaces; the simulation publishes AWS/SageMaker through MetricRecorder.
      throw CloudWatchException.invalidParameterValue("The value AWS/ for parameter Namespace is invalid.");
    }
    if (!in.has("MetricData") || in.get("MetricData").size() == 0) {
      throw CloudWatchException.missingParameter("MetricData");
    }
    int index = 0;
    for (JsonNode datum : in.get("MetricData")) {
      checkDatum(datum, "MetricData.member." + ++index);
      MetricKey key = new MetricKey(namespace, required(datum, "MetricName"), dimensions(datum.path("Dimensions")));
      List<Datum> data = data(call.region(), key);
      Instant at = datum.hasNonNull("Timestamp") ? instant(datum.get("Timestamp"), "Timestamp") : call.now();
      String unit = datum.path("Unit").asText("None");
      if (datum.has("StatisticValues")) {
        JsonNode sv = datum.get("StatisticValues");
        data.add(new Datum(key, at, sv.path("SampleCount").asDouble(), sv.path("Sum").asDouble(),
            sv.path("Minimum").asDouble(), sv.path("Maximum").asDouble(), unit));
      } else if (datum.has("Values") && datum.get("Values").size() > 0) {
        JsonNode counts = datum.path("Counts");
        for (int i = 0; i < datum.get("Values").size(); i++) {
          double v = datum.get("Values").get(i).asDouble();
          double n = counts.has(i) ? counts.get(i).asDouble() : 1;
          data.add(new Datum(key, at, n, v * n, v, v, unit));
        }
      } else if (datum.has("Value")) {
        double v = datum.get("Value").asDouble();
        data.add(new Datum(key, at, 1, v, v, v, unit));
      } else {
        throw CloudWatchException.invalidParameterCombination(
            "At least one of the parameters Value, Values or StatisticValues must be specified.");
      }
    }
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

  ObjectNode getMetricStatistics(JsonNode in, Call call) {
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
    for (long t = align(start, period); t < end.getEpochSecond(); t += period) {
      Instant from = Instant.ofEpochSecond(t);
      Optional<Stats> stats = stats(call.region(), key, unit, from, from.plusSeconds(period));
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

  ObjectNode getMetricData(JsonNode in, Call call) {
    Instant start = instant(requiredNode(in, "StartTime"), "StartTime");
    Instant end = instant(requiredNode(in, "EndTime"), "EndTime");
    if (!start.isBefore(end)) {
      // The same rule and text as GetMetricStatistics (botocore: EndTime is exclusive, StartTime inclusive).
      throw CloudWatchException.invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
    }
    boolean ascending = "TimestampAscending".equals(text(in, "ScanBy"));
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("MetricDataResults");
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
        Optional<Stats> stats = stats(call.region(), key, text(stat, "Unit"), from, from.plusSeconds(period));
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

  Optional<Stats> stats(String region, MetricKey key, String unit, Instant from, Instant to) {
    double n = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    String seenUnit = null;
    for (Datum d : regions.getOrDefault(region, Map.of()).getOrDefault(key, List.of())) {
      if (!d.timestamp().isBefore(from) && d.timestamp().isBefore(to)
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
}
