package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.S3_URI;

import dev.sagemakergitops.core.manifest.EndpointSpec.DataCapture;
import java.util.List;

/** Binds {@code spec.endpoint.dataCapture}: where and how much of the endpoint's traffic SageMaker records. */
final class DataCaptureBinder {
  private DataCaptureBinder() {}

  /** The data capture settings, or {@code null} when absent or when a required value is missing or wrong. */
  static DataCapture bind(YamlMapping node) {
    if (node == null) {
      return null;
    }
    // DataCaptureConfig.DestinationS3Uri is at most 512 characters, half of other S3 URIs.
    String uri = node.matching("s3Uri", true, S3_URI, 512, "an S3 URI such as s3://bucket/prefix/");
    Integer sampling = node.percent("samplingPercent", true, 0, 100);
    String mode = node.oneOf("captureMode", false, List.of("InputAndOutput", "Input", "Output"));
    String kmsKeyId = KmsKeyBinder.bind(node, "kmsKeyId");
    if (uri == null || sampling == null || (node.has("kmsKeyId") && kmsKeyId == null)) {
      return null;
    }
    return new DataCapture(uri, sampling, mode == null ? "InputAndOutput" : mode, kmsKeyId);
  }
}
