package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestFileFilterTest {

  @Test
  void isManifestPath_whenYamlOrYml_isTrue() {
    assertThat(ManifestFileFilter.isManifestPath("models/churn/prod.yaml")).isTrue();
    assertThat(ManifestFileFilter.isManifestPath("prod.yml")).isTrue();
    assertThat(ManifestFileFilter.isManifestPath("PROD.YAML")).isTrue();
    assertThat(ManifestFileFilter.isManifestPath("models/churn/prod.json")).isFalse();
    assertThat(ManifestFileFilter.isManifestPath("models/yaml")).isFalse();
  }

  @Test
  void looksLikeManifest_whenTopLevelApiVersionOrKind_isTrue() {
    assertThat(looks(SampleManifests.churn(7))).isTrue();
    assertThat(looks("apiVersion: \"sagemaker-gitops/v2\"\n")).isTrue();
    assertThat(looks("# comment\r\nkind: ModelDeployment   # trailing\r\n")).isTrue();
    assertThat(looks("apiVersion: sagemaker-gitop/v1\nkind: 'ModelDeployment'\n")).isTrue();
    assertThat(looks("\uFEFFapiVersion: sagemaker-gitops/v1\n")).isTrue();
    assertThat(looks("---\napiVersion: sagemaker-gitops/v1\n")).isTrue();
  }

  @Test
  void looksLikeManifest_whenOtherYaml_isFalse() {
    assertThat(looks(SampleManifests.CI_WORKFLOW)).isFalse();
    assertThat(looks(SampleManifests.BUILDSPEC)).isFalse();
    assertThat(looks("apiVersion: apps/v1\nkind: Deployment\n")).isFalse();
    assertThat(looks("kind: ModelDeployments\n")).isFalse();
    assertThat(looks("spec:\n  kind: ModelDeployment\n  apiVersion: sagemaker-gitops/v1\n")).isFalse();
    assertThat(looks("")).isFalse();
  }

  private static boolean looks(String text) {
    return ManifestFileFilter.looksLikeManifest(text.getBytes(StandardCharsets.UTF_8));
  }
}
