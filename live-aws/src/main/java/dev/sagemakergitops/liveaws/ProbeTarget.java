package dev.sagemakergitops.liveaws;

import java.time.Duration;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Where the probes run: a real AWS account ({@link RealAccount}) or, in the build, the local control
 * plane. The probes make the same calls through the same SDK clients on both; only waiting, image
 * layers and the two things a real account must be given (an execution role and an image that
 * serves) differ.
 */
public interface ProbeTarget {
  ProbeClients clients();

  default String region() {
    return clients().region();
  }

  default SageMakerClient sageMaker() {
    return clients().sageMaker();
  }

  default EcrClient ecr() {
    return clients().ecr();
  }

  default ApplicationAutoScalingClient autoScaling() {
    return clients().autoScaling();
  }

  default CloudWatchClient cloudWatch() {
    return clients().cloudWatch();
  }

  /** The target's time: AWS's is the real clock; the local control plane's is simulated. */
  java.time.Instant now();

  /** Lets {@code duration} pass: real time on AWS, simulated time on the local control plane. */
  void pause(Duration duration);

  /**
   * Uploads an image layer or config blob to an ECR repository before a manifest names it. ECR
   * refuses a manifest whose blobs it does not hold ({@code LayersNotFoundException}).
   */
  void uploadBlob(String repository, byte[] blob);

  /** The role SageMaker assumes for models and inference experiments. */
  String executionRoleArn();

  /**
   * An image, in this target's region, whose container answers {@code /ping} and
   * {@code /invocations}: probes that need an endpoint {@code InService} deploy it.
   */
  String servingImage();

  /** The {@code ModelDataUrl} for {@link #servingImage()}, or null when the image needs none. */
  String servingModelDataUrl();
}
