package dev.sagemakergitops.liveaws;

import dev.sagemakergitops.core.aws.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
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

  default S3Client s3() {
    return clients().s3();
  }

  /** The target's time: AWS's is the real clock; the local control plane's is simulated. */
  Instant now();

  /** {@link #now()} as a {@link Clock}, for the project's operations (their deadlines and records). */
  default Clock clock() {
    ProbeTarget target = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return target.now();
      }
    };
  }

  /**
   * The project's own AWS clients (core's {@code AwsClients}) on this target, running
   * {@code interceptors} on every call: what the operations' story runs its operations with.
   */
  AwsClients operationClients(List<ExecutionInterceptor> interceptors);

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

  /**
   * A model artifact ({@code s3://bucket/key}, a {@code model.tar.gz}) that {@link #servingImage()}
   * can load, in a bucket of this target's region where the run may write: the operations' story
   * copies it under the run's prefix once per model version it registers. Null when none is known.
   */
  default String modelArtifact() {
    return servingModelDataUrl();
  }

  /**
   * An S3 prefix ({@code s3://bucket/prefix/}) of objects {@link #servingImage()} answers, for the
   * story's batch transform, or null when none is known.
   */
  default String transformInput() {
    return null;
  }

  /** The content type of {@link #transformInput()}'s objects. */
  default String transformContentType() {
    return "text/csv";
  }
}
