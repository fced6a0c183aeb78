package dev.sagemakergitops.core.operation.support;

import dev.sagemakergitops.core.lineage.Lineage;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/**
 * Model package versions that carry a {@link Lineage}, the way the register operation leaves them:
 * the testkit's {@link dev.sagemakergitops.testkit.world.ModelPackages} with core's lineage keys.
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
    return aws.cloud().modelPackages(sageMaker).group(group).image(image).artifact(artifact).approval(approval)
        .with(r -> r.metadataProperties(metadata -> metadata
            .commitId(lineage.commit())
            .repository(lineage.repository())
            .generatedBy(lineage.build())))
        .customerMetadata(lineage.toCustomerMetadata())
        .ensureGroup()
        .register();
  }
}
