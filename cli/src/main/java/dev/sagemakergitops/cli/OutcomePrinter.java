package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.plan.PlanRenderer;
import dev.sagemakergitops.core.redaction.Redaction;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Prints how operations ended: as text (a summary on standard output; failures and refusals on
 * standard error, problems as {@code file:line:column: field: message}) or as one JSON document on
 * standard output. The JSON form is described in {@code docs/cli.md}.
 */
final class OutcomePrinter {
  static final int SCHEMA_VERSION = 1;

  private OutcomePrinter() {}

  /** The JSON document of a command that ran one operation. */
  static ObjectNode json(String command, OperationOutcome outcome) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("command", command);
    root.setAll(outcomeJson(outcome));
    return root;
  }

  /**
   * One outcome's fields: operation, outcome, exitCode, manifest, result, failure, problems, record,
   * state, warnings.
   */
  static ObjectNode outcomeJson(OperationOutcome outcome) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("operation", outcome.operation());
    node.put("outcome", outcome.status().wireName());
    node.put("exitCode", outcome.getExitCode());
    node.set("manifest", JsonOutput.tree(outcome.manifest()));
    node.set("result", JsonOutput.tree(outcome.result()));
    node.set("failure", failureJson(outcome.failure()));
    node.set("problems", JsonOutput.tree(PlanRenderer.problemsJson(outcome.problems())));
    node.put("record", outcome.record() == null ? null : outcome.record().toString());
    node.put("state", outcome.state() == null ? null : outcome.state().toString());
    ArrayNode warnings = node.putArray("warnings");
    outcome.warnings().forEach(warnings::add);
    outcome.followUps().forEach((name, value) -> node.set(name, JsonOutput.tree(value)));
    return node;
  }

  private static JsonNode failureJson(OperationFailure failure) {
    if (failure == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", failure.kind().name());
    node.put("message", failure.message());
    node.put("failureReason", failure.failureReason());
    ArrayNode alarms = node.putArray("alarms");
    failure.alarms().forEach(alarms::add);
    return node;
  }

  /** The text form: a summary of the result on {@code out}, or the failure or the problems on {@code err}. */
  static void text(OperationOutcome outcome, PrintWriter out, PrintWriter err) {
    String subject = outcome.operation() + (outcome.manifest() == null ? "" : " " + outcome.manifest().name());
    switch (outcome.status()) {
      case SUCCEEDED:
        out.println(subject + ": succeeded");
        for (String line : fieldLines(JsonOutput.tree(outcome.result()))) {
          out.println("  " + line);
        }
        break;
      case REFUSED:
        for (ManifestProblem problem : outcome.problems()) {
          err.println(problem);
        }
        err.println(subject + ": refused, nothing was changed (" + outcome.problems().size()
            + (outcome.problems().size() == 1 ? " problem" : " problems") + ")");
        break;
      default:
        OperationFailure failure = outcome.failure();
        err.println("error: " + subject + " " + verb(failure.kind()) + ": "
            + Redaction.withoutUrlCredentials(failure.message()));
        if (failure.failureReason() != null && !failure.message().contains(failure.failureReason())) {
          err.println("  SageMaker says: " + Redaction.withoutUrlCredentials(failure.failureReason()));
        }
        if (!failure.alarms().isEmpty()) {
          err.println("  alarms in ALARM: " + String.join(", ", failure.alarms()));
        }
        break;
    }
    for (String line : fieldLines(JsonOutput.tree(outcome.followUps()))) {
      out.println("  " + line);
    }
    if (outcome.record() != null) {
      out.println("  record: " + outcome.record());
    }
    for (String warning : outcome.warnings()) {
      err.println("warning: " + warning);
    }
    out.flush();
    err.flush();
  }

  private static String verb(OperationFailure.Kind kind) {
    switch (kind) {
      case ROLLED_BACK:
        return "rolled back";
      case REJECTED:
        return "rejected";
      case CANCELLED:
        return "cancelled";
      case TIMED_OUT:
        return "timed out";
      case CONFLICT:
        return "conflict";
      default:
        return "failed";
    }
  }

  /** {@code field: value} lines of a JSON object; nested objects and lists are written inline. */
  static List<String> fieldLines(JsonNode node) {
    List<String> lines = new ArrayList<>();
    if (node == null || !node.isObject()) {
      return lines;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isNull() || (value.isContainerNode() && value.isEmpty())) {
        continue;
      }
      lines.add(field.getKey() + ": " + inline(value));
    }
    return lines;
  }

  private static String inline(JsonNode value) {
    if (value.isValueNode()) {
      return Redaction.withoutUrlCredentials(value.asText());
    }
    List<String> parts = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(item -> parts.add(inline(item)));
      return String.join(", ", parts);
    }
    value.fields().forEachRemaining(e -> {
      if (!e.getValue().isNull()) {
        parts.add(e.getKey() + "=" + inline(e.getValue()));
      }
    });
    return "{" + String.join(", ", parts) + "}";
  }
}
