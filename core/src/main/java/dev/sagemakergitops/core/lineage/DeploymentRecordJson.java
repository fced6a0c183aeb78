package dev.sagemakergitops.core.lineage;

import static dev.sagemakergitops.core.lineage.LineageJson.put;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.redaction.Redaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link DeploymentRecord} as the tree {@code docs/deployment-record.schema.json} describes. */
final class DeploymentRecordJson {
  private DeploymentRecordJson() {}

  static Map<String, Object> tree(DeploymentRecord record) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schemaVersion", DeploymentRecord.SCHEMA_VERSION);
    out.put("operation", record.operation());
    out.put("runId", record.runId());
    put(out, "region", record.region());
    DeploymentRecord.Outcome outcome = record.outcome();
    out.put("outcome", outcome.status().wireName());
    if (outcome.failureKind() != null) {
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("kind", outcome.failureKind());
      put(failure, "message", outcome.message());
      put(failure, "failureReason", outcome.failureReason());
      failure.put("alarms", outcome.alarms());
      failure.put("problems", outcome.problems());
      out.put("failure", failure);
    }
    put(out, "startedAt", record.startedAt());
    put(out, "finishedAt", record.finishedAt());
    out.put("durationSeconds", Duration.between(record.startedAt(), record.finishedAt()).toSeconds());
    Map<String, Object> build = new LinkedHashMap<>();
    put(build, "url", Redaction.withoutUrlCredentials(record.build().url()));
    put(build, "system", record.build().system());
    out.put("build", build);
    Map<String, Object> lineage = LineageJson.lineage(record.lineage());
    lineage.replaceAll((key, value) -> Redaction.withoutUrlCredentials((String) value));
    if (!record.variants().isEmpty()) {
      // Only when a variant has its own model, so every other record reads as before.
      List<Object> variants = new ArrayList<>();
      for (VariantLineage variant : record.variants()) {
        Map<String, Object> each = new LinkedHashMap<>();
        each.put("variant", variant.variant());
        put(each, "modelName", variant.modelName());
        put(each, "modelPackage", Redaction.withoutUrlCredentials(variant.modelPackageArn()));
        put(each, "modelArtifact", Redaction.withoutUrlCredentials(variant.modelArtifact()));
        put(each, "imageDigest", variant.imageDigest());
        variants.add(each);
      }
      lineage.put("variants", variants);
    }
    out.put("lineage", lineage);
    List<Object> resources = new ArrayList<>();
    for (RecordedResource resource : record.resources()) {
      Map<String, Object> each = new LinkedHashMap<>();
      each.put("kind", resource.kind());
      each.put("name", resource.name());
      put(each, "arn", resource.arn());
      each.put("action", resource.action().wireName());
      resources.add(each);
    }
    out.put("resources", resources);
    out.put("result", record.result());
    List<Object> events = new ArrayList<>();
    for (OperationEvent event : record.events()) {
      Map<String, Object> each = new LinkedHashMap<>();
      put(each, "at", event.at());
      each.put("phase", event.phase());
      each.put("message", Redaction.withoutUrlCredentials(event.message()));
      if (!event.facts().isEmpty()) {
        each.put("facts", event.facts());
      }
      if (event.quiet()) {
        each.put("quiet", true);
      }
      events.add(each);
    }
    out.put("events", events);
    return out;
  }
}
