package dev.sagemakergitops.liveaws;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.s3.S3Service;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The local control plane as a probe target: the same SDK clients pointed at it, simulated time
 * ({@link #pause} advances its clock), an image from its ECR to serve (it serves any image), a model
 * artifact in its S3 for the operations' story, and no blob upload, since its ECR keeps manifests
 * only (docs/local.md, ECR: "only manifests are stored").
 */
final class LocalTarget implements ProbeTarget, AutoCloseable {
  static final String REGION = "us-east-1";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  final LocalControlPlane plane;
  private final ProbeClients clients;
  private final String servingImage;
  private final String modelArtifact;

  LocalTarget(Duration consistencyDelay) {
    plane = LocalControlPlane.builder().standardServices().consistencyDelay(consistencyDelay).start();
    Region region = Region.of(REGION);
    clients = new ProbeClients(REGION, SageMakerClient.builder().endpointOverride(plane.endpoint()).region(region)
        .credentialsProvider(CREDENTIALS).build(), EcrClient.builder().endpointOverride(plane.endpoint()).region(region)
        .credentialsProvider(CREDENTIALS).build(), ApplicationAutoScalingClient.builder().endpointOverride(
        plane.endpoint()).region(region).credentialsProvider(CREDENTIALS).build(), CloudWatchClient.builder()
        .endpointOverride(plane.endpoint()).region(region).credentialsProvider(CREDENTIALS).build(), S3Client.builder()
        .endpointOverride(plane.endpoint()).region(region).credentialsProvider(CREDENTIALS).forcePathStyle(true).build());
    String digest = plane.service(EcrService.class).publish(REGION, "serving", "1");
    servingImage = plane.accountId() + ".dkr.ecr." + REGION + ".amazonaws.com/serving@" + digest;
    plane.service(S3Service.class).put("live-aws-artifacts", "serving/model.tar.gz",
        "a model artifact the local control plane does not open".getBytes(StandardCharsets.UTF_8), "application/gzip");
    modelArtifact = "s3://live-aws-artifacts/serving/model.tar.gz";
    plane.service(S3Service.class).put("live-aws-artifacts", "score/customers.csv",
        "c-1001,0.7,3\nc-1002,0.1,9\n".getBytes(StandardCharsets.UTF_8), "text/csv");
  }

  @Override
  public String transformInput() {
    return "s3://live-aws-artifacts/score/";
  }

  @Override
  public AwsClients operationClients(List<ExecutionInterceptor> interceptors) {
    return AwsClients.create(new AwsSettings(REGION, null, plane.endpoint(), null, null, null), CREDENTIALS,
        interceptors);
  }

  @Override
  public String modelArtifact() {
    return modelArtifact;
  }

  @Override
  public ProbeClients clients() {
    return clients;
  }

  @Override
  public Instant now() {
    return plane.clock().instant();
  }

  @Override
  public void pause(Duration duration) {
    plane.advance(duration);
  }

  @Override
  public void uploadBlob(String repository, byte[] blob) {
    // The local ECR stores manifests only and does not check that their blobs were uploaded.
  }

  @Override
  public String executionRoleArn() {
    return "arn:aws:iam::" + plane.accountId() + ":role/sagemaker-gitops-live-aws";
  }

  @Override
  public String servingImage() {
    return servingImage;
  }

  @Override
  public String servingModelDataUrl() {
    return null;
  }

  @Override
  public void close() {
    clients.close();
    plane.close();
  }
}
