package dev.sagemakergitops.liveaws;

import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The SDK clients a probe target answers, for one region; closed with it. */
public record ProbeClients(String region, SageMakerClient sageMaker, EcrClient ecr,
    ApplicationAutoScalingClient autoScaling, CloudWatchClient cloudWatch, S3Client s3) implements AutoCloseable {
  @Override
  public void close() {
    sageMaker.close();
    ecr.close();
    autoScaling.close();
    cloudWatch.close();
    s3.close();
  }
}
