package dev.sagemakergitops.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads of CloudWatch request members from the decoded input tree, with CloudWatch's errors for a
 * missing or malformed one, and the pieces of output and paging every operation shares.
 */
final class CloudWatchInput {
  private CloudWatchInput() {}

  static Map<String, String> dimensions(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode d : list) {
      out.put(required(d, "Name"), required(d, "Value"));
    }
    return out;
  }

  static void textList(ObjectNode out, String member, List<String> values) {
    ArrayNode list = out.putArray(member);
    values.forEach(list::add);
  }

  /**
   * The members every alarm kind describes alike (botocore MetricAlarm and CompositeAlarm): name,
   * ARN, description, configuration time, actions.
   */
  static ObjectNode alarmHead(String name, String arn, String description, Instant updatedAt, boolean actionsEnabled,
      List<String> okActions, List<String> alarmActions, List<String> insufficientDataActions) {
    ObjectNode out = dev.sagemakergitops.local.protocol.Json.object();
    out.put("AlarmName", name);
    out.put("AlarmArn", arn);
    if (description != null) {
      out.put("AlarmDescription", description);
    }
    out.putPOJO("AlarmConfigurationUpdatedTimestamp", updatedAt);
    out.put("ActionsEnabled", actionsEnabled);
    textList(out, "OKActions", okActions);
    textList(out, "AlarmActions", alarmActions);
    textList(out, "InsufficientDataActions", insufficientDataActions);
    return out;
  }

  static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list.isArray()) {
      list.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  static String text(JsonNode in, String member) {
    JsonNode value = in.get(member);
    return value == null || value.isNull() ? null : value.asText();
  }

  static String required(JsonNode in, String member) {
    String value = text(in, member);
    if (value == null) {
      throw CloudWatchException.missingParameter(member);
    }
    return value;
  }

  static JsonNode requiredNode(JsonNode in, String member) {
    required(in, member);
    return in.get(member);
  }

  static int requiredInt(JsonNode in, String member) {
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

  static String token(int offset) {
    return Base64.getUrlEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  static int offset(String token) {
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

  /** The start of the period {@code instant} falls in; periods are aligned to the epoch. */
  static long align(Instant instant, int period) {
    return Math.floorDiv(instant.getEpochSecond(), period) * period;
  }

  /** The end of the period {@code now} falls in. */
  static Instant nextBoundary(Instant now, int period) {
    return Instant.ofEpochSecond(align(now, period) + period);
  }
}
