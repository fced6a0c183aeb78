package dev.sagemakergitops.core.lineage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

/**
 * The model package part of an explanation: the registration's lineage and what it registered,
 * and the notes when the endpoint serves something else or the version is not approved.
 */
final class ModelPackageFacts {
  private ModelPackageFacts() {}

  static Explanation.ModelPackage modelPackage(ExplanationReading reading, String arn) {
    if (arn == null) {
      return null;
    }
    return reading.read(() -> reading.sageMaker.describeModelPackage(r -> r.modelPackageName(arn)),
        "model package " + arn + " named by the lineage no longer exists", "model package " + arn)
        .map(ModelPackageFacts::packageFacts).orElse(null);
  }

  static Explanation.ModelPackage packageFacts(DescribeModelPackageResponse response) {
    ModelPackageContainerDefinition container = response.inferenceSpecification() == null
        || response.inferenceSpecification().containers().isEmpty() ? null
        : response.inferenceSpecification().containers().get(0);
    String artifact = container == null ? null : container.modelDataUrl() != null ? container.modelDataUrl()
        : container.modelDataSource() != null && container.modelDataSource().s3DataSource() != null
            ? container.modelDataSource().s3DataSource().s3Uri() : null;
    var metadata = response.metadataProperties();
    Map<String, String> customer = new LinkedHashMap<>(response.customerMetadataProperties());
    Lineage lineage = Lineage.fromModelPackage(response.modelPackageArn(),
        metadata == null ? null : metadata.commitId(), metadata == null ? null : metadata.repository(),
        metadata == null ? null : metadata.generatedBy(), customer);
    if (artifact != null) {
      lineage = lineage.withModelArtifact(artifact);
    }
    return new Explanation.ModelPackage(response.modelPackageArn(), response.modelPackageGroupName(),
        response.modelPackageVersion(), response.modelApprovalStatusAsString(), response.modelPackageStatusAsString(),
        response.creationTime(), container == null ? null : container.image(),
        container == null ? null : container.imageDigest(), lineage, customer);
  }

  static void notePackage(ExplanationReading reading, Explanation.ModelPackage modelPackage, Lineage deployment,
      List<Explanation.Variant> variants) {
    noteApproval(reading, modelPackage);
    String registered = modelPackage.lineage().modelArtifact();
    if (registered != null && deployment.modelArtifact() != null && !registered.equals(deployment.modelArtifact())) {
      reading.note("the endpoint serves model artifact " + deployment.modelArtifact() + ", but model package "
          + modelPackage.arn() + " registered " + registered);
    }
    String registeredDigest = modelPackage.imageDigest() != null ? modelPackage.imageDigest()
        : modelPackage.lineage().imageDigest();
    String running = variants.stream().filter(v -> !v.shadow())
        .map(Explanation.Variant::deployedImageDigest).filter(Objects::nonNull).findFirst().orElse(null);
    if (Images.differ(registeredDigest, running)) {
      reading.note("model package " + modelPackage.arn() + " was registered with image " + registeredDigest
          + "; the endpoint runs " + running + " (the manifest's image serves the package's artifact)");
    }
  }

  static void noteApproval(ExplanationReading reading, Explanation.ModelPackage modelPackage) {
    if (modelPackage.approval() != null && !"Approved".equals(modelPackage.approval())) {
      reading.note("model package " + modelPackage.arn() + " is " + modelPackage.approval()
          + " now; SageMaker deploys only Approved versions");
    }
  }
}
