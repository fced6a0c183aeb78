package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.CONTENT_TYPE;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.INSTANCE_TYPE;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.S3_URI;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.S3_URI_MAX;

/**
 * Reads of the SageMaker values that several sections share (instance types, S3 URIs, content
 * types, images), so that each is checked, and worded, the same wherever it is written.
 */
final class SageMakerFields {
  private SageMakerFields() {}

  /** An ECR image reference; {@code null} (with a problem) when absent but required or malformed. */
  static ImageReference image(YamlMapping node, String key, boolean required) {
    String text = node.text(key, required,
        "an ECR image such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2 or ...@sha256:<digest>");
    if (text == null) {
      return null;
    }
    try {
      return ImageReference.parse(text.trim());
    } catch (IllegalArgumentException e) {
      node.problem(key, e.getMessage());
      return null;
    }
  }

  /** An instance type of the right form that SageMaker accepts for {@code use} (the enums differ per use). */
  static String instanceType(YamlMapping node, String key, boolean required, InstanceTypes.Use use) {
    String type = node.matching(key, required, INSTANCE_TYPE, 64, "a SageMaker instance type such as ml.m5.large");
    if (type != null && !InstanceTypes.shipped().accepts(use, type)) {
      node.problem(key, InstanceTypes.shipped().refusal(use, type));
      return null;
    }
    return type;
  }

  static String s3Uri(YamlMapping node, String key, boolean required) {
    return node.matching(key, required, S3_URI, S3_URI_MAX, "an S3 URI such as s3://bucket/prefix/");
  }

  static String contentType(YamlMapping node, String key) {
    return node.matching(key, false, CONTENT_TYPE, 256, "a MIME type such as text/csv");
  }
}
