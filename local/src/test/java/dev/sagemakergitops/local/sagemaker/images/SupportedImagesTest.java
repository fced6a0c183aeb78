package dev.sagemakergitops.local.sagemaker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Image media types through the real SDK: ECR keeps the one {@code PutImage} was given (checked
 * against moto too), and SageMaker refuses OCI images where it names them.
 */
@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class SupportedImagesTest {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String DOCKER = "application/vnd.docker.distribution.manifest.v2+json";
  private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private static final String ROLE = "arn:aws:iam::123456789012:role/sm-execution";

  private LocalControlPlane plane;
  private EcrClient ecr;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().standardServices().start();
    ecr = client(EcrClient.builder(), plane.endpoint()).build();
    sageMaker = client(SageMakerClient.builder(), plane.endpoint()).build();
  }

  @AfterEach
  void stop() {
    ecr.close();
    sageMaker.close();
    plane.close();
  }

  static Stream<Arguments> mediaTypes() {
    return Stream.of(Arguments.of(OCI_MANIFEST, true), Arguments.of(OCI_INDEX, true), Arguments.of(OCI_MANIFEST, false));
  }

  @ParameterizedTest(name = "{0}, in the request: {1}")
  @MethodSource("mediaTypes")
  void describeImages_whenPushedWithAMediaType_answersItOnLocalAndOnMoto(String mediaType, boolean member) {
    try (EcrClient moto = client(EcrClient.builder(), MOTO.server().endpoint()).build()) {
      for (EcrClient each : List.of(ecr, moto)) {
        String repository = "media-" + Long.toString(System.nanoTime(), 36);
        each.createRepository(r -> r.repositoryName(repository));
        String manifest = manifest(mediaType, repository);
        each.putImage(r -> r.repositoryName(repository).imageTag("1.0").imageManifest(manifest)
            .imageManifestMediaType(member ? mediaType : null));

        var detail = each.describeImages(r -> r.repositoryName(repository)
            .imageIds(ImageIdentifier.builder().imageTag("1.0").build())).imageDetails().get(0);

        assertThat(detail.imageManifestMediaType()).as(each == ecr ? "local" : "moto").isEqualTo(mediaType);
        assertThat(each.batchGetImage(r -> r.repositoryName(repository)
                .imageIds(ImageIdentifier.builder().imageTag("1.0").build())).images().get(0).imageManifestMediaType())
            .as(each == ecr ? "local" : "moto").isEqualTo(mediaType);
      }
    }
  }

  @Test
  void createModel_whenTheImageIsAnOciManifest_refusesWithSageMakersText() {
    String image = push("churn", "1.0.0", OCI_MANIFEST);

    assertThatThrownBy(() -> sageMaker.createModel(r -> r.modelName("churn").executionRoleArn(ROLE)
            .primaryContainer(c -> c.image(image))))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Unsupported manifest media type "
              + OCI_MANIFEST + " for image " + image + ". Ensure that valid manifest media type is used for specified image.");
        });
    assertThat(sageMaker.listModels(r -> { }).models()).isEmpty();
  }

  @Test
  void createTrainingJob_whenTheImageIsAnOciIndex_refusesWithSageMakersText() {
    String image = push("churn-train", "2.0", OCI_INDEX);

    assertThatThrownBy(() -> sageMaker.createTrainingJob(r -> r.trainingJobName("churn-1").roleArn(ROLE)
            .algorithmSpecification(a -> a.trainingImage(image).trainingInputMode("File"))
            .outputDataConfig(o -> o.s3OutputPath("s3://artifacts/churn"))
            .resourceConfig(c -> c.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(10))
            .stoppingCondition(s -> s.maxRuntimeInSeconds(3600))))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .startsWith("Unsupported manifest media type " + OCI_INDEX + " for image " + image + "."));
    assertThat(sageMaker.listTrainingJobs(r -> { }).trainingJobSummaries()).isEmpty();
  }

  @Test
  void createTransformJob_whenTheModelsTagNowNamesAnOciImage_refusesWithSageMakersText() {
    String image = push("churn", "1.0.0", DOCKER);
    sageMaker.createModel(r -> r.modelName("churn").executionRoleArn(ROLE).primaryContainer(c -> c.image(image)));
    push("churn", "1.0.0", OCI_MANIFEST);

    assertThatThrownBy(() -> sageMaker.createTransformJob(r -> r.transformJobName("churn-batch").modelName("churn")
            .transformInput(i -> i.contentType("text/csv").dataSource(d -> d.s3DataSource(
                s -> s.s3DataType("S3Prefix").s3Uri("s3://data/batch/input/"))))
            .transformOutput(o -> o.s3OutputPath("s3://results/scored"))
            .transformResources(t -> t.instanceType("ml.m5.large").instanceCount(1))))
        .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .startsWith("Unsupported manifest media type " + OCI_MANIFEST + " for image " + image + "."));
  }

  @Test
  void createModel_whenTheImageIsADockerManifest_createsTheModel() {
    String image = push("churn", "1.0.0", DOCKER);

    sageMaker.createModel(r -> r.modelName("churn").executionRoleArn(ROLE).primaryContainer(c -> c.image(image)));

    assertThat(sageMaker.describeModel(r -> r.modelName("churn")).primaryContainer().image()).isEqualTo(image);
  }

  /** Pushes a manifest of {@code mediaType} as {@code repository:tag} (creating the repository); returns the image URI. */
  private String push(String repository, String tag, String mediaType) {
    if (ecr.describeRepositories(r -> { }).repositories().stream().noneMatch(r -> r.repositoryName().equals(repository))) {
      ecr.createRepository(r -> r.repositoryName(repository));
    }
    ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest(mediaType, repository + tag))
        .imageManifestMediaType(mediaType));
    return REGISTRY + "/" + repository + ":" + tag;
  }

  private static String manifest(String mediaType, String seed) {
    String hex = String.format("%064x", new java.math.BigInteger(1, seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .substring(0, 64);
    return "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.docker.container.image.v1+json\",\"size\":2,\"digest\":\"sha256:" + hex + "\"},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":10,"
        + "\"digest\":\"sha256:" + hex + "\"}]}";
  }

  private static <B extends AwsClientBuilder<B, ?>> B client(B builder, URI endpoint) {
    builder.endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClient(UrlConnectionHttpClient.create());
    }
    return builder;
  }
}
