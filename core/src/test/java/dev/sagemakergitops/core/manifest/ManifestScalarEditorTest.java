package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.ManifestText;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestScalarEditorTest {

  private static final List<String> PACKAGE = List.of("spec", "model", "package");

  private static final String MANIFEST = ManifestText.churnProd().text() + """
        model:
          package: churn/7   # the line a pull request bumps
          executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
        endpoint:
          name: churn-prod
          variants:
            - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
      """;

  @Test
  void replaceScalar_whenPlain_replacesOnlyTheValueAndKeepsTheComment() {
    String edited = ManifestScalarEditor.replaceScalar(MANIFEST, PACKAGE, "churn/8");

    assertThat(edited).isEqualTo(MANIFEST.replace("package: churn/7", "package: churn/8"));
  }

  @Test
  void replaceScalar_whenSingleQuoted_keepsSingleQuotes() {
    String text = MANIFEST.replace("package: churn/7", "package: 'churn/7'");

    assertThat(ManifestScalarEditor.replaceScalar(text, PACKAGE, "it's/8"))
        .isEqualTo(MANIFEST.replace("package: churn/7", "package: 'it''s/8'"));
  }

  @Test
  void replaceScalar_whenDoubleQuoted_keepsDoubleQuotesAndEscapes() {
    String text = MANIFEST.replace("package: churn/7", "package: \"churn/7\"");

    assertThat(ManifestScalarEditor.replaceScalar(text, PACKAGE, "churn/8"))
        .isEqualTo(MANIFEST.replace("package: churn/7", "package: \"churn/8\""));
    assertThat(ManifestScalarEditor.replaceScalar(text, PACKAGE, "say \"hi\"\\"))
        .isEqualTo(MANIFEST.replace("package: churn/7", "package: \"say \\\"hi\\\"\\\\\""));
  }

  @Test
  void replaceScalar_whenFlowMapping_replacesInsideTheBraces() {
    String text = "spec:\n  model: {package: churn/7, executionRoleArn: arn:aws:iam::1:role/x}  # flow\n";

    assertThat(ManifestScalarEditor.replaceScalar(text, PACKAGE, "churn/8"))
        .isEqualTo("spec:\n  model: {package: churn/8, executionRoleArn: arn:aws:iam::1:role/x}  # flow\n");
    assertThat(ManifestScalarEditor.replaceScalar(text, PACKAGE, "a, b"))
        .as("a comma would end the value inside a flow mapping")
        .isEqualTo("spec:\n  model: {package: \"a, b\", executionRoleArn: arn:aws:iam::1:role/x}  # flow\n");
  }

  @Test
  void replaceScalar_whenPlainValueWouldReadAsSomethingElse_quotesIt() {
    assertThat(ManifestScalarEditor.replaceScalar(MANIFEST, PACKAGE, "8"))
        .contains("package: \"8\"   # the line");
    assertThat(ManifestScalarEditor.replaceScalar(MANIFEST, PACKAGE, "churn #8"))
        .contains("package: \"churn #8\"   # the line");
    assertThat(ManifestScalarEditor.replaceScalar(MANIFEST, PACKAGE, "yes"))
        .contains("package: \"yes\"");
  }

  @Test
  void replaceScalar_whenTextHasEmojiBeforeTheValue_countsCharactersRight() {
    String text = "# 🚀🚀 rocket team\n" + MANIFEST;

    assertThat(ManifestScalarEditor.replaceScalar(text, PACKAGE, "churn/8"))
        .isEqualTo(text.replace("package: churn/7", "package: churn/8"));
  }

  @Test
  void replaceScalar_whenValueIsAlreadyEqual_returnsTheSameText() {
    assertThat(ManifestScalarEditor.replaceScalar(MANIFEST, PACKAGE, "churn/7")).isEqualTo(MANIFEST);
  }

  @Test
  void replaceScalar_whenExplicitTag_keepsTheTag() {
    String text = "spec:\n  model:\n    package: !!str churn/7\n";

    assertThat(ManifestScalarEditor.replaceScalar(text, PACKAGE, "churn/8"))
        .isEqualTo("spec:\n  model:\n    package: !!str churn/8\n");
  }

  @Test
  void replaceScalar_whenPathMissing_throwsNamingThePath() {
    assertThatThrownBy(() -> ManifestScalarEditor.replaceScalar(MANIFEST, List.of("spec", "model", "pkg"), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.model.pkg");
    assertThatThrownBy(() -> ManifestScalarEditor.replaceScalar(MANIFEST, List.of("spec", "model"), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.model");
  }

  @Test
  void replaceScalar_whenBlockScalarOrAnchor_refusesToGuess() {
    assertThatThrownBy(() -> ManifestScalarEditor.replaceScalar("spec:\n  model:\n    package: |\n      churn/7\n",
        PACKAGE, "churn/8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block scalar");
    assertThatThrownBy(() -> ManifestScalarEditor.replaceScalar(
        "base: &pkg churn/7\nspec:\n  model:\n    package: *pkg\n", PACKAGE, "churn/8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("anchor");
  }

  @Test
  void readScalar_whenPresent_returnsTheValue() {
    assertThat(ManifestScalarEditor.readScalar(MANIFEST, List.of("metadata", "name"))).contains("churn-prod");
    assertThat(ManifestScalarEditor.readScalar(MANIFEST, List.of("metadata", "labels"))).isEmpty();
  }
}
