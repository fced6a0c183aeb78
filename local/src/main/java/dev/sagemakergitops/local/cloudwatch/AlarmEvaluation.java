package dev.sagemakergitops.local.cloudwatch;

import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.nextBoundary;

import dev.sagemakergitops.local.cloudwatch.Alarms.Alarm;
import dev.sagemakergitops.local.cloudwatch.Alarms.AlarmConfig;
import dev.sagemakergitops.local.cloudwatch.Alarms.AlarmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a metric alarm decides its state from its metric's data (see the package manual, Evaluation):
 * the periods that breach, missing data per {@code TreatMissingData}, and CloudWatch's state reasons.
 */
final class AlarmEvaluation {
  private AlarmEvaluation() {}

  static void evaluate(Map<String, Alarm> alarms, Metrics metrics, String region, Instant now) {
    for (Map.Entry<String, Alarm> entry : alarms.entrySet()) {
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
        Optional<Metrics.Stats> stats = metrics.stats(region, c.metric(), c.unit(), from, from.plusSeconds(c.period()));
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

  static AlarmState transition(AlarmState from, String value, String reason, Instant now, boolean pinned,
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
}
