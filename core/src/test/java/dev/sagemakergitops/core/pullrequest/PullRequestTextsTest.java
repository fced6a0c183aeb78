package dev.sagemakergitops.core.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.redaction.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The titles and Markdown bodies of bump and revert pull requests. */
class PullRequestTextsTest {
  private static final String REPORT = """
      {"binary_classification_metrics": {
         "accuracy": {"value": 0.912, "standard_deviation": 0.004},
         "auc": {"value": 0.95},
         "confusion_matrix": {"0": {"0": 10, "1": 2}},
         "precision_recall_curve": {"precisions": [0.1, 0.2]}},
       "rows": 12000}
      """;

  @Test
  void bump_whenTheRegistryHasEveryFact_namesModelVersionMetricsManifestJobAndImage() {
    BumpFacts facts = new BumpFacts("churn-prod", "models/churn/prod.yaml", "churn/8",
        "arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn/8", "Approved", "churn-train-1a2b3c",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:" + "a".repeat(64), "s3://ml/churn/eval.json",
        EvaluationReport.metrics(REPORT.getBytes(StandardCharsets.UTF_8)));

    PullRequestDraft draft = PullRequestTexts.bump(facts, "bump/churn-prod", "main");

    assertThat(draft.title()).isEqualTo("churn-prod: deploy churn/8");
    assertThat(draft.sourceBranch()).isEqualTo("bump/churn-prod");
    assertThat(draft.targetBranch()).isEqualTo("main");
    assertThat(draft.body())
        .startsWith("<!-- sagemaker-gitops:bump models/churn/prod.yaml -->\n")
        .contains("| Model package | `churn/8`, Approved |")
        .contains("| Manifest | `models/churn/prod.yaml` |")
        .contains("| Training job | `churn-train-1a2b3c` |")
        .contains("| Image | `123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:" + "a".repeat(64) + "` |")
        .contains("| Metric | Value |\n|---|---:|\n"
            + "| binary_classification_metrics.accuracy | 0.912 ± 0.004 |\n"
            + "| binary_classification_metrics.auc | 0.95 |\n"
            + "| binary_classification_metrics.confusion_matrix.0.0 | 10 |\n"
            + "| binary_classification_metrics.confusion_matrix.0.1 | 2 |\n"
            + "| rows | 12000 |\n")
        .contains("From `s3://ml/churn/eval.json`.")
        .doesNotContain("precisions");
  }

  @Test
  void bump_whenOnlyTheManifestIsKnown_saysWhatIsMissing() {
    PullRequestDraft draft = PullRequestTexts.bump(BumpFacts.of("churn-prod", "models/churn/prod.yaml", "churn/8"),
        "bump/churn-prod", "main");

    assertThat(draft.body())
        .contains("| Training job | not recorded |")
        .contains("The version has no evaluation report (`spec.registry.metrics`).");
  }

  @Test
  void bump_whenValuesCarryMarkdown_keepsTheTableIntact() {
    Map<String, String> metrics = new LinkedHashMap<>();
    metrics.put("a|b", "1");
    PullRequestDraft draft = PullRequestTexts.bump(new BumpFacts("x|y", "models/a`b.yaml", "g/1", null, null, "job\nx",
        null, null, metrics), "b", "main");

    assertThat(draft.body()).contains("| a\\|b | 1 |").contains("`` models/a`b.yaml ``")
        .contains("`job x`");
  }

  @Test
  void revert_namesTheEndpointTheRollbackItsReasonTheAlarmsAndTheCommit() {
    RevertFacts facts = new RevertFacts("churn-prod", "models/churn/prod.yaml", "churn-prod", "eu-west-1", false,
        "Alarm churn-prod-5xx went into ALARM during the baking period", List.of("churn-prod-5xx", "churn-prod-latency"),
        "churn-prod-0a1b2c3d4e", "churn-prod-9f8e7d6c5b", "1111111111111111111111111111111111111111",
        "Bump churn-prod to model package churn/8", "2222222222222222222222222222222222222222");

    PullRequestDraft draft = PullRequestTexts.revert(facts, "revert/churn-prod", "main");

    assertThat(draft.title()).isEqualTo("churn-prod: revert 111111111111 after SageMaker rolled back churn-prod");
    assertThat(draft.body())
        .startsWith("<!-- sagemaker-gitops:revert churn-prod -->\n")
        .contains("SageMaker rolled back endpoint `churn-prod` (eu-west-1).")
        .contains("| Reason (FailureReason) | Alarm churn-prod-5xx went into ALARM during the baking period |")
        .contains("| Alarms that fired | `churn-prod-5xx`, `churn-prod-latency` |")
        .contains("| Serving now | `churn-prod-0a1b2c3d4e` |")
        .contains("| Rolled back from | `churn-prod-9f8e7d6c5b` |")
        .contains("| Commit reverted | `111111111111` Bump churn-prod to model package churn/8 |")
        .contains("| Revert commit | `222222222222` |");
  }

  @Test
  void revert_whenSageMakerGaveNoReasonAndTheRollbackFailed_saysSo() {
    RevertFacts facts = new RevertFacts("churn-prod", "m.yaml", "churn-prod", "eu-west-1", true, "", List.of(),
        "cfg-a", null, "1111111111111111111111111111111111111111", null, "2222222222222222222222222222222222222222");

    assertThat(PullRequestTexts.revert(facts, "r", "main").body())
        .contains("**the rollback failed too** (`UpdateRollbackFailed`)")
        .contains("| Reason (FailureReason) | SageMaker gave none |")
        .contains("| Alarms that fired | none could be named |")
        .doesNotContain("Rolled back from")
        .doesNotContain(Redaction.MASK);
  }

  @Test
  void reverts_whenTwoEndpointsRolledBack_namesBothWithASectionEach() {
    RevertFacts churn = new RevertFacts("churn-prod", "models/churn/prod.yaml", "churn-prod", "eu-west-1", false,
        "alarm", List.of("churn-prod-5xx"), "cfg-a", null, "1111111111111111111111111111111111111111", "Bump churn",
        "2222222222222222222222222222222222222222");
    RevertFacts fraud = new RevertFacts("fraud-prod", "models/fraud/prod.yaml", "fraud-prod", "eu-west-1", false,
        null, List.of(), "cfg-b", null, "3333333333333333333333333333333333333333", "Bump fraud",
        "4444444444444444444444444444444444444444");

    PullRequestDraft draft = PullRequestTexts.reverts(List.of(churn, fraud), "revert/all", "main");

    assertThat(draft.title()).isEqualTo("revert 2 deployments SageMaker rolled back: churn-prod, fraud-prod");
    assertThat(draft.body()).startsWith("<!-- sagemaker-gitops:revert churn-prod fraud-prod -->\n")
        .contains("\n## churn-prod\n\nSageMaker rolled back endpoint `churn-prod`")
        .contains("\n## fraud-prod\n\nSageMaker rolled back endpoint `fraud-prod`")
        .contains("| Commit reverted | `333333333333` Bump fraud |")
        .containsOnlyOnce("Opened by sagemaker-gitops");
    assertThat(PullRequestTexts.reverts(List.of(churn), "r", "main")).isEqualTo(PullRequestTexts.revert(churn, "r", "main"));
  }

  @Test
  void metrics_whenTheReportIsNotJson_isEmpty() {
    assertThat(EvaluationReport.metrics("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
