package dev.sagemakergitops.core.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentHashTest {

  @Test
  void hex_whenSameFieldsInSameOrder_isTheSame() {
    assertThat(ContentHash.of("model").field("image", "a@sha256:1").field("mode", "SingleModel").hex())
        .isEqualTo(ContentHash.of("model").field("image", "a@sha256:1").field("mode", "SingleModel").hex())
        .matches("[0-9a-f]{64}");
  }

  @Test
  void hex_whenFieldOrderDiffers_differs() {
    assertThat(ContentHash.of("model").field("a", 1).field("b", 2).hex())
        .isNotEqualTo(ContentHash.of("model").field("b", 2).field("a", 1).hex());
  }

  @Test
  void hex_whenKindDiffers_differs() {
    assertThat(ContentHash.of("model").field("a", 1).hex()).isNotEqualTo(ContentHash.of("endpoint-config").field("a", 1).hex());
  }

  @Test
  void hex_whenMapKeysComeInAnotherOrder_isTheSame() {
    Map<String, String> first = new LinkedHashMap<>();
    first.put("SAGEMAKER_PROGRAM", "inference.py");
    first.put("MODEL_THRESHOLD", "0.83");
    Map<String, String> second = new LinkedHashMap<>();
    second.put("MODEL_THRESHOLD", "0.83");
    second.put("SAGEMAKER_PROGRAM", "inference.py");

    assertThat(ContentHash.of("model").field("environment", first).hex())
        .isEqualTo(ContentHash.of("model").field("environment", second).hex());
  }

  @Test
  void hex_whenNestedMapKeysComeInAnotherOrder_isTheSame() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("x", Map.of("k", 1));
    first.put("y", List.of(2, 3));
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("y", List.of(2, 3));
    second.put("x", Map.of("k", 1));

    assertThat(ContentHash.of("k").field("f", first).hex()).isEqualTo(ContentHash.of("k").field("f", second).hex());
  }

  @Test
  void hex_whenListOrderDiffers_differs() {
    assertThat(ContentHash.of("k").field("alarms", List.of("a", "b")).hex())
        .isNotEqualTo(ContentHash.of("k").field("alarms", List.of("b", "a")).hex());
  }

  @Test
  void hex_whenNullOrEmpty_differ() {
    assertThat(ContentHash.of("k").field("role", null).hex()).isNotEqualTo(ContentHash.of("k").field("role", "").hex());
    assertThat(ContentHash.of("k").field("role", null).hex()).isNotEqualTo(ContentHash.of("k").field("role", "-").hex());
    assertThat(ContentHash.of("k").field("env", Map.of()).hex()).isNotEqualTo(ContentHash.of("k").field("env", null).hex());
    assertThat(ContentHash.of("k").field("list", List.of()).hex()).isNotEqualTo(ContentHash.of("k").field("list", null).hex());
  }

  @Test
  void hex_whenNullOrDashInsideMapsAndLists_differ() {
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("a", null);
    assertThat(ContentHash.of("k").field("m", withNull).hex()).isNotEqualTo(ContentHash.of("k").field("m", Map.of("a", "-")).hex());
    assertThat(ContentHash.of("k").field("l", Arrays.asList((Object) null)).hex())
        .isNotEqualTo(ContentHash.of("k").field("l", List.of("-")).hex());
  }

  @Test
  void hex_whenTheSameTextIsSplitDifferently_differs() {
    assertThat(ContentHash.of("k").field("x", "ab").field("y", "c").hex())
        .isNotEqualTo(ContentHash.of("k").field("x", "a").field("y", "bc").hex());
    assertThat(ContentHash.of("k").field("l", List.of("ab", "c")).hex())
        .isNotEqualTo(ContentHash.of("k").field("l", List.of("a", "bc")).hex());
    assertThat(ContentHash.of("k").field("m", Map.of("ab", "c")).hex())
        .isNotEqualTo(ContentHash.of("k").field("m", Map.of("a", "bc")).hex());
  }

  @Test
  void hex_whenAValueLooksLikeTheEncodingOfTwoFields_differs() {
    assertThat(ContentHash.of("k").field("a", "1:1\nb=1:x").hex())
        .isNotEqualTo(ContentHash.of("k").field("a", "1").field("b", "x").hex());
  }

  @Test
  void hex_whenAWholeNumberIsWrittenAsDecimal_isTheSame() {
    // YAML gives 2 or 2.0 for the same count; a name must not depend on how the manifest spelt it.
    assertThat(ContentHash.of("k").field("n", 2.0).hex()).isEqualTo(ContentHash.of("k").field("n", 2).hex());
    assertThat(ContentHash.of("k").field("n", 0.5).hex()).isNotEqualTo(ContentHash.of("k").field("n", 0).hex());
  }

  @Test
  void hexDigits_isThePrefixOfTheFullDigest() {
    ContentHash hash = ContentHash.of("model").field("image", "x");

    assertThat(hash.hex(12)).hasSize(12).isEqualTo(hash.hex().substring(0, 12));
  }

  @Test
  void canonicalText_namesEveryFieldWithItsLength() {
    assertThat(ContentHash.of("model").field("image", "abc").field("role", null).canonicalText())
        .isEqualTo("kind=5:model\nimage=3:abc\nrole=-\n");
  }
}
