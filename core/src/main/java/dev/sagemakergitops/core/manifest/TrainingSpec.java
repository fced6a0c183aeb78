package dev.sagemakergitops.core.manifest;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training job's settings.
 *
 * @param image the training image, or {@code null} to train with {@link Spec#image()}
 * @param roleArn the IAM role SageMaker assumes for the job
 * @param instanceType for example {@code ml.m5.xlarge}
 * @param instanceCount at least 1
 * @param volumeSizeGb the ML storage volume per instance
 * @param maxRuntime the stopping condition
 * @param inputs channels by name, in manifest order
 * @param outputS3Uri where SageMaker writes the model artifact
 * @param hyperparameters passed to the container as strings
 * @param network VPC settings, or {@code null}
 */
public record TrainingSpec(
    ImageReference image,
    String roleArn,
    String instanceType,
    int instanceCount,
    int volumeSizeGb,
    Duration maxRuntime,
    Map<String, TrainingInput> inputs,
    String outputS3Uri,
    Map<String, String> hyperparameters,
    NetworkSpec network) {

  public TrainingSpec {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
  }

  /**
   * @param s3Uri an S3 prefix or object
   * @param contentType the channel's MIME type, or {@code null}
   */
  public record TrainingInput(String s3Uri, String contentType) {}

  /**
   * @param subnets 1 to 16 subnet ids
   * @param securityGroups 1 to 5 security group ids
   * @param encryptInterContainerTraffic whether traffic between training instances is encrypted
   */
  public record NetworkSpec(java.util.List<String> subnets, java.util.List<String> securityGroups,
      boolean encryptInterContainerTraffic) {
    public NetworkSpec {
      subnets = java.util.List.copyOf(subnets);
      securityGroups = java.util.List.copyOf(securityGroups);
    }
  }
}
