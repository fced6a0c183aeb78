package dev.sagemakergitops.local.sagemaker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane;
import dev.sagemakergitops.local.sagemaker.tags.Tags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** DeleteModelPackage and DeleteModelPackageGroup through the real SDK over HTTP. */
class ModelPackageDeletionTest {
  private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:" + "ab".repeat(32);

  private SageMakerTestPlane world;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    world = SageMakerTestPlane.start(new ModelRegistry(), new Tags());
    sageMaker = world.sageMaker();
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName("churn"));
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private String register(String clientToken) {
    return sageMaker.createModelPackage(r -> r.modelPackageGroupName("churn").clientToken(clientToken)
        .inferenceSpecification(i -> i.containers(c -> c.image(IMAGE))
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv"))).modelPackageArn();
  }

  @Test
  void deleteModelPackage_whenDeleted_isNotFoundAndTheNextVersionGetsANewNumber() {
    String first = register(null);

    sageMaker.deleteModelPackage(r -> r.modelPackageName(first));

    assertThatThrownBy(() -> sageMaker.describeModelPackage(r -> r.modelPackageName(first)))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("ModelPackage " + first + " does not exist."));
    assertThat(sageMaker.listModelPackages(r -> r.modelPackageGroupName("churn")).modelPackageSummaryList()).isEmpty();
    assertThat(register(null)).endsWith("model-package/churn/2");
  }

  @Test
  void createModelPackage_whenTheClientTokensVersionWasDeleted_stillAnswersTheDeletedVersion() {
    String first = register("token-1");
    sageMaker.deleteModelPackage(r -> r.modelPackageName(first));

    assertThat(register("token-1")).isEqualTo(first);
    assertThat(sageMaker.listModelPackages(r -> r.modelPackageGroupName("churn")).modelPackageSummaryList()).isEmpty();
  }

  @Test
  void deleteModelPackageGroup_whenItHoldsVersions_isRefusedUntilTheyAreDeleted() {
    String version = register(null);

    assertThatThrownBy(() -> sageMaker.deleteModelPackageGroup(r -> r.modelPackageGroupName("churn")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ConflictException");
          assertThat(e.awsErrorDetails().errorMessage()).contains("contains model packages");
        });
    sageMaker.deleteModelPackage(r -> r.modelPackageName(version));
    sageMaker.deleteModelPackageGroup(r -> r.modelPackageGroupName("churn"));

    assertThat(sageMaker.listModelPackageGroups(r -> { }).modelPackageGroupSummaryList()).isEmpty();
    assertThatThrownBy(() -> sageMaker.deleteModelPackageGroup(r -> r.modelPackageGroupName("churn")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("ModelPackageGroup churn does not exist."));
  }
}
