package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.local.spi.LocalModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * An A/B test of two model versions, from a manifest in Git through the command line, on the local
 * control plane: variant A serves churn/1 (weight 80), variant B its own model churn/2 (weight 20).
 */
class VariantModelsCommandTest extends LocalWorldTest {
  static final String PAYLOAD = "0.5,1.5\n";

  @BeforeEach
  void setUp() {
    Churn.twoVersions(world);
  }

  /** The churn manifest with variants A (spec.model) and B (its own model {@code bPackage}). */
  static String abTest(String aPackage, String bPackage) {
    return Churn.training(aPackage) + """
          endpoint:
            name: churn-prod
            variants:
              - {name: A, instanceType: ml.m5.large, instanceCount: 1, weight: 80}
              - name: B
                instanceType: ml.m5.large
                instanceCount: 1
                weight: 20
                model:
                  package: %s   # B's own model
                  environment: {VARIANT: b}
            deployment: {strategy: allAtOnce}
        """.formatted(bPackage);
  }

  @Test
  void deploy_whenVariantsHaveTheirOwnModels_eachServesItsOwnArtifactAndTargetVariantReachesIt() {
    world.commit(Churn.PATH, abTest("churn/1", "churn/2"), "A/B test: churn 2 takes 20%");

    CommandLineRun run = world.run("deploy", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    String configName = run.json().at("/result/endpointConfigName").asText();
    List<ProductionVariant> variants = world.sageMaker()
        .describeEndpointConfig(r -> r.endpointConfigName(configName)).productionVariants();
    assertThat(variants).extracting(ProductionVariant::variantName).containsExactly("A", "B");
    assertThat(variants.get(0).modelName()).isNotEqualTo(variants.get(1).modelName());
    String artifactA = artifactOf(variants.get(0).modelName());
    String artifactB = artifactOf(variants.get(1).modelName());
    assertThat(artifactB).isEqualTo("s3://ml-artifacts/churn/v2/model.tar.gz");
    assertThat(artifactA).isNotEqualTo(artifactB);
    assertThat(world.sageMaker().describeModel(r -> r.modelName(variants.get(1).modelName()))
        .primaryContainer().environment()).containsEntry("VARIANT", "b");

    try (SageMakerRuntimeClient runtime = world.cloud().client(SageMakerRuntimeClient.builder())) {
      InvokeEndpointResponse a = invoke(runtime, "A");
      InvokeEndpointResponse b = invoke(runtime, "B");

      assertThat(a.invokedProductionVariant()).isEqualTo("A");
      assertThat(b.invokedProductionVariant()).isEqualTo("B");
      assertThat(a.body().asUtf8String()).isEqualTo(expectedAnswer(artifactA));
      assertThat(b.body().asUtf8String()).isEqualTo(expectedAnswer(artifactB));
      assertThat(a.body().asUtf8String()).isNotEqualTo(b.body().asUtf8String());
      List<String> served = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        served.add(runtime.invokeEndpoint(r -> r.endpointName(Churn.NAME).contentType("text/csv")
            .body(SdkBytes.fromUtf8String(PAYLOAD))).invokedProductionVariant());
      }
      assertThat(served).filteredOn("A"::equals).hasSize(8);
      assertThat(served).filteredOn("B"::equals).hasSize(2);
      assertThatThrownBy(() -> invoke(runtime, "C")).isInstanceOf(ValidationErrorException.class);
    }
  }

  private static InvokeEndpointResponse invoke(SageMakerRuntimeClient runtime, String variant) {
    return runtime.invokeEndpoint(r -> r.endpointName(Churn.NAME).targetVariant(variant).contentType("text/csv")
        .body(SdkBytes.fromUtf8String(PAYLOAD)));
  }

  private String artifactOf(String modelName) {
    return world.sageMaker().describeModel(r -> r.modelName(modelName)).primaryContainer().modelDataUrl();
  }

  /** What the model trained into {@code artifact} answers, read from S3 as the runtime would. */
  private String expectedAnswer(String artifact) {
    String bucket = artifact.substring("s3://".length(), artifact.indexOf('/', "s3://".length()));
    String key = artifact.substring(artifact.indexOf('/', "s3://".length()) + 1);
    try (S3Client s3 = world.cloud().client(S3Client.builder().forcePathStyle(true))) {
      byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
      return LocalModel.fromArtifact(bytes).predictCsv(PAYLOAD);
    }
  }
}
