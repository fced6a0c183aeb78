package dev.sagemakergitops.core.lineage;

import java.util.ArrayList;
import java.util.List;

/** An {@link Explanation} as text: a heading, one fact per line, the variants, then the notes. */
final class ExplanationText {
  private static final int LABEL_WIDTH = 16;

  private ExplanationText() {}

  static String render(Explanation explanation) {
    StringBuilder out = new StringBuilder();
    Explanation.Subject subject = explanation.subject();
    Lineage lineage = explanation.lineage();
    Explanation.Endpoint endpoint = explanation.endpoint();
    out.append(subject.kind().replace('-', ' ')).append(' ').append(subject.name());
    if (subject.region() != null) {
      out.append(" in ").append(subject.region());
    }
    out.append(": ");
    if (endpoint != null) {
      out.append(endpoint.status()).append(", ");
    }
    out.append(explanation.managed() ? "made by sagemaker-gitops" : "not made by sagemaker-gitops").append('\n');

    line(out, "commit", join(lineage.commit(), " in ", lineage.repository()));
    line(out, "manifest", join(join(lineage.manifestPath(), " ", parenthesised(lineage.manifestName())), ", blob ",
        lineage.manifestBlob()));
    String running = endpoint == null ? null : explanation.deployedImageDigest();
    line(out, "image", lineage.image() != null ? lineage.image()
        : lineage.imageDigest() != null || running != null ? "not recorded" : null);
    line(out, "  pinned", lineage.imageDigest());
    line(out, "  running", running);
    line(out, "model artifact", lineage.modelArtifact());
    Explanation.TrainingJob job = explanation.trainingJob();
    line(out, "training job", job == null ? lineage.trainingJob()
        : job.name() + " (" + join(job.status(), ", ended ", job.endedAt() == null ? null : job.endedAt().toString()) + ")");
    Explanation.ModelPackage modelPackage = explanation.modelPackage();
    if (modelPackage != null) {
      String version = modelPackage.version() == null ? modelPackage.arn() : modelPackage.group() + "/" + modelPackage.version();
      line(out, "model package", version + " (" + modelPackage.approval() + "), registered "
          + modelPackage.createdAt() + prefixed(" from commit ", modelPackage.lineage().commit())
          + prefixed(" by ", modelPackage.lineage().build()));
      line(out, "", modelPackage.arn());
    } else {
      line(out, "model package", lineage.modelPackage());
    }
    if (endpoint != null) {
      line(out, "deployed", join(endpoint.lastModifiedAt() == null ? null : endpoint.lastModifiedAt().toString(),
          " ", parenthesised(join(prefixed("endpoint config ", endpoint.configName()), ", ",
              endpoint.lastDeployment()))));
      if (!endpoint.rollbackAlarms().isEmpty()) {
        line(out, "rollback alarms", String.join(", ", endpoint.rollbackAlarms()));
      }
      line(out, "failure reason", endpoint.failureReason());
    }
    line(out, "build", lineage.build());

    if (!explanation.variants().isEmpty()) {
      out.append("variants\n");
      // When the production variants serve models of their own (an A/B test), each line names its package.
      boolean ownModels = explanation.variants().stream().filter(v -> !v.shadow()).map(Explanation.Variant::modelName)
          .distinct().count() > 1;
      for (Explanation.Variant variant : explanation.variants()) {
        List<String> parts = new ArrayList<>();
        parts.add("model " + (variant.modelName() == null ? "unknown" : variant.modelName()));
        if (ownModels && !variant.shadow() && variant.lineage().modelPackage() != null) {
          parts.add("package " + VariantLineage.shortPackage(variant.lineage().modelPackage()));
        }
        parts.add("runs " + (variant.deployedImage() != null ? variant.deployedImage()
            : variant.image() != null ? variant.image() + " (resolved image not reported)" : "an unknown image"));
        if (variant.modelArtifact() != null) {
          parts.add("artifact " + variant.modelArtifact());
        }
        out.append("  ").append(variant.shadow() ? "shadow " : "").append(variant.name()).append(": ")
            .append(String.join(", ", parts)).append('\n');
        for (int i = 0; i < variant.containerImages().size(); i++) {
          out.append("    container ").append(i + 1).append(": ").append(variant.containerImages().get(i)).append('\n');
        }
      }
    }
    if (!explanation.notes().isEmpty()) {
      out.append("notes\n");
      explanation.notes().forEach(note -> out.append("  - ").append(note).append('\n'));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    out.append("  ").append(label);
    out.append(" ".repeat(Math.max(1, LABEL_WIDTH - label.length())));
    out.append(value).append('\n');
  }

  /** {@code first + separator + second}, or whichever is present, or {@code null}. */
  private static String join(String first, String separator, String second) {
    boolean hasFirst = first != null && !first.isEmpty();
    boolean hasSecond = second != null && !second.isEmpty();
    if (hasFirst && hasSecond) {
      return first + separator + second;
    }
    if (hasFirst) {
      return first;
    }
    if (hasSecond) {
      return second;
    }
    return null;
  }

  /** {@code prefix + value}, or an empty string when there is no value. */
  private static String prefixed(String prefix, String value) {
    return value == null || value.isEmpty() ? "" : prefix + value;
  }

  private static String parenthesised(String text) {
    return text == null || text.isEmpty() ? null : "(" + text + ")";
  }
}
