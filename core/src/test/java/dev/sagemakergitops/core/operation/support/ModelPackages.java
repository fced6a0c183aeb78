package dev.sagemakergitops.core.operation.support;

import dev.sagemakergitops.core.lineage.Lineage;
import java.time.Duration;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/**
 * Registers model package versions by plain SDK calls, the way the register operation (or a team's
 * own pipeline) leaves them, for tests of what reads them.
 */
public final class ModelPackages {
  private final LocalAws aws;
  private final SageMakerClient sageMaker;

  public ModelPackages(LocalAws aws, SageMakerClient sageMaker) {
    this.aws = aws;
    this.sageMaker = sageMaker;
  }

  /**
   * Registers the next version of {@code group} (creating the group when new) serving
   * {@code artifact} with {@code image}, carrying {@code lineage} in {@code MetadataProperties} and
   * {@code CustomerMetadataProperties}, and waits until it is {@code Completed}.
   *
   * @return the version's ARN
   */
  public String register(String group, String image, String artifact, ModelApprovalStatus approval, Lineage lineage) {
    try {
      sageMaker.describeModelPackageGroup(r -> r.modelPackageGroupName(group));
    } catch (software.amazon.awssdk.services.sagemaker.model.SageMakerException e) {
      sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group));
    }
    String arn = sageMaker.createModelPackage(r -> r
        .modelPackageGroupName(group)
        .modelApprovalStatus(approval)
        .inferenceSpecification(spec -> spec
            .containers(container -> container.image(image).modelDataUrl(artifact))
            .supportedContentTypes("text/csv")
            .supportedResponseMIMETypes("text/csv"))
        .metadataProperties(metadata -> metadata
            .commitId(lineage.commit())
            .repository(lineage.repository())
            .generatedBy(lineage.build()))
        // SageMaker refuses an empty map here (1 to 50 entries): leave it out instead.
        .customerMetadataProperties(lineage.toCustomerMetadata().isEmpty() ? null : lineage.toCustomerMetadata()))
        .modelPackageArn();
    aws.advance(Duration.ofMinutes(1));
    return arn;
  }
}
