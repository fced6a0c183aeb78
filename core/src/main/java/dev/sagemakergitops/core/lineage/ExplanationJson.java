package dev.sagemakergitops.core.lineage;

import static dev.sagemakergitops.core.lineage.LineageJson.put;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link Explanation} as a tree of plain values, the shape {@code explain --json} prints. */
final class ExplanationJson {
  private ExplanationJson() {}

  static Map<String, Object> tree(Explanation explanation) {
    Map<String, Object> out = new LinkedHashMap<>();
    Explanation.Subject subject = explanation.subject();
    put(out, "kind", subject.kind());
    put(out, "name", subject.name());
    put(out, "arn", subject.arn());
    put(out, "region", subject.region());
    out.put("managed", explanation.managed());
    out.put("lineage", LineageJson.lineage(explanation.lineage()));
    put(out, "deployedImageDigest", explanation.deployedImageDigest());
    if (explanation.endpoint() != null) {
      out.put("endpoint", endpoint(explanation.endpoint()));
    }
    if (!explanation.variants().isEmpty()) {
      List<Object> variants = new ArrayList<>();
      explanation.variants().forEach(v -> variants.add(variant(v)));
      out.put("variants", variants);
    }
    if (explanation.modelPackage() != null) {
      out.put("modelPackage", modelPackage(explanation.modelPackage()));
    }
    if (explanation.trainingJob() != null) {
      out.put("trainingJob", trainingJob(explanation.trainingJob()));
    }
    out.put("notes", explanation.notes());
    return out;
  }

  private static Map<String, Object> endpoint(Explanation.Endpoint endpoint) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "status", endpoint.status());
    put(out, "configName", endpoint.configName());
    put(out, "createdAt", endpoint.createdAt());
    put(out, "lastModifiedAt", endpoint.lastModifiedAt());
    put(out, "failureReason", endpoint.failureReason());
    put(out, "pendingConfigName", endpoint.pendingConfigName());
    put(out, "lastDeployment", endpoint.lastDeployment());
    out.put("rollbackAlarms", endpoint.rollbackAlarms());
    return out;
  }

  private static Map<String, Object> variant(Explanation.Variant variant) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "name", variant.name());
    out.put("shadow", variant.shadow());
    put(out, "modelName", variant.modelName());
    put(out, "modelArn", variant.modelArn());
    put(out, "image", variant.image());
    put(out, "deployedImage", variant.deployedImage());
    put(out, "deployedImageDigest", variant.deployedImageDigest());
    put(out, "modelArtifact", variant.modelArtifact());
    out.put("lineage", LineageJson.lineage(variant.lineage()));
    if (!variant.containerImages().isEmpty()) {
      out.put("containerImages", variant.containerImages());
    }
    return out;
  }

  private static Map<String, Object> modelPackage(Explanation.ModelPackage modelPackage) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "arn", modelPackage.arn());
    put(out, "group", modelPackage.group());
    put(out, "version", modelPackage.version());
    put(out, "approval", modelPackage.approval());
    put(out, "status", modelPackage.status());
    put(out, "createdAt", modelPackage.createdAt());
    put(out, "image", modelPackage.image());
    put(out, "imageDigest", modelPackage.imageDigest());
    out.put("lineage", LineageJson.lineage(modelPackage.lineage()));
    out.put("customerMetadata", modelPackage.customerMetadata());
    return out;
  }

  private static Map<String, Object> trainingJob(Explanation.TrainingJob job) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "name", job.name());
    put(out, "arn", job.arn());
    put(out, "status", job.status());
    put(out, "secondaryStatus", job.secondaryStatus());
    put(out, "artifact", job.artifact());
    put(out, "failureReason", job.failureReason());
    put(out, "createdAt", job.createdAt());
    put(out, "endedAt", job.endedAt());
    out.put("lineage", LineageJson.lineage(job.lineage()));
    return out;
  }
}
