package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class ModelPackageLookupTest {

  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2";
  private static final String DIGEST = "sha256:" + "4d".repeat(32);

  private final CallCounter counter = new CallCounter();
  private AwsClients clients;
  private SageMakerClient sageMaker;
  private ModelPackageLookup lookup;

  @BeforeEach
  void setUp() {
    clients = MotoAws.clients(MOTO.server(), counter);
    sageMaker = clients.sageMaker();
    lookup = new ModelPackageLookup(sageMaker);
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void describe_whenVersionExists_returnsItsApprovalImageArtifactAndLineage() {
    String group = MotoAws.unique("churn");
    createGroup(group);
    register(group, ModelApprovalStatus.APPROVED, "s3://models/churn/1/model.tar.gz", "c0ffee1");
    register(group, ModelApprovalStatus.PENDING_MANUAL_APPROVAL, "s3://models/churn/2/model.tar.gz", "c0ffee2");
    register(group, ModelApprovalStatus.REJECTED, "s3://models/churn/3/model.tar.gz", "c0ffee3");
    counter.clear();

    ModelPackageResult result = lookup.describe(group, 2);

    assertThat(result).isInstanceOfSatisfying(ModelPackageResult.Found.class, found -> {
      ModelPackageVersion version = found.modelPackage();
      assertThat(version.arn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:model-package/" + group + "/2");
      assertThat(version.group()).isEqualTo(group);
      assertThat(version.version()).isEqualTo(2);
      assertThat(version.approvalStatus()).isEqualTo("PendingManualApproval");
      assertThat(version.isApproved()).isFalse();
      assertThat(version.packageStatus()).isEqualTo("Completed");
      assertThat(version.containers()).containsExactly(
          new ModelPackageContainer(IMAGE, DIGEST, "s3://models/churn/2/model.tar.gz"));
      assertThat(version.metadata()).isEqualTo(
          new ModelPackageMetadata("c0ffee2", "git@example.com:ml/churn.git", "https://ci.example.com/job/7", null));
      assertThat(version.customerMetadata()).containsEntry("manifest", "models/churn.yaml");
      assertThat(version.createdAt()).isNotNull();
    });
    assertThat(counter.calls()).containsExactly("SageMaker.DescribeModelPackageGroup", "SageMaker.DescribeModelPackage");
    assertThat(lookup.describe(group, 1)).isInstanceOfSatisfying(ModelPackageResult.Found.class,
        found -> assertThat(found.modelPackage().isApproved()).isTrue());
  }

  @Test
  void describe_whenGroupNameHasCapitals_findsThePackageUnderItsLowercasedArn() {
    String group = "Churn" + MotoAws.unique("Model").substring("Model".length());
    createGroup(group);
    register(group, ModelApprovalStatus.APPROVED, "s3://models/a.tar.gz", "abc");

    ModelPackageResult result = lookup.describe(group, 1);

    assertThat(result).isInstanceOfSatisfying(ModelPackageResult.Found.class, found -> {
      assertThat(found.modelPackage().arn()).endsWith(":model-package/" + group.toLowerCase() + "/1");
      assertThat(found.modelPackage().group()).isEqualTo(group);
    });
  }

  @Test
  void describe_whenSameGroupAskedTwice_describesTheGroupOnce() {
    String group = MotoAws.unique("cached");
    createGroup(group);
    register(group, ModelApprovalStatus.APPROVED, "s3://models/1.tar.gz", "one");
    register(group, ModelApprovalStatus.APPROVED, "s3://models/2.tar.gz", "two");
    counter.clear();

    lookup.describe(group, 1);
    lookup.describe(group, 2);

    assertThat(counter.count("DescribeModelPackageGroup")).isEqualTo(1);
    assertThat(counter.count("DescribeModelPackage")).isEqualTo(2);
  }

  @Test
  void describe_whenGroupGivenAsArn_skipsTheGroupCall() {
    String group = MotoAws.unique("byarn");
    String groupArn = createGroup(group);
    register(group, ModelApprovalStatus.APPROVED, "s3://models/1.tar.gz", "one");
    counter.clear();

    ModelPackageResult result = lookup.describe(groupArn, 1);

    assertThat(result).isInstanceOf(ModelPackageResult.Found.class);
    assertThat(result.group()).isEqualTo(group);
    assertThat(counter.calls()).containsExactly("SageMaker.DescribeModelPackage");
  }

  @Test
  void describe_whenVersionMissing_returnsVersionNotFound() {
    String group = MotoAws.unique("short");
    createGroup(group);
    register(group, ModelApprovalStatus.APPROVED, "s3://models/1.tar.gz", "one");

    ModelPackageResult result = lookup.describe(group, 7);

    assertThat(result).isInstanceOfSatisfying(ModelPackageResult.VersionNotFound.class, notFound ->
        assertThat(notFound.message()).isEqualTo("model package '" + group + "/7' not found in us-east-1: the group "
            + "exists but has no version 7; register it or fix the version"));
  }

  @Test
  void describe_whenGroupMissing_returnsGroupNotFound() {
    ModelPackageResult result = lookup.describe("no-such-group", 1);

    assertThat(result).isInstanceOfSatisfying(ModelPackageResult.GroupNotFound.class, notFound ->
        assertThat(notFound.message()).isEqualTo("model package group 'no-such-group' not found in us-east-1; "
            + "register a model into it first, or fix the group name"));
  }

  @Test
  void describe_whenSageMakerUnreachable_returnsFailed() {
    try (AwsClients unreachable = AwsClients.create(
        new AwsSettings("us-east-1", null, URI.create("http://127.0.0.1:9"), null, null, null))) {

      ModelPackageResult result = new ModelPackageLookup(unreachable.sageMaker()).describe("churn", 1);

      assertThat(result).isInstanceOfSatisfying(ModelPackageResult.Failed.class, failed -> {
        assertThat(failed.errorCode()).isEqualTo("SdkClientException");
        assertThat(failed.message()).startsWith("could not look up model package 'churn/1' in us-east-1: ");
      });
    }
  }

  @Test
  void describe_whenGroupNameInvalid_throws() {
    assertThatThrownBy(() -> lookup.describe("churn/7", 7)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'churn/7'");
    assertThatThrownBy(() -> lookup.describe("churn", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void packageArn_whenGroupArnGiven_lowercasesTheNameAndAppendsTheVersion() {
    assertThat(ModelPackageLookup.packageArn(
        "arn:aws-cn:sagemaker:cn-north-1:123456789012:model-package-group/AbaloneModelPackageGroupName", 2))
        .isEqualTo("arn:aws-cn:sagemaker:cn-north-1:123456789012:model-package/abalonemodelpackagegroupname/2");
  }

  private String createGroup(String group) {
    return sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group)).modelPackageGroupArn();
  }

  private void register(String group, ModelApprovalStatus approval, String modelData, String commit) {
    sageMaker.createModelPackage(r -> r.modelPackageGroupName(group)
        .modelApprovalStatus(approval)
        .inferenceSpecification(spec -> spec
            .containers(ModelPackageContainerDefinition.builder().image(IMAGE).imageDigest(DIGEST).modelDataUrl(modelData).build())
            .supportedContentTypes("text/csv")
            .supportedResponseMIMETypes("text/csv"))
        .metadataProperties(m -> m.commitId(commit).repository("git@example.com:ml/churn.git")
            .generatedBy("https://ci.example.com/job/7"))
        .customerMetadataProperties(Map.of("manifest", "models/churn.yaml")));
  }
}
