package dev.sagemakergitops.liveaws;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A real AWS account: the SDK's default credential chain (environment, profile, SSO, instance role),
 * the region the run names, real time.
 */
public final class RealAccount implements ProbeTarget {
  private final LiveAwsSettings settings;
  private final ProbeClients clients;

  public RealAccount(LiveAwsSettings settings) {
    this.settings = settings;
    Region region = Region.of(settings.region());
    this.clients = new ProbeClients(settings.region(), SageMakerClient.builder().region(region).build(),
        EcrClient.builder().region(region).build(), ApplicationAutoScalingClient.builder().region(region).build(),
        CloudWatchClient.builder().region(region).build(), S3Client.builder().region(region).build());
  }

  @Override
  public ProbeClients clients() {
    return clients;
  }

  /** Core's clients with the AWS conventions (default credential chain, profile), in the run's region. */
  @Override
  public AwsClients operationClients(List<ExecutionInterceptor> interceptors) {
    return AwsClients.create(new AwsSettings(settings.region(), null, null, null, null, null), interceptors);
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  /** ECR's blob upload (InitiateLayerUpload, UploadLayerPart, CompleteLayerUpload), skipped for a blob ECR holds. */
  @Override
  public void uploadBlob(String repository, byte[] blob) {
    String digest = dev.sagemakergitops.liveaws.probe.ProbeImages.digest(blob);
    EcrClient ecr = clients.ecr();
    boolean present = ecr.batchCheckLayerAvailability(r -> r.repositoryName(repository).layerDigests(digest))
        .layers().stream().anyMatch(l -> l.layerAvailability() == LayerAvailability.AVAILABLE);
    if (present) {
      return;
    }
    var upload = ecr.initiateLayerUpload(r -> r.repositoryName(repository));
    long partSize = upload.partSize() == null ? blob.length : upload.partSize();
    for (long first = 0; first < blob.length; first += partSize) {
      long from = first;
      long to = Math.min(blob.length, first + partSize) - 1;
      ecr.uploadLayerPart(r -> r.repositoryName(repository).uploadId(upload.uploadId()).partFirstByte(from)
          .partLastByte(to).layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOfRange(blob, (int) from, (int) to + 1))));
    }
    ecr.completeLayerUpload(r -> r.repositoryName(repository).uploadId(upload.uploadId()).layerDigests(digest));
  }

  @Override
  public String executionRoleArn() {
    return settings.roleArn();
  }

  @Override
  public String servingImage() {
    return settings.servingImage();
  }

  @Override
  public String servingModelDataUrl() {
    return settings.modelDataUrl();
  }

  @Override
  public String transformInput() {
    return settings.transformInput();
  }

  @Override
  public String transformContentType() {
    return settings.transformContentType();
  }
}
