package dev.sagemakergitops.core.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceNameTest {
  private static final ContentHash HASH = ContentHash.of("model").field("image", "repo@sha256:abc");

  @Test
  void of_whenBaseIsAManifestName_isBaseDashTwelveHexDigits() {
    assertThat(ResourceName.of("churn-prod", HASH)).isEqualTo("churn-prod-" + HASH.hex(12));
  }

  @Test
  void of_whenSameBaseAndHash_isTheSameName() {
    assertThat(ResourceName.of("churn-prod", ContentHash.of("model").field("image", "repo@sha256:abc")))
        .isEqualTo(ResourceName.of("churn-prod", HASH));
  }

  static Stream<String> oddBases() {
    return Stream.of("churn-prod", "Churn_Prod", "churn prod!!", "---churn---", "", "-", "__",
        "modèle-de-prévision", "a", "9lives", "x".repeat(200), "a-".repeat(40), "UPPER.case.dots",
        "ends-with-dash-after-cut-0123456789012345678901234567890123456789-", "日本語");
  }

  @ParameterizedTest
  @MethodSource("oddBases")
  void of_whenBaseIsLongOrOdd_fitsSageMakersNameRule(String base) {
    String name = ResourceName.of(base, HASH);

    assertThat(name).hasSizeLessThanOrEqualTo(ResourceName.MAX_LENGTH).matches(ResourceName.ENTITY_NAME)
        .endsWith("-" + HASH.hex(12));
  }

  @Test
  void of_whenBaseHasCapitalsAndOtherCharacters_cleansIt() {
    assertThat(ResourceName.of("Churn_Prod  (EU)", HASH)).isEqualTo("churn-prod-eu-" + HASH.hex(12));
  }

  @Test
  void of_whenBaseHasNothingUsable_usesAFixedBase() {
    assertThat(ResourceName.of("___", HASH)).isEqualTo("sm-" + HASH.hex(12));
  }

  @Test
  void of_whenBaseIsTooLong_cutsItAndNeverEndsTheBaseWithADash() {
    String base = "a".repeat(49) + "-bcdef";

    String name = ResourceName.of(base, HASH);

    assertThat(name).hasSize(50 + 13 - 1).isEqualTo("a".repeat(49) + "-" + HASH.hex(12));
    assertThat(name).doesNotContain("--");
  }

  @Test
  void of_whenMaxLengthIsGiven_fitsIt() {
    assertThat(ResourceName.of("churn-prod-nightly-scoring", HASH, 20)).hasSize(20).isEqualTo("churn-p-" + HASH.hex(12));
  }

  @Test
  void of_whenMaxLengthLeavesNoRoomForABase_refuses() {
    assertThatThrownBy(() -> ResourceName.of("churn", HASH, 14))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected at least 15");
  }
}
