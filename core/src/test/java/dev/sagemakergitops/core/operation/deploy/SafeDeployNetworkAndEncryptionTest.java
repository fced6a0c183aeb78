package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.model.ServingModels;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;

/** spec.model.network and the endpoint's KMS keys reach CreateModel and CreateEndpointConfig, and only when set. */
class SafeDeployNetworkAndEncryptionTest extends DeployWorldTest {
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String NETWORK = "    network:\n      subnets: [subnet-0abc1234, subnet-0def5678]\n"
      + "      securityGroups: [sg-0abc1234]\n      isolation: true\n";

  SafeDeployNetworkAndEncryptionTest() {
    super(1);
  }

  private DeployResult deploy(String network, String endpointExtra) throws Exception {
    String text = DeployWorld.Manifest.v(1).withEndpointExtra(endpointExtra).text(world.image);
    text = text.replace("  endpoint:\n", network + "  endpoint:\n");
    world.repo.file(DeployWorld.PATH, text).commit("deploy");
    return DeployWorld.succeeded(world.deploy(DeployRequest.of(world.head())));
  }

  @Test
  void deploy_withNetworkAndKeys_createsTheModelInTheVpcAndTheConfigurationWithTheKeys() throws Exception {
    DeployResult result = deploy(NETWORK, "    kmsKeyId: " + KEY + "\n"
        + "    dataCapture: {s3Uri: s3://ml-capture/churn/, samplingPercent: 10, kmsKeyId: alias/ml-capture}\n");

    DescribeModelResponse model = world.sageMaker().describeModel(r -> r.modelName(result.modelName()));
    assertThat(model.vpcConfig().subnets()).containsExactly("subnet-0abc1234", "subnet-0def5678");
    assertThat(model.vpcConfig().securityGroupIds()).containsExactly("sg-0abc1234");
    assertThat(model.enableNetworkIsolation()).isTrue();
    DescribeEndpointConfigResponse config = world.sageMaker()
        .describeEndpointConfig(r -> r.endpointConfigName(result.endpointConfigName()));
    assertThat(config.kmsKeyId()).isEqualTo(KEY);
    assertThat(config.dataCaptureConfig().kmsKeyId()).isEqualTo("alias/ml-capture");
  }

  @Test
  void deploy_withoutThem_keepsTheNamesAndRequestsOfAManifestThatNeverHadThem() throws Exception {
    DeployResult plain = deploy("", "");
    String plainModel = plain.modelName();
    String plainConfig = plain.endpointConfigName();

    DescribeModelResponse model = world.sageMaker().describeModel(r -> r.modelName(plainModel));
    assertThat(model.vpcConfig()).isNull();
    assertThat(model.enableNetworkIsolation()).isFalse();
    assertThat(world.sageMaker().describeEndpointConfig(r -> r.endpointConfigName(plainConfig)).kmsKeyId()).isNull();

    String withNetwork = new ServingModels(world.context()).define(manifestWith(NETWORK)).name();
    assertThat(withNetwork).isNotEqualTo(plainModel);
  }

  private dev.sagemakergitops.core.operation.ResolvedManifest manifestWith(String network) {
    String text = DeployWorld.Manifest.v(1).text(world.image).replace("  endpoint:\n", network + "  endpoint:\n");
    world.repo.file(DeployWorld.PATH, text).commit("network");
    return world.head();
  }
}
