package dev.sagemakergitops.local.conformance;

import dev.sagemakergitops.local.LocalControlPlane;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The unmodified AWS SDK for Java v2 clients, pointed at a local control plane the way users point
 * them ({@code endpointOverride}, static {@code local} credentials, us-east-1, the URL-connection
 * HTTP client; S3 path style). One HTTP client is shared and closed with this object.
 */
final class SdkClients implements AutoCloseable {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  final SageMakerClient sageMaker;
  final SageMakerRuntimeClient runtime;
  final EcrClient ecr;
  final CloudWatchClient cloudWatch;
  final ApplicationAutoScalingClient autoScaling;
  final S3Client s3;

  SdkClients(LocalControlPlane plane) {
    sageMaker = SageMakerClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClient(http).build();
    runtime = SageMakerRuntimeClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClient(http).build();
    ecr = EcrClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClient(http).build();
    cloudWatch = CloudWatchClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClient(http).build();
    autoScaling = ApplicationAutoScalingClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClient(http).build();
    s3 = S3Client.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(CREDENTIALS).httpClient(http).build();
  }

  @Override
  public void close() {
    sageMaker.close();
    runtime.close();
    ecr.close();
    cloudWatch.close();
    autoScaling.close();
    s3.close();
    http.close();
  }
}
