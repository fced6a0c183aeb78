package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one-line edit of {@code bump --variant}: replaced in place, or a model block added in the variant's style. */
class VariantModelEditorTest {
  private static final String HEAD = """
      apiVersion: sagemaker-gitops/v1
      kind: ModelDeployment
      metadata: {name: churn-prod}
      spec:
        model:
          package: churn/7   # spec.model
          executionRoleArn: arn:aws:iam::123456789012:role/sm
        endpoint:
          name: churn-prod
          variants:
      """;

  @Test
  void setPackage_whenVariantHasItsOwnModel_replacesOnlyThatValue() {
    String yaml = HEAD + """
            - {name: A, instanceType: ml.m5.large, instanceCount: 1, weight: 80}
            - name: B
              instanceType: ml.m5.large
              instanceCount: 1
              model:
                package: churn/8   # B's own
                environment: {X: "1"}
        """;

    assertThat(VariantModelEditor.setPackage(yaml, "B", "churn/9"))
        .isEqualTo(yaml.replace("package: churn/8   # B's own", "package: churn/9   # B's own"));
  }

  @Test
  void setPackage_whenBlockVariantServesSpecModel_addsAModelBlockAtItsEnd() {
    String yaml = HEAD + """
            - name: A   # control
              instanceType: ml.m5.large
              instanceCount: 1
              weight: 80
            - name: B
              instanceType: ml.m5.large
              instanceCount: 1
              weight: 20   # the challenger
        """;

    assertThat(VariantModelEditor.setPackage(yaml, "B", "churn/9")).isEqualTo(yaml.replace(
        "      weight: 20   # the challenger\n",
        "      weight: 20   # the challenger\n      model:\n        package: churn/9\n"));
    assertThat(VariantModelEditor.setPackage(yaml, "A", "churn/9")).isEqualTo(yaml.replace(
        "      weight: 80\n", "      weight: 80\n      model:\n        package: churn/9\n"));
  }

  @Test
  void setPackage_whenFlowVariantServesSpecModel_addsTheModelInsideTheBraces() {
    String yaml = HEAD + """
            - {name: A, instanceType: ml.m5.large, instanceCount: 1, weight: 80}
            - {name: B, instanceType: ml.m5.large, instanceCount: 1, weight: 20 }   # challenger
        """;

    assertThat(VariantModelEditor.setPackage(yaml, "B", "churn/9")).isEqualTo(yaml.replace("weight: 20 }",
        "weight: 20, model: {package: churn/9} }"));
  }

  @Test
  void setPackage_whenNoSuchVariant_namesTheLineAndTheVariants() {
    String yaml = HEAD + "      - {name: A, instanceType: ml.m5.large, instanceCount: 1}\n";

    assertThatThrownBy(() -> VariantModelEditor.setPackage(yaml, "C", "churn/9"))
        .hasMessage("line 11: spec.endpoint.variants has no variant named 'C'; expected one of [A]");
  }
}
