package dev.sagemakergitops.local.sagemaker.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.sagemaker.training.TrainingJob.Metric;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a completed training job leaves: its {@code model.tar.gz} and its final metrics, both derived
 * from the job's own request so that the same job spec gives the same artifact and scores.
 */
final class TrainingArtifacts {
  private TrainingArtifacts() {}

  /** {@code model.tar.gz} with one {@code model.json}: the job name, its hyperparameters and the input objects it read. */
  static byte[] artifactOf(TrainingJob job, List<String> inputObjects, Instant at) {
    ObjectNode model = Json.object();
    model.put("trainingJobName", job.name());
    model.set("hyperParameters", job.request().path("HyperParameters").isObject()
        ? job.request().get("HyperParameters").deepCopy() : Json.object());
    ArrayNode inputs = model.putArray("inputObjects");
    inputObjects.forEach(inputs::add);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("model.json", model.toPrettyString().getBytes(StandardCharsets.UTF_8));
    return ModelArchive.tarGz(entries, at.getEpochSecond());
  }

  /**
   * One metric per {@code AlgorithmSpecification.MetricDefinitions} name, or {@code validation:auc}
   * when none is defined; each value in [0.70, 0.95) from a hash of the job name and its
   * hyperparameters, so the same job spec scores the same and a changed one scores differently.
   */
  static List<Metric> finalMetrics(TrainingJob job, Instant at) {
    List<String> names = new ArrayList<>();
    for (JsonNode definition : job.request().path("AlgorithmSpecification").path("MetricDefinitions")) {
      names.add(definition.path("Name").asText());
    }
    if (names.isEmpty()) {
      names.add("validation:auc");
    }
    List<Metric> metrics = new ArrayList<>();
    for (String name : names) {
      metrics.add(new Metric(name, metricValue(job.name(), job.request().path("HyperParameters"), name), at));
    }
    return metrics;
  }

  /** The value {@link #finalMetrics} reports, with 4 decimals. */
  static double metricValue(String jobName, JsonNode hyperParameters, String metricName) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((jobName + "\n" + metricName + "\n").getBytes(StandardCharsets.UTF_8));
      if (hyperParameters != null && hyperParameters.isObject()) {
        // Sorted, so that the order of the request's map does not matter.
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
        hyperParameters.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        sorted.forEach((key, value) -> sha.update((key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
      }
      byte[] digest = sha.digest();
      int bits = ((digest[0] & 0xff) << 8) | (digest[1] & 0xff);
      return Math.round((0.70 + 0.25 * bits / 65536.0) * 10_000) / 10_000.0;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
