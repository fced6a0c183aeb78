package dev.sagemakergitops.core.operation.deploy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;

/**
 * What one poll has read, read once: the parts of a poll that each need the live configuration
 * (the in-place check, then the update's guardrails) or the variants' scalable targets (the in-place
 * check, then the autoscaling the update puts aside) share one answer instead of asking again within
 * the same milliseconds. Made anew for each poll and never kept in the state, so every poll still
 * reads what AWS says now.
 *
 * <p>An endpoint configuration cannot change once created (SageMaker has no UpdateEndpointConfig;
 * an endpoint changes by UpdateEndpoint to another configuration:
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html), so a second
 * read could only differ by its deletion in between. A plain map, not a caching library: it lives
 * for one poll on one thread.
 */
final class PollReads {
  private final SageMakerClient sageMaker;
  private final VariantAutoscaling autoscaling;
  private final Map<String, Optional<DescribeEndpointConfigResponse>> configs = new HashMap<>();
  private final Map<List<String>, Map<String, ScalableTarget>> targets = new HashMap<>();

  PollReads(SageMakerClient sageMaker, VariantAutoscaling autoscaling) {
    this.sageMaker = sageMaker;
    this.autoscaling = autoscaling;
  }

  /** The configuration's description, or empty when it does not exist ({@link LiveEndpoint#describeConfig}). */
  Optional<DescribeEndpointConfigResponse> config(String name) {
    Optional<DescribeEndpointConfigResponse> read = configs.get(name);
    if (read == null) {
      read = LiveEndpoint.describeConfig(sageMaker, name);
      configs.put(name, read);
    }
    return read;
  }

  /** The scalable targets registered for {@code variants} ({@link VariantAutoscaling#targets}). */
  Map<String, ScalableTarget> targets(List<String> variants) {
    List<String> key = List.copyOf(variants);
    Map<String, ScalableTarget> read = targets.get(key);
    if (read == null) {
      read = autoscaling.targets(key);
      targets.put(key, read);
    }
    return Map.copyOf(read);
  }
}
