package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.ManifestText;
import org.junit.jupiter.api.Test;

/** spec.model.network and the KMS keys of spec.endpoint and its data capture: bound, or refused with file, line and field. */
class NetworkAndEncryptionBinderTest {
  private static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private final ManifestLoader loader = new ManifestLoader();

  private static String manifest(String network, String instanceType, String endpointExtra) {
    return ManifestText.churnProd().spec(ManifestText.CHURN_MODEL).spec(network).spec("""
          endpoint:
            name: churn-prod
            variants:
              - {name: AllTraffic, instanceType: %s, instanceCount: 2}
        %s""".formatted(instanceType, endpointExtra)).text();
  }

  private ManifestParseResult load(String text) {
    return loader.load(ManifestSource.file("models/churn/prod.yaml"), text);
  }

  @Test
  void load_whenNetworkAndKeysAreSet_bindsThem() {
    ManifestParseResult result = load(manifest("""
            network:
              subnets: [subnet-0abc1234, subnet-0def5678]
              securityGroups: [sg-0abc1234]
              isolation: true
        """, "ml.m5.large", """
            kmsKeyId: %s
            dataCapture: {s3Uri: s3://ml-capture/churn/, samplingPercent: 10, kmsKeyId: alias/ml-capture}
        """.formatted(KEY_ARN)));

    assertThat(result.problems()).isEmpty();
    ModelSpec.Network network = result.manifest().spec().model().network();
    assertThat(network.subnets()).containsExactly("subnet-0abc1234", "subnet-0def5678");
    assertThat(network.securityGroups()).containsExactly("sg-0abc1234");
    assertThat(network.isolation()).isTrue();
    assertThat(result.manifest().spec().endpoint().kmsKeyId()).isEqualTo(KEY_ARN);
    assertThat(result.manifest().spec().endpoint().dataCapture().kmsKeyId()).isEqualTo("alias/ml-capture");
  }

  @Test
  void load_whenEveryKmsKeyFormIsUsed_acceptsEachAndRefusesOthers() {
    for (String key : new String[] {"1234abcd-12ab-34cd-56ef-1234567890ab", KEY_ARN, "alias/ExampleAlias",
        "arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias", "mrk-1234abcd12ab34cd56ef1234567890ab"}) {
      assertThat(load(manifest("", "ml.m5.large", "    kmsKeyId: " + key + "\n")).problems()).as(key).isEmpty();
    }
    for (String key : new String[] {"my-key", "arn:aws:kms:us-east-1:123456789012:secret/x", "alias/",
        "arn:aws:s3:::bucket"}) {
      assertThat(load(manifest("", "ml.m5.large", "    kmsKeyId: \"" + key + "\"\n")).problems()).as(key)
          .singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("spec.endpoint.kmsKeyId");
            assertThat(p.line()).isEqualTo(14);
            assertThat(p.message()).contains("a KMS key id", "alias name");
          });
    }
  }

  @Test
  void load_whenSubnetOrSecurityGroupIsMalformedOrTooMany_pointsAtTheItem() {
    ManifestParseResult result = load(manifest("""
            network:
              subnets: [subnet-0abc1234, vpc-0abc1234]
              securityGroups: [sg-00000001, sg-00000002, sg-00000003, sg-00000004, sg-00000005, sg-00000006]
        """, "ml.m5.large", ""));

    assertThat(result.problems()).extracting(ManifestProblem::field, ManifestProblem::line)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("spec.model.network.subnets[1]", 11),
            org.assertj.core.groups.Tuple.tuple("spec.model.network.securityGroups", 12));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p.message()).contains("subnet ids such as subnet-"));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p.message()).contains("1 to 5", "got 6"));
  }

  @Test
  void load_whenAKmsKeyMeetsAnInstanceTypeWithLocalStorage_refusesItAtTheKey() {
    ManifestParseResult result = load(manifest("", "ml.g4dn.xlarge", "    kmsKeyId: alias/ml-hosting\n"));

    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.endpoint.kmsKeyId");
      assertThat(p.line()).isEqualTo(14);
      assertThat(p.message()).contains("[ml.g4dn.xlarge]", "You can't request a KmsKeyId when using an instance type "
          + "with local storage");
    });
  }

  @Test
  void localInstanceStorage_knowsTheFamiliesWithInstanceStore() {
    assertThat(LocalInstanceStorage.has("ml.m5d.large")).isTrue();
    assertThat(LocalInstanceStorage.has("ml.g5.xlarge")).isTrue();
    assertThat(LocalInstanceStorage.has("ml.p4d.24xlarge")).isTrue();
    assertThat(LocalInstanceStorage.has("ml.c6id.large")).isTrue();
    assertThat(LocalInstanceStorage.has("ml.m5.large")).isFalse();
    assertThat(LocalInstanceStorage.has("ml.inf2.xlarge")).isFalse();
    assertThat(LocalInstanceStorage.has("ml.g4dn.xlarge")).isTrue();
  }
}
