package dev.sagemakergitops.local.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** ECR through the real SDK client over HTTP. */
// The SDK's varargs of builder consumers are generic arrays; the warning says nothing here.
@SuppressWarnings("unchecked")
class EcrServiceTest {
  private static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
  private static final String MANIFEST_A = "{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_V2
      + "\",\"layers\":[{\"size\":10}],\"config\":{\"size\":5}}";
  private static final String MANIFEST_B = "{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_V2
      + "\",\"layers\":[{\"size\":20}]}";

  private LocalControlPlane plane;
  private EcrClient ecr;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().service(new EcrService()).start();
    ecr = EcrClient.builder().endpointOverride(plane.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterEach
  void stop() {
    ecr.close();
    plane.close();
  }

  @Test
  void createRepository_whenNew_answersArnAndUri() {
    var repository = ecr.createRepository(r -> r.repositoryName("team/churn")).repository();

    assertThat(repository.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/team/churn");
    assertThat(repository.repositoryUri()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/churn");
    assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.MUTABLE);
    assertThat(ecr.describeRepositories(r -> { }).repositories()).hasSize(1);
  }

  @Test
  void createRepository_whenExists_answersRepositoryAlreadyExists() {
    ecr.createRepository(r -> r.repositoryName("churn"));

    assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("churn")))
        .isInstanceOf(RepositoryAlreadyExistsException.class)
        .hasMessageContaining("The repository with name 'churn' already exists in the registry with id '123456789012'");
  }

  @Test
  void describeRepositories_whenMissing_answersRepositoryNotFoundWithEcrText() {
    assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("nope")))
        .isInstanceOfSatisfying(RepositoryNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The repository with name 'nope' does not exist in the registry with id '123456789012'"));
  }

  @Test
  void getLifecyclePolicy_whenPutBefore_answersTheTextAndOtherwiseLifecyclePolicyNotFound() {
    ecr.createRepository(r -> r.repositoryName("churn"));
    String policy = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
        + "\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}";

    assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("churn")))
        .isInstanceOfSatisfying(LifecyclePolicyNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Lifecycle policy does not exist for the repository with name 'churn' in the registry with id "
                + "'123456789012'"));
    var put = ecr.putLifecyclePolicy(r -> r.repositoryName("churn").lifecyclePolicyText(policy));
    var got = ecr.getLifecyclePolicy(r -> r.repositoryName("churn"));

    assertThat(put.lifecyclePolicyText()).isEqualTo(policy);
    assertThat(got.lifecyclePolicyText()).isEqualTo(policy);
    assertThat(got.repositoryName()).isEqualTo("churn");
    assertThat(got.registryId()).isEqualTo("123456789012");
    assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("churn").lifecyclePolicyText("x".repeat(120))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("nope")))
        .isInstanceOf(RepositoryNotFoundException.class);
  }

  @Test
  void putImage_whenPushed_digestIsSha256OfTheManifestAndResolvesByTag() throws Exception {
    ecr.createRepository(r -> r.repositoryName("churn"));

    var image = ecr.putImage(r -> r.repositoryName("churn").imageManifest(MANIFEST_A).imageTag("v1")).image();

    String expected = "sha256:" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(MANIFEST_A.getBytes(StandardCharsets.UTF_8)));
    assertThat(image.imageId().imageDigest()).isEqualTo(expected);
    var details = ecr.describeImages(r -> r.repositoryName("churn").imageIds(i -> i.imageTag("v1"))).imageDetails();
    assertThat(details).singleElement().satisfies(d -> {
      assertThat(d.imageDigest()).isEqualTo(expected);
      assertThat(d.imageTags()).containsExactly("v1");
      assertThat(d.imageSizeInBytes()).isEqualTo(15L);
      assertThat(d.imagePushedAt()).isNotNull();
    });
  }

  /** A Docker manifest list over MANIFEST_A as its linux/amd64 image. */
  private static String manifestList() throws Exception {
    String digest = "sha256:" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(MANIFEST_A.getBytes(StandardCharsets.UTF_8)));
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
        + "\"manifests\":[{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"size\":60,"
        + "\"digest\":\"" + digest + "\",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
  }

  @Test
  void putImage_whenAManifestListNamesAnImageNotPushed_answersReferencedImagesNotFound() throws Exception {
    ecr.createRepository(r -> r.repositoryName("churn"));
    String list = manifestList();

    assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("churn").imageManifest(list).imageTag("multi")))
        .isInstanceOfSatisfying(EcrException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReferencedImagesNotFoundException"));
    assertThat(ecr.describeImages(r -> r.repositoryName("churn")).imageDetails()).isEmpty();
  }

  @Test
  void describeImages_whenAManifestList_answersTheLargestSizeOfItsManifests() throws Exception {
    ecr.createRepository(r -> r.repositoryName("churn"));
    ecr.putImage(r -> r.repositoryName("churn").imageManifest(MANIFEST_A).imageTag("amd64"));
    String list = manifestList();
    ecr.putImage(r -> r.repositoryName("churn").imageManifest(list).imageTag("multi"));

    var details = ecr.describeImages(r -> r.repositoryName("churn").imageIds(i -> i.imageTag("multi"))).imageDetails();

    assertThat(details).singleElement().satisfies(d -> {
      assertThat(d.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
      assertThat(d.imageSizeInBytes()).isEqualTo(15L);
    });
  }

  @Test
  void putImage_whenDigestDoesNotMatchManifest_answersImageDigestDoesNotMatch() {
    ecr.createRepository(r -> r.repositoryName("churn"));

    assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("churn").imageManifest(MANIFEST_A).imageTag("v1")
        .imageDigest("sha256:" + "0".repeat(64)))).isInstanceOf(ImageDigestDoesNotMatchException.class);
    assertThat(ecr.describeImages(r -> r.repositoryName("churn")).imageDetails()).isEmpty();
  }

  @Test
  void putImage_whenNeitherManifestNorRequestNamesAMediaType_answersInvalidParameterAndStoresNothing() {
    ecr.createRepository(r -> r.repositoryName("churn"));
    String untyped = "{\"schemaVersion\":2,\"layers\":[{\"size\":10}]}";

    assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("churn").imageManifest(untyped).imageTag("v1")))
        .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .contains("'imageManifestMediaType'"));
    assertThat(ecr.describeImages(r -> r.repositoryName("churn")).imageDetails()).isEmpty();
    assertThat(ecr.putImage(r -> r.repositoryName("churn").imageManifest(untyped).imageTag("v1")
        .imageManifestMediaType(DOCKER_V2)).image().imageManifestMediaType()).isEqualTo(DOCKER_V2);
  }

  @Test
  void putImage_whenTheSameImageAndTagArePushedAgain_answersImageAlreadyExistsInEcrWords() {
    ecr.createRepository(r -> r.repositoryName("churn"));
    String digest = ecr.putImage(r -> r.repositoryName("churn").imageManifest(MANIFEST_A).imageTag("v1"))
        .image().imageId().imageDigest();

    assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("churn").imageManifest(MANIFEST_A).imageTag("v1")))
        .isInstanceOfSatisfying(ImageAlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Image with digest '" + digest + "' and tag 'v1' already exists in the repository with name "
                + "'churn' in registry with id '123456789012'"));
  }

  @Test
  void createRepository_whenKmsEncryption_keepsItsTypeAndKey() {
    String key = "arn:aws:kms:us-east-1:123456789012:key/51d81fab-b138-4bd2-8a09-07fd6d37224d";
    var own = ecr.createRepository(r -> r.repositoryName("own-key")
        .encryptionConfiguration(c -> c.encryptionType(EncryptionType.KMS).kmsKey(key))).repository();
    var managed = ecr.createRepository(r -> r.repositoryName("managed-key")
        .encryptionConfiguration(c -> c.encryptionType(EncryptionType.KMS))).repository();
    var plain = ecr.createRepository(r -> r.repositoryName("plain")).repository();

    assertThat(own.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.KMS);
    assertThat(own.encryptionConfiguration().kmsKey()).isEqualTo(key);
    assertThat(managed.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.KMS);
    assertThat(managed.encryptionConfiguration().kmsKey()).startsWith("arn:aws:kms:us-east-1:123456789012:key/");
    assertThat(plain.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.AES256);
    assertThat(plain.encryptionConfiguration().kmsKey()).isNull();
    assertThat(ecr.describeRepositories(r -> r.repositoryNames("own-key")).repositories().get(0)
        .encryptionConfiguration()).isEqualTo(own.encryptionConfiguration());
  }

  @Test
  void describeRepositories_whenAnotherAccountsRegistry_answersNoneOfTheCallersRepositories() {
    ecr.createRepository(r -> r.repositoryName("churn"));

    assertThat(ecr.describeRepositories(r -> r.registryId("109876543210")).repositories()).isEmpty();
    assertThatThrownBy(() -> ecr.describeRepositories(r -> r.registryId("109876543210").repositoryNames("churn")))
        .isInstanceOfSatisfying(RepositoryNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The repository with name 'churn' does not exist in the registry with id '109876543210'"));
    assertThat(ecr.describeRepositories(r -> r.registryId("123456789012")).repositories()).hasSize(1);
  }

  @Test
  void createRepository_whenInAChinaRegion_answersTheAwsCnPartitionAndDomain() {
    try (EcrClient china = EcrClient.builder().endpointOverride(plane.endpoint()).region(Region.CN_NORTH_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      var repository = china.createRepository(r -> r.repositoryName("churn")).repository();

      assertThat(repository.repositoryArn()).isEqualTo("arn:aws-cn:ecr:cn-north-1:123456789012:repository/churn");
      assertThat(repository.repositoryUri()).isEqualTo("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/churn");
    }
  }

  @Test
  void putImage_whenTagRepushedToImmutableRepository_answersImageTagAlreadyExists() {
    ecr.createRepository(r -> r.repositoryName("churn").imageTagMutability(ImageTagMutability.IMMUTABLE));
    ecr.putImage(r -> r.repositoryName("churn").imageManifest(MANIFEST_A).imageTag("v1"));

    assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("churn").imageManifest(MANIFEST_B).imageTag("v1")))
        .isInstanceOf(ImageTagAlreadyExistsException.class);
  }

  @Test
  void putImage_whenTagRepushedToMutableRepository_movesTheTagAndKeepsTheOldImageUntagged() {
    ecr.createRepository(r -> r.repositoryName("churn"));
    String first = ecr.putImage(r -> r.repositoryName("churn").imageManifest(MANIFEST_A).imageTag("v1"))
        .image().imageId().imageDigest();
    String second = ecr.putImage(r -> r.repositoryName("churn").imageManifest(MANIFEST_B).imageTag("v1"))
        .image().imageId().imageDigest();

    assertThat(ecr.describeImages(r -> r.repositoryName("churn").imageIds(i -> i.imageTag("v1")))
        .imageDetails().get(0).imageDigest()).isEqualTo(second);
    assertThat(ecr.describeImages(r -> r.repositoryName("churn").imageIds(i -> i.imageDigest(first)))
        .imageDetails().get(0).imageTags()).isEmpty();
  }

  @Test
  void describeImages_whenTagMissing_answersImageNotFoundWithEcrText() {
    ecr.createRepository(r -> r.repositoryName("churn"));

    assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("churn").imageIds(i -> i.imageTag("latest"))))
        .isInstanceOfSatisfying(ImageNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The image with imageId {imageDigest:'null', imageTag:'latest'} does not exist within the "
                + "repository with name 'churn' in the registry with id '123456789012'"));
  }

  @Test
  void describeImages_whenMoreThanOnePage_pagesWithNextToken() {
    EcrService service = plane.service(EcrService.class);
    for (int i = 0; i < 5; i++) {
      service.publish("us-east-1", "churn", "v" + i);
    }

    var first = ecr.describeImages(r -> r.repositoryName("churn").maxResults(2));
    var second = ecr.describeImages(r -> r.repositoryName("churn").maxResults(2).nextToken(first.nextToken()));
    var all = ecr.describeImagesPaginator(r -> r.repositoryName("churn").maxResults(2)).imageDetails().stream().toList();

    assertThat(first.imageDetails()).hasSize(2);
    assertThat(second.imageDetails()).hasSize(2).doesNotContainAnyElementsOf(first.imageDetails());
    assertThat(all).hasSize(5);
  }

  @Test
  void describeImages_whenNextTokenIsGarbage_answersInvalidParameter() {
    plane.service(EcrService.class).publish("us-east-1", "churn", "v1");

    assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("churn").nextToken("%%%")))
        .isInstanceOf(EcrException.class);
  }

  @Test
  void batchGetImage_whenOneTagMissing_answersTheFoundImageAndAFailure() {
    String digest = plane.service(EcrService.class).publish("us-east-1", "churn", "v1");

    var response = ecr.batchGetImage(r -> r.repositoryName("churn")
        .imageIds(i -> i.imageTag("v1"), i -> i.imageTag("v2")));

    assertThat(response.images()).singleElement().satisfies(image -> {
      assertThat(image.imageId().imageDigest()).isEqualTo(digest);
      assertThat(image.imageManifest()).contains("schemaVersion");
    });
    assertThat(response.failures()).singleElement().satisfies(f -> {
      assertThat(f.imageId().imageTag()).isEqualTo("v2");
      assertThat(f.failureCode()).isEqualTo(ImageFailureCode.IMAGE_NOT_FOUND);
    });
  }

  @Test
  void publish_whenRepeated_returnsTheSameDigestAndIsRegionScoped() {
    EcrService service = plane.service(EcrService.class);

    String first = service.publish("us-east-1", "churn", "v1");
    String again = service.publish("us-east-1", "churn", "v1");
    String elsewhere = service.publish("eu-west-1", "churn", "v1");

    assertThat(again).isEqualTo(first);
    assertThat(elsewhere).isNotEqualTo(first);
    assertThat(service.digestOf("us-east-1", "churn", "v1")).contains(first);
    assertThat(ecr.describeRepositories(r -> { }).repositories()).hasSize(1);
  }
}
