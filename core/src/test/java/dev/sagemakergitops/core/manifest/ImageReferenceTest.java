package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  private static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private static final String DIGEST = "sha256:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void parse_whenTagged_readsEveryPart() {
    ImageReference image = ImageReference.parse(HOST + "/churn-xgb:1.4.2");

    assertThat(image.registryId()).isEqualTo("123456789012");
    assertThat(image.region()).isEqualTo("us-east-1");
    assertThat(image.registryHost()).isEqualTo(HOST);
    assertThat(image.repository()).isEqualTo("churn-xgb");
    assertThat(image.tag()).isEqualTo("1.4.2");
    assertThat(image.digest()).isNull();
    assertThat(image.isPinned()).isFalse();
  }

  @Test
  void parse_whenPinnedByDigest_readsTheDigest() {
    ImageReference image = ImageReference.parse(HOST + "/churn-xgb@" + DIGEST);

    assertThat(image.digest()).isEqualTo(DIGEST);
    assertThat(image.tag()).isNull();
    assertThat(image.isPinned()).isTrue();
  }

  @Test
  void parse_whenRepositoryHasNamespaces_keepsThemInTheRepository() {
    ImageReference image = ImageReference.parse(HOST + "/ml/team-a/churn_xgb:2026-11-01.3");

    assertThat(image.repository()).isEqualTo("ml/team-a/churn_xgb");
    assertThat(image.tag()).isEqualTo("2026-11-01.3");
  }

  @Test
  void parse_whenHostIsFips_readsTheRegion() {
    assertThat(ImageReference.parse("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/churn:1").region())
        .isEqualTo("us-gov-west-1");
  }

  @Test
  void parse_whenHostIsInChina_readsTheRegion() {
    assertThat(ImageReference.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/churn:1").region())
        .isEqualTo("cn-north-1");
  }

  @Test
  void parse_whenNoSlash_saysTheRegistryHostIsMissing() {
    assertThatThrownBy(() -> ImageReference.parse("churn-xgb:1.4.2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("with no registry host");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "docker.io/acme/churn:1",
      "public.ecr.aws/acme/churn:1",
      "ghcr.io/acme/churn:1",
      "12345.dkr.ecr.us-east-1.amazonaws.com/churn:1",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com:443/churn:1",
  })
  void parse_whenRegistryIsNotPrivateEcr_refusesIt(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected an Amazon ECR registry host")
        .hasMessageContaining("SageMaker serves images from ECR only");
  }

  @Test
  void parse_whenNeitherTagNorDigest_refusesAFloatingImage() {
    assertThatThrownBy(() -> ImageReference.parse(HOST + "/churn-xgb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a tag or a digest")
        .hasMessageContaining("float to 'latest'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256:9f86d081884c", "sha512:" + "ab", "sha256:" + "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"})
  void parse_whenDigestIsMalformed_refusesIt(String digest) {
    assertThatThrownBy(() -> ImageReference.parse(HOST + "/churn-xgb@" + digest))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha256:<64 lowercase hex digits>");
  }

  @ParameterizedTest
  @ValueSource(strings = {".hidden", "-dash", "has space", ""})
  void parse_whenTagIsMalformed_refusesIt(String tag) {
    assertThatThrownBy(() -> ImageReference.parse(HOST + "/churn-xgb:" + tag))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a tag of letters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Churn-XGB", "churn--", "a", "churn//xgb"})
  void parse_whenRepositoryIsMalformed_refusesIt(String repository) {
    assertThatThrownBy(() -> ImageReference.parse(HOST + "/" + repository + ":1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected an ECR repository name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void parse_whenBlank_saysNothingWasGiven(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got nothing");
  }

  @Test
  void withDigest_whenTagged_namesTheSameRepositoryByDigest() {
    ImageReference pinned = ImageReference.parse(HOST + "/churn-xgb:1.4.2").withDigest(DIGEST);

    assertThat(pinned.tag()).isNull();
    assertThat(pinned.digest()).isEqualTo(DIGEST);
    assertThat(pinned.toString()).isEqualTo(HOST + "/churn-xgb@" + DIGEST);
  }

  @Test
  void repositoryUri_whenTagged_leavesOutTheTag() {
    assertThat(ImageReference.parse(HOST + "/churn-xgb:1.4.2").repositoryUri()).isEqualTo(HOST + "/churn-xgb");
  }

  @ParameterizedTest
  @ValueSource(strings = {HOST + "/churn-xgb:1.4.2", HOST + "/ml/churn@" + DIGEST})
  void toString_whenParsed_givesBackTheText(String text) {
    assertThat(ImageReference.parse(text)).hasToString(text);
  }

  @Test
  void constructor_whenBothTagAndDigest_throws() {
    assertThatThrownBy(() -> new ImageReference("123456789012", "us-east-1", HOST, "churn", "1", DIGEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one of a tag or a digest");
  }

  @Test
  void constructor_whenNeitherTagNorDigest_throws() {
    assertThatThrownBy(() -> new ImageReference("123456789012", "us-east-1", HOST, "churn", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
