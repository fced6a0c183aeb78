package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.LABELS_MAX;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.MANIFEST_NAME;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.MANIFEST_NAME_MAX;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.TAGS_PER_RESOURCE_MAX;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.TAG_TEXT;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.TOOL_TAGS;

import java.util.Map;

/**
 * Binds {@code metadata}: the manifest's name, which becomes part of SageMaker resource names, and
 * its labels, which become tags within SageMaker's tag budget.
 */
final class MetadataBinder {
  private MetadataBinder() {}

  /** The metadata, or {@code null} (with problems recorded) when the name is missing or wrong. */
  static Metadata bind(YamlMapping node) {
    if (node == null) {
      return null;
    }
    String name = node.text("name", true, "a name of letters, digits and hyphens, starting and ending with a"
        + " letter or digit, at most " + MANIFEST_NAME_MAX + " characters");
    if (name != null && name.length() > MANIFEST_NAME_MAX) {
      node.problem("name", "expected at most " + MANIFEST_NAME_MAX + " characters, got " + name.length() + " in '" + name
          + "'; resource names derived from it append '-<12-character hash>' and must still fit SageMaker's 63");
      name = null;
    } else if (name != null && !MANIFEST_NAME.matcher(name).matches()) {
      node.problem("name", "expected a name of letters, digits and hyphens, starting and ending with a letter or"
          + " digit (it becomes part of SageMaker resource names), got '" + name + "'");
      name = null;
    }
    Map<String, String> labels = node.textMap("labels", Integer.MAX_VALUE, TAG_TEXT, 128, 256,
        "letters, digits, spaces and _ . : / = + - @");
    if (labels.size() > LABELS_MAX) {
      node.problem("labels", "expected at most " + LABELS_MAX + " labels, got " + labels.size() + ": labels become tags,"
          + " SageMaker allows " + TAGS_PER_RESOURCE_MAX + " tags per resource, and sagemaker-gitops writes up to "
          + TOOL_TAGS + " of its own (lineage, intent) on the endpoint and its configuration. Remove "
          + (labels.size() - LABELS_MAX) + " label(s)");
    }
    for (String key : labels.keySet()) {
      if (key.startsWith("aws:") || key.startsWith("sagemaker-gitops:")) {
        node.entryProblem("labels", key, "the label '" + key + "' uses a reserved prefix (aws: or sagemaker-gitops:);"
            + " rename it");
      }
    }
    return name == null ? null : new Metadata(name, labels);
  }
}
