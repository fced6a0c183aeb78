package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

  @Test
  void toString_whenExternalIdSet_masksIt() {
    AwsSettings settings = AwsSettings.defaults().withRole("arn:aws:iam::123456789012:role/deployer", "tenant-secret-7");

    assertThat(settings.toString()).doesNotContain("tenant-secret-7").contains("externalId=****")
        .contains("arn:aws:iam::123456789012:role/deployer");
    assertThat(settings.externalId()).isEqualTo("tenant-secret-7");
  }

  @Test
  void constructor_whenValuesBlank_treatsThemAsAbsent() {
    AwsSettings settings = new AwsSettings(" ", "", null, " ", null, null);

    assertThat(settings).isEqualTo(AwsSettings.defaults());
    assertThat(settings.roleSessionName()).isEqualTo(AwsSettings.DEFAULT_ROLE_SESSION_NAME);
  }

  @Test
  void constructor_whenSessionNameBreaksStsRules_explains() {
    assertThatThrownBy(() -> new AwsSettings(null, null, null, "arn:aws:iam::123456789012:role/r", "has space", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role session name");
  }

  @Test
  void constructor_whenExternalIdWithoutRole_explains() {
    assertThatThrownBy(() -> new AwsSettings(null, null, null, null, null, "ext"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role ARN");
  }

  @Test
  void constructor_whenEndpointNotAUrl_explains() {
    assertThatThrownBy(() -> new AwsSettings(null, null, URI.create("localhost"), null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://127.0.0.1:5000");
  }

  @Test
  void withRegion_whenCalled_keepsTheRest() {
    AwsSettings settings = AwsSettings.defaults().withProfile("ci").withEndpointUrl(URI.create("http://127.0.0.1:5000"));

    assertThat(settings.withRegion("eu-west-1"))
        .isEqualTo(new AwsSettings("eu-west-1", "ci", URI.create("http://127.0.0.1:5000"), null, null, null));
  }
}
