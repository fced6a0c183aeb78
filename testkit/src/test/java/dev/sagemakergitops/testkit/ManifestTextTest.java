package dev.sagemakergitops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestTextTest {

  @Test
  void text_withEveryHeaderPart_writesThemInTheManifestsOrderThenTheSections() {
    String text = ManifestText.deployment("churn-prod").comment("Churn model, production.").labels("{team: growth}")
        .region("us-east-1").image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2")
        .spec("""
              model:
                package: churn/1
            """)
        .text();

    assertThat(text).isEqualTo("""
        # Churn model, production.
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: churn-prod
          labels: {team: growth}
        spec:
          region: us-east-1
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2
          model:
            package: churn/1
        """);
  }

  @Test
  void text_withoutOptionalParts_leavesTheirLinesOut() {
    assertThat(ManifestText.deployment("a").spec("  model: {package: g/1}\n").text()).isEqualTo("""
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: a
        spec:
          model: {package: g/1}
        """);
  }

  @Test
  void spec_calledTwice_appendsInOrderAndLeavesTheOriginalAlone() {
    ManifestText base = ManifestText.deployment("a");
    ManifestText both = base.spec("  model: {}\n").spec("  endpoint: {}\n");

    assertThat(both.sections()).isEqualTo("  model: {}\n  endpoint: {}\n");
    assertThat(base.sections()).isEmpty();
  }

  @Test
  void churnProd_withTheChurnModel_writesTheSixLineHeaderThenTheModel() {
    assertThat(ManifestText.churnProd().spec(ManifestText.CHURN_MODEL).text()).isEqualTo("""
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: churn-prod
        spec:
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2
          model:
            package: churn/7
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
        """);
  }
}
