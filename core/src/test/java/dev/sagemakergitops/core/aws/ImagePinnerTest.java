package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class ImagePinnerTest {

  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private final CallCounter counter = new CallCounter();
  private AwsClients clients;
  private EcrImages images;
  private ImagePinner pinner;

  @BeforeEach
  void setUp() {
    clients = MotoAws.clients(MOTO.server(), counter);
    images = new EcrImages(clients.ecr());
    pinner = ImagePinner.using(clients);
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void resolve_whenTagExists_returnsSha256OfTheManifest() {
    String repository = MotoAws.unique("churn-xgb");
    images.createRepository(repository);
    String pushed = images.push(repository, "1.4.2", "a");
    ImageReference reference = image("us-east-1", repository, ":1.4.2");

    ImageResolution resolution = pinner.resolve(reference);

    String expected = EcrImages.digestOf(EcrImages.manifest("a"));
    assertThat(pushed).isEqualTo(expected);
    assertThat(resolution).isInstanceOfSatisfying(ImageResolution.Resolved.class, resolved -> {
      assertThat(resolved.digest()).isEqualTo(expected).matches("sha256:[0-9a-f]{64}");
      assertThat(resolved.reference()).isEqualTo(reference);
      assertThat(resolved.pinned()).hasToString(reference.repositoryUri() + "@" + expected);
      assertThat(resolved.pushedAt()).isCloseTo(Instant.now(), within(5, ChronoUnit.MINUTES));
    });
  }

  @Test
  void resolve_whenTheImageIsAnOciManifestOrIndex_refusesWithTheMediaTypeAndTheBuildFix() {
    String repository = MotoAws.unique("buildx");
    images.createRepository(repository);
    String docker = images.push(repository, "docker", "buildx-docker");
    String ociDigest = images.push(repository, "oci", "buildx-oci", ImageMediaTypes.OCI_MANIFEST);
    images.push(repository, "index", "buildx-index", ImageMediaTypes.OCI_INDEX);
    ImageReference oci = image("us-east-1", repository, ":oci");
    ImageReference index = image("us-east-1", repository, ":index");
    ImageReference plain = image("us-east-1", repository, ":docker");
    counter.clear();

    Map<ImageReference, ImageResolution> resolutions = pinner.resolve(List.of(oci, index, plain));

    assertThat(counter.count("DescribeImages")).isEqualTo(1);
    assertThat(resolutions.get(oci)).isInstanceOfSatisfying(ImageResolution.UnsupportedMediaType.class, problem -> {
      assertThat(problem.digest()).isEqualTo(ociDigest);
      assertThat(problem.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
      assertThat(problem.message()).startsWith("image tag 'oci' in ECR repository '" + repository
              + "' (registry 123456789012, us-east-1) is an OCI image manifest (application/vnd.oci.image.manifest.v1+json);"
              + " SageMaker refuses it (\"Unsupported manifest media type\")")
          .contains("docker buildx build --provenance=false --output type=docker").contains("oci-mediatypes=false");
    });
    assertThat(((ImageResolution.Problem) resolutions.get(index)).message())
        .contains("is an OCI image index (application/vnd.oci.image.index.v1+json)").contains("--provenance=false");
    assertThat(resolutions.get(plain)).isInstanceOfSatisfying(ImageResolution.Resolved.class, resolved -> {
      assertThat(resolved.digest()).isEqualTo(docker);
      assertThat(resolved.mediaType()).isEqualTo(ImageMediaTypes.DOCKER_MANIFEST);
    });
  }

  @Test
  void resolve_whenTheImageIsADockerManifestList_refusesAndNamesTheSinglePlatformFixes() {
    String repository = MotoAws.unique("multiarch");
    images.createRepository(repository);
    String digest = images.push(repository, "2.0", "multiarch", ImageMediaTypes.DOCKER_MANIFEST_LIST);

    ImageResolution resolution = pinner.resolve(image("us-east-1", repository, "@" + digest));

    assertThat(resolution).isInstanceOfSatisfying(ImageResolution.UnsupportedMediaType.class, problem ->
        assertThat(problem.message()).startsWith("image digest '" + digest + "' in ECR repository '" + repository
                + "' (registry 123456789012, us-east-1) is a Docker manifest list (a multi-platform image) "
                + "(application/vnd.docker.distribution.manifest.list.v2+json)")
            .contains("--platform linux/amd64").contains("docker buildx imagetools inspect"));
  }

  @Test
  void resolve_whenManyTagsAndADigestInOneRepository_makesOneDescribeImagesCall() {
    String repository = MotoAws.unique("many");
    images.createRepository(repository);
    List<ImageReference> references = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      images.push(repository, "v" + i, "many-" + i);
      references.add(image("us-east-1", repository, ":v" + i));
    }
    references.add(image("us-east-1", repository, "@" + EcrImages.digestOf(EcrImages.manifest("many-3"))));
    counter.clear();

    Map<ImageReference, ImageResolution> resolutions = pinner.resolve(references);

    assertThat(counter.count("DescribeImages")).isEqualTo(1);
    assertThat(resolutions).hasSize(31).allSatisfy((reference, resolution) -> assertThat(resolution.isResolved()).isTrue());
    assertThat(((ImageResolution.Resolved) resolutions.get(references.get(7))).digest())
        .isEqualTo(EcrImages.digestOf(EcrImages.manifest("many-7")));
    assertThat(resolutions.keySet()).containsExactlyElementsOf(references);
  }

  @Test
  void resolve_when101Tags_asksInBatchesOf100() {
    String repository = MotoAws.unique("wide");
    images.createRepository(repository);
    List<ImageReference> references = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      images.push(repository, "t" + i, "wide-" + i);
      references.add(image("us-east-1", repository, ":t" + i));
    }
    counter.clear();

    Map<ImageReference, ImageResolution> resolutions = pinner.resolve(references);

    assertThat(counter.count("DescribeImages")).isEqualTo(2);
    assertThat(resolutions.values()).hasSize(101).allMatch(ImageResolution::isResolved);
  }

  @Test
  void resolve_whenOneTagMissingAmongOthers_reportsExactlyThatOneAndResolvesTheRest() {
    String repository = MotoAws.unique("churn-xgb");
    images.createRepository(repository);
    List<ImageReference> references = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      images.push(repository, "1.0." + i, "miss-" + i);
      references.add(image("us-east-1", repository, ":1.0." + i));
    }
    ImageReference missing = image("us-east-1", repository, ":1.4.2");
    references.add(5, missing);
    counter.clear();

    Map<ImageReference, ImageResolution> resolutions = pinner.resolve(references);

    assertThat(resolutions.get(missing)).isInstanceOfSatisfying(ImageResolution.ImageNotFound.class,
        problem -> assertThat(problem.message()).isEqualTo("image tag '1.4.2' not found in ECR repository '"
            + repository + "' (registry 123456789012, us-east-1); push it or fix the tag"));
    assertThat(resolutions).hasSize(9);
    references.stream().filter(reference -> !reference.equals(missing))
        .forEach(reference -> assertThat(resolutions.get(reference).isResolved()).as(reference.toString()).isTrue());
    // 9 ids, 1 missing: the failed call, then at most two calls per halving (ceil(log2 9) = 4).
    assertThat(counter.count("DescribeImages")).isBetween(2L, 1L + 2 * 4);
  }

  @Test
  void resolve_whenSeveralMissing_reportsEachOfThem() {
    String repository = MotoAws.unique("several");
    images.createRepository(repository);
    images.push(repository, "present", "several");
    ImageReference present = image("us-east-1", repository, ":present");
    ImageReference absentTag = image("us-east-1", repository, ":absent");
    ImageReference absentDigest = image("us-east-1", repository, "@sha256:" + "0".repeat(64));

    Map<ImageReference, ImageResolution> resolutions = pinner.resolve(List.of(absentTag, present, absentDigest));

    assertThat(resolutions.get(present).isResolved()).isTrue();
    assertThat(resolutions.get(absentTag)).isInstanceOf(ImageResolution.ImageNotFound.class);
    assertThat(resolutions.get(absentDigest)).isInstanceOf(ImageResolution.ImageNotFound.class);
  }

  @Test
  void resolve_whenRepositoryMissing_reportsRepositoryNotFoundForEachReference() {
    ImageReference first = image("us-east-1", "no-such-repo", ":1.0");
    ImageReference second = image("us-east-1", "no-such-repo", ":2.0");

    Map<ImageReference, ImageResolution> resolutions = pinner.resolve(List.of(first, second));

    assertThat(counter.count("DescribeImages")).isEqualTo(1);
    assertThat(resolutions.values()).hasSize(2).allSatisfy(resolution ->
        assertThat(resolution).isInstanceOf(ImageResolution.RepositoryNotFound.class));
    assertThat(((ImageResolution.Problem) resolutions.get(first)).message()).isEqualTo(
        "ECR repository 'no-such-repo' not found (registry 123456789012, us-east-1); "
            + "create it and push the image, or fix the repository name");
  }

  @Test
  void resolve_whenPinnedDigestExists_verifiesIt() {
    String repository = MotoAws.unique("pinned");
    images.createRepository(repository);
    String digest = images.push(repository, "2.0.0", "pinned");
    ImageReference pinned = image("us-east-1", repository, "@" + digest);
    counter.clear();

    ImageResolution resolution = pinner.resolve(pinned);

    assertThat(counter.count("DescribeImages")).isEqualTo(1);
    assertThat(resolution).isInstanceOfSatisfying(ImageResolution.Resolved.class,
        resolved -> assertThat(resolved.digest()).isEqualTo(digest));
  }

  @Test
  void resolve_whenPinnedDigestDoesNotExist_reportsImageNotFound() {
    String repository = MotoAws.unique("pinned");
    images.createRepository(repository);
    images.push(repository, "2.0.0", "pinned-other");
    String absent = "sha256:" + "ab".repeat(32);

    ImageResolution resolution = pinner.resolve(image("us-east-1", repository, "@" + absent));

    assertThat(resolution).isInstanceOfSatisfying(ImageResolution.ImageNotFound.class, problem ->
        assertThat(problem.message()).startsWith("image digest '" + absent + "' not found in ECR repository '"
            + repository + "' (registry 123456789012, us-east-1)"));
  }

  @Test
  void resolve_whenImagesInTwoRegions_asksEachRegionItsOwnQuestion() {
    String repository = MotoAws.unique("regional");
    images.createRepository(repository);
    String east = images.push(repository, "1.0", "east");
    EcrImages west = new EcrImages(clients.ecr("us-west-2"));
    west.createRepository(repository);
    String westDigest = west.push(repository, "1.0", "west");
    ImageReference inEast = image("us-east-1", repository, ":1.0");
    ImageReference inWest = image("us-west-2", repository, ":1.0");
    ImageReference onlyInEast = image("us-west-2", MotoAws.unique("east-only"), ":1.0");
    counter.clear();

    Map<ImageReference, ImageResolution> resolutions = pinner.resolve(List.of(inEast, inWest, onlyInEast));

    assertThat(clients.defaultRegion().id()).isEqualTo("us-east-1");
    assertThat(((ImageResolution.Resolved) resolutions.get(inEast)).digest()).isEqualTo(east);
    assertThat(((ImageResolution.Resolved) resolutions.get(inWest)).digest()).isEqualTo(westDigest).isNotEqualTo(east);
    assertThat(resolutions.get(onlyInEast)).isInstanceOf(ImageResolution.RepositoryNotFound.class);
    assertThat(counter.count("DescribeImages")).isEqualTo(3);
  }

  @Test
  void resolve_whenSameReferenceTwice_asksOnceAndAnswersOnce() {
    String repository = MotoAws.unique("dup");
    images.createRepository(repository);
    images.push(repository, "1.0", "dup");
    ImageReference reference = image("us-east-1", repository, ":1.0");
    counter.clear();

    Map<ImageReference, ImageResolution> resolutions = pinner.resolve(List.of(reference, reference));

    assertThat(resolutions).hasSize(1);
    assertThat(counter.count("DescribeImages")).isEqualTo(1);
  }

  @Test
  void resolve_whenEndpointUnreachable_reportsAwsErrorWithoutSecrets() {
    URI closed = URI.create("http://127.0.0.1:9");
    try (AwsClients unreachable = AwsClients.create(new AwsSettings("us-east-1", null, closed, null, null, null))) {
      ImageReference reference = image("us-east-1", "churn-xgb", ":1.0");

      ImageResolution resolution = ImagePinner.using(unreachable).resolve(reference);

      assertThat(resolution).isInstanceOfSatisfying(ImageResolution.AwsError.class, problem -> {
        assertThat(problem.errorCode()).isEqualTo("SdkClientException");
        assertThat(problem.message()).startsWith("could not look up image tag '1.0' in ECR repository 'churn-xgb' "
            + "(registry 123456789012, us-east-1): SdkClientException: ").doesNotContain("testing");
      });
    }
  }

  private static ImageReference image(String region, String repository, String tagOrDigest) {
    return ImageReference.parse(MotoAws.ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com/" + repository + tagOrDigest);
  }
}
