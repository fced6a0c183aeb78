package dev.sagemakergitops.local.sagemaker.registry;

import static dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane.START;
import static dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane.arn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.sagemaker.tags.SageMakerTestPlane;
import dev.sagemakergitops.local.sagemaker.tags.Tags;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageGroupStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageGroupSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;

/** The model registry through the real SDK over HTTP, on virtual time. */
class ModelRegistryTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn@" + DIGEST;

  private SageMakerTestPlane world;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    world = SageMakerTestPlane.start(new ModelRegistry(), new Tags());
    sageMaker = world.sageMaker();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private String register(String group, ModelApprovalStatus approval) {
    return sageMaker.createModelPackage(r -> r.modelPackageGroupName(group).modelApprovalStatus(approval)
        .modelPackageDescription("churn model")
        .inferenceSpecification(i -> i.containers(c -> c.image(IMAGE)
                .modelDataUrl("s3://artifacts/churn/job/output/model.tar.gz"))
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv"))
        .metadataProperties(m -> m.commitId("abc123").repository("https://git.example/churn.git")
            .generatedBy("sagemakerTrain"))
        .modelMetrics(m -> m.modelQuality(q -> q.statistics(s -> s.contentType("application/json")
            .s3Uri("s3://artifacts/churn/metrics.json"))))
        .customerMetadataProperties(Map.of("training-job", "churn-1"))).modelPackageArn();
  }

  private void createGroup(String name) {
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(name).modelPackageGroupDescription("churn models")
        .tags(t -> t.key("team").value("risk")));
  }

  @Test
  void modelPackageGroup_whenCreated_isDescribedListedAndTagged() {
    createGroup("Churn");

    var described = sageMaker.describeModelPackageGroup(r -> r.modelPackageGroupName("Churn"));
    assertThat(described.modelPackageGroupArn()).isEqualTo(arn("model-package-group/Churn"));
    assertThat(described.modelPackageGroupStatus()).isEqualTo(ModelPackageGroupStatus.COMPLETED);
    assertThat(described.modelPackageGroupDescription()).isEqualTo("churn models");
    assertThat(described.creationTime()).isEqualTo(START);
    assertThat(described.createdBy()).isNotNull();
    assertThat(sageMaker.describeModelPackageGroup(r -> r.modelPackageGroupName(arn("model-package-group/Churn")))
        .modelPackageGroupName()).isEqualTo("Churn");
    assertThat(sageMaker.listTags(r -> r.resourceArn(described.modelPackageGroupArn())).tags())
        .singleElement().satisfies(tag -> assertThat(tag.key()).isEqualTo("team"));
    assertThatThrownBy(() -> createGroup("Churn")).isInstanceOfSatisfying(SageMakerException.class,
        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void listModelPackageGroups_whenFilteredSortedAndPaged_answersTheMatchingGroups() {
    createGroup("churn");
    world.advance(Duration.ofSeconds(1));
    createGroup("fraud");
    world.advance(Duration.ofSeconds(1));
    createGroup("churn-eu");

    assertThat(sageMaker.listModelPackageGroups(r -> { }).modelPackageGroupSummaryList())
        .extracting(ModelPackageGroupSummary::modelPackageGroupName).containsExactly("churn", "fraud", "churn-eu");
    assertThat(sageMaker.listModelPackageGroups(r -> r.nameContains("churn").sortBy("Name")
        .sortOrder(SortOrder.DESCENDING)).modelPackageGroupSummaryList())
        .extracting(ModelPackageGroupSummary::modelPackageGroupName).containsExactly("churn-eu", "churn");
    assertThat(sageMaker.listModelPackageGroupsPaginator(r -> r.maxResults(1)).modelPackageGroupSummaryList()
        .stream().map(ModelPackageGroupSummary::modelPackageGroupName)).containsExactly("churn", "fraud", "churn-eu");
  }

  @Test
  void createModelPackage_inAGroup_versionsFromOneAndCompletesAfterValidation() {
    createGroup("Churn");

    String first = register("Churn", ModelApprovalStatus.APPROVED);
    String second = register("Churn", null);

    assertThat(first).isEqualTo(arn("model-package/churn/1"));
    assertThat(second).isEqualTo(arn("model-package/churn/2"));
    DescribeModelPackageResponse pending = sageMaker.describeModelPackage(r -> r.modelPackageName(second));
    assertThat(pending.modelPackageStatus()).isEqualTo(ModelPackageStatus.IN_PROGRESS);
    assertThat(pending.modelPackageStatusDetails().validationStatuses()).isEmpty();
    assertThat(pending.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.PENDING_MANUAL_APPROVAL);

    world.advance(ModelRegistry.DEFAULT_VALIDATION);

    DescribeModelPackageResponse done = sageMaker.describeModelPackage(r -> r.modelPackageName(first));
    assertThat(done.modelPackageStatus()).isEqualTo(ModelPackageStatus.COMPLETED);
    assertThat(done.modelPackageName()).isEqualTo("Churn");
    assertThat(done.modelPackageGroupName()).isEqualTo("Churn");
    assertThat(done.modelPackageVersion()).isEqualTo(1);
    assertThat(done.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.APPROVED);
    assertThat(done.modelPackageDescription()).isEqualTo("churn model");
    assertThat(done.inferenceSpecification().containers()).singleElement().satisfies(c -> {
      assertThat(c.image()).isEqualTo(IMAGE);
      assertThat(c.imageDigest()).isEqualTo(DIGEST);
      assertThat(c.modelDataUrl()).isEqualTo("s3://artifacts/churn/job/output/model.tar.gz");
    });
    assertThat(done.metadataProperties().commitId()).isEqualTo("abc123");
    assertThat(done.metadataProperties().generatedBy()).isEqualTo("sagemakerTrain");
    assertThat(done.modelMetrics().modelQuality().statistics().s3Uri()).isEqualTo("s3://artifacts/churn/metrics.json");
    assertThat(done.customerMetadataProperties()).containsEntry("training-job", "churn-1");
    assertThat(done.creationTime()).isEqualTo(START);
  }

  @Test
  void describeModelPackage_byGroupSlashVersionAndByGroupName_findsTheVersionAndTheLatest() {
    createGroup("Churn");
    register("Churn", null);
    register("Churn", null);

    assertThat(sageMaker.describeModelPackage(r -> r.modelPackageName("Churn/1")).modelPackageVersion()).isEqualTo(1);
    assertThat(sageMaker.describeModelPackage(r -> r.modelPackageName("Churn")).modelPackageVersion()).isEqualTo(2);
    assertThat(sageMaker.describeModelPackage(r -> r.modelPackageName(arn("model-package/Churn/2")))
        .modelPackageArn()).isEqualTo(arn("model-package/churn/2"));
  }

  @Test
  void describeModelPackage_whenMissing_answersValidationExceptionThatSaysDoesNotExist() {
    createGroup("Churn");

    assertThatThrownBy(() -> sageMaker.describeModelPackage(r -> r.modelPackageName(arn("model-package/churn/9"))))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).endsWith("does not exist.");
        });
    assertThatThrownBy(() -> sageMaker.describeModelPackageGroup(r -> r.modelPackageGroupName("fraud")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).endsWith("does not exist.");
        });
  }

  @Test
  void createModelPackage_whenBothNamesOrAMissingGroup_answersValidationException() {
    createGroup("Churn");

    assertThatThrownBy(() -> sageMaker.createModelPackage(r -> r.modelPackageGroupName("Churn").modelPackageName("x")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Both ModelPackageName and ModelPackageGroupName are provided in the input. Cannot determine "
                + "which one to use."));
    assertThatThrownBy(() -> register("fraud", null))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .endsWith("does not exist."));
  }

  @Test
  void createModelPackage_whenTheClientTokenRepeats_answersTheSameVersion() {
    createGroup("Churn");

    String first = sageMaker.createModelPackage(r -> r.modelPackageGroupName("Churn").clientToken("build-42"))
        .modelPackageArn();
    String again = sageMaker.createModelPackage(r -> r.modelPackageGroupName("Churn").clientToken("build-42"))
        .modelPackageArn();

    assertThat(again).isEqualTo(first);
    assertThat(sageMaker.listModelPackages(r -> r.modelPackageGroupName("Churn")).modelPackageSummaryList()).hasSize(1);
  }

  @Test
  void listModelPackages_withoutAType_listsUnversionedPackagesOnlyAsDocumented() {
    createGroup("Churn");
    register("Churn", null);
    sageMaker.createModelPackage(r -> r.modelPackageName("standalone"));

    assertThat(sageMaker.listModelPackages(r -> { }).modelPackageSummaryList())
        .singleElement().satisfies(s -> {
          assertThat(s.modelPackageName()).isEqualTo("standalone");
          assertThat(s.modelPackageArn()).isEqualTo(arn("model-package/standalone"));
          assertThat(s.modelApprovalStatus()).isNull();
        });
    assertThat(sageMaker.listModelPackages(r -> r.modelPackageType(ModelPackageType.VERSIONED))
        .modelPackageSummaryList()).extracting(ModelPackageSummary::modelPackageArn)
        .containsExactly(arn("model-package/churn/1"));
    assertThat(sageMaker.listModelPackages(r -> r.modelPackageType(ModelPackageType.BOTH)).modelPackageSummaryList())
        .hasSize(2);
  }

  @Test
  void listModelPackages_forTheLatestApprovedVersion_answersItFirst() {
    createGroup("Churn");
    createGroup("Fraud");
    register("Churn", ModelApprovalStatus.APPROVED);
    world.advance(Duration.ofMinutes(1));
    register("Churn", ModelApprovalStatus.APPROVED);
    world.advance(Duration.ofMinutes(1));
    register("Churn", ModelApprovalStatus.REJECTED);
    register("Fraud", ModelApprovalStatus.APPROVED);

    var latest = sageMaker.listModelPackages(r -> r.modelPackageGroupName("Churn")
        .modelApprovalStatus(ModelApprovalStatus.APPROVED).sortBy(ModelPackageSortBy.CREATION_TIME)
        .sortOrder(SortOrder.DESCENDING).maxResults(1));

    assertThat(latest.modelPackageSummaryList()).singleElement().satisfies(s -> {
      assertThat(s.modelPackageArn()).isEqualTo(arn("model-package/churn/2"));
      assertThat(s.modelPackageGroupName()).isEqualTo("Churn");
      assertThat(s.modelPackageVersion()).isEqualTo(2);
      assertThat(s.modelPackageStatus()).isEqualTo(ModelPackageStatus.COMPLETED);
    });
    assertThat(latest.nextToken()).isNotNull();
    assertThat(sageMaker.listModelPackages(r -> r.modelPackageGroupName("Churn")
        .modelApprovalStatus(ModelApprovalStatus.APPROVED).sortOrder(SortOrder.DESCENDING).maxResults(1)
        .nextToken(latest.nextToken())).modelPackageSummaryList())
        .extracting(ModelPackageSummary::modelPackageVersion).containsExactly(1);
    assertThat(sageMaker.listModelPackagesPaginator(r -> r.modelPackageGroupName("Churn").maxResults(1))
        .modelPackageSummaryList().stream().map(ModelPackageSummary::modelPackageVersion)).containsExactly(1, 2, 3);
  }

  @Test
  void updateModelPackage_whenApprovedAndMetadataChanges_recordsBothAndTheTime() {
    createGroup("Churn");
    String arn = register("Churn", ModelApprovalStatus.PENDING_MANUAL_APPROVAL);
    world.advance(Duration.ofMinutes(5));

    sageMaker.updateModelPackage(r -> r.modelPackageArn(arn).modelApprovalStatus(ModelApprovalStatus.APPROVED)
        .approvalDescription("shadow test passed")
        .customerMetadataProperties(Map.of("shadow-test", "passed"))
        .customerMetadataPropertiesToRemove("training-job"));

    DescribeModelPackageResponse approved = sageMaker.describeModelPackage(r -> r.modelPackageName(arn));
    assertThat(approved.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.APPROVED);
    assertThat(approved.approvalDescription()).isEqualTo("shadow test passed");
    assertThat(approved.customerMetadataProperties()).containsExactly(Map.entry("shadow-test", "passed"));
    assertThat(approved.lastModifiedTime()).isEqualTo(START.plusSeconds(300));

    sageMaker.updateModelPackage(r -> r.modelPackageArn(arn).modelApprovalStatus(ModelApprovalStatus.REJECTED));
    assertThat(sageMaker.describeModelPackage(r -> r.modelPackageName(arn)).modelApprovalStatus())
        .isEqualTo(ModelApprovalStatus.REJECTED);
    assertThatThrownBy(() -> sageMaker.updateModelPackage(r -> r.modelPackageArn(arn("model-package/churn/7"))
        .modelApprovalStatus(ModelApprovalStatus.APPROVED)))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .endsWith("does not exist."));
  }
}
