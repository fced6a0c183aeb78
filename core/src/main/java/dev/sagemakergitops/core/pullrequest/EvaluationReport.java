package dev.sagemakergitops.core.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers of a model quality report, the JSON a package version's
 * {@code ModelMetrics.ModelQuality.Statistics} points at. SageMaker's own reports (Model Monitor's
 * model quality, Autopilot, the evaluation step of SageMaker Pipelines) nest each metric as
 * {@code {"value": 0.91, "standard_deviation": 0.01}} under a problem type such as
 * {@code binary_classification_metrics}
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-model-quality-metrics.html">
 * Model quality metrics</a>); hand-written reports are often flat. Both read as
 * {@code path.to.metric -> value}: a {@code value} with its {@code standard_deviation} as
 * {@code 0.91 ± 0.01}, every other number as it is; arrays (confusion matrices, curves) are left
 * out, since they do not fit a line.
 */
public final class EvaluationReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvaluationReport() {}

  /** The report's metrics by dotted path, in the report's order; empty when it is not JSON. */
  public static Map<String, String> metrics(byte[] report) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      collect("", JSON.readTree(report), out);
    } catch (IOException notJson) {
      return Map.of();
    }
    return out;
  }

  private static void collect(String path, JsonNode node, Map<String, String> out) {
    if (node == null) {
      return;
    }
    if (node.isNumber()) {
      out.put(path, node.asText());
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode value = node.get("value");
    if (value != null && value.isNumber()) {
      JsonNode deviation = node.get("standard_deviation");
      out.put(path, value.asText() + (deviation != null && deviation.isNumber() ? " ± " + deviation.asText() : ""));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      collect(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
    }
  }
}
