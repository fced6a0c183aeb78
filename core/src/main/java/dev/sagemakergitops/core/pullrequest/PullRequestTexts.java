package dev.sagemakergitops.core.pullrequest;

import java.util.List;


/**
 * The title and Markdown body of the pull requests the tool opens: a bump names the model, the
 * version and its evaluation metrics; a revert names the endpoint SageMaker rolled back, its
 * reason and alarms, and the commit reverted. Each body starts with a hidden marker, so a person
 * reading the raw text sees where it came from. Values are quoted as code and table cells are
 * escaped, so a manifest name or a reason cannot break the layout.
 */
public final class PullRequestTexts {
  /** The most metric rows a body lists; a report with more is linked, not copied. */
  static final int MAX_METRICS = 30;

  private PullRequestTexts() {}

  /** The pull request of a bump, from {@code branch} into {@code target}. */
  public static PullRequestDraft bump(BumpFacts facts, String branch, String target) {
    String title = facts.manifestName() + ": deploy " + facts.modelPackage();
    StringBuilder body = new StringBuilder();
    body.append("<!-- sagemaker-gitops:bump ").append(comment(facts.manifestPath())).append(" -->\n");
    body.append("Deploys model package ").append(code(facts.modelPackage())).append(" to ")
        .append(code(facts.manifestName())).append(" by setting `spec.model.package` in ")
        .append(code(facts.manifestPath())).append(".\n\n");
    body.append("| | |\n|---|---|\n");
    row(body, "Model package", code(facts.modelPackage())
        + (facts.approvalStatus() == null ? "" : ", " + cell(facts.approvalStatus())));
    if (facts.packageArn() != null) {
      row(body, "Package ARN", code(facts.packageArn()));
    }
    row(body, "Manifest", code(facts.manifestPath()));
    row(body, "Training job", facts.trainingJob() == null ? "not recorded" : code(facts.trainingJob()));
    row(body, "Image", facts.image() == null ? "not recorded" : code(facts.image()));
    body.append("\n### Evaluation metrics\n\n");
    if (facts.metrics().isEmpty()) {
      body.append(facts.metricsReport() == null
          ? "The version has no evaluation report (`spec.registry.metrics`).\n"
          : "The report " + code(facts.metricsReport()) + " has no numbers this tool can read.\n");
    } else {
      body.append("| Metric | Value |\n|---|---:|\n");
      facts.metrics().entrySet().stream().limit(MAX_METRICS)
          .forEach(metric -> body.append("| ").append(cell(metric.getKey())).append(" | ")
              .append(cell(metric.getValue())).append(" |\n"));
      if (facts.metrics().size() > MAX_METRICS) {
        body.append("\n").append(facts.metrics().size() - MAX_METRICS).append(" more in the report.\n");
      }
      if (facts.metricsReport() != null) {
        body.append("\nFrom ").append(code(facts.metricsReport())).append(".\n");
      }
    }
    body.append("\n---\nOpened by sagemaker-gitops. Merging deploys this version; the next run for this manifest"
        + " updates this pull request instead of opening another.\n");
    return new PullRequestDraft(branch, target, title, body.toString());
  }

  /** The pull request of a revert after a rollback, from {@code branch} into {@code target}. */
  public static PullRequestDraft revert(RevertFacts facts, String branch, String target) {
    String title = facts.manifestName() + ": revert " + shortId(facts.revertedCommit()) + " after SageMaker rolled back "
        + facts.endpointName();
    StringBuilder body = new StringBuilder();
    body.append("<!-- sagemaker-gitops:revert ").append(comment(facts.endpointName())).append(" -->\n");
    body.append("SageMaker rolled back endpoint ").append(code(facts.endpointName())).append(" (")
        .append(cell(facts.region())).append(")")
        .append(facts.rollbackFailed() ? ", and **the rollback failed too** (`UpdateRollbackFailed`): the endpoint"
            + " serves a mix of the old and the new fleet" : "")
        .append(". Git and the endpoint differ now; this pull request brings Git back in line with what it serves.\n\n");
    body.append("| | |\n|---|---|\n");
    row(body, "Endpoint", code(facts.endpointName()));
    row(body, "Reason (FailureReason)", facts.failureReason() == null || facts.failureReason().isBlank()
        ? "SageMaker gave none" : cell(facts.failureReason()));
    row(body, "Alarms that fired", facts.alarms().isEmpty() ? "none could be named"
        : String.join(", ", facts.alarms().stream().map(PullRequestTexts::code).toList()));
    row(body, "Serving now", code(facts.servingConfig()));
    if (facts.requestedConfig() != null) {
      row(body, "Rolled back from", code(facts.requestedConfig()));
    }
    row(body, "Manifest", code(facts.manifestPath()));
    row(body, "Commit reverted", code(shortId(facts.revertedCommit()))
        + (facts.revertedSubject() == null ? "" : " " + cell(facts.revertedSubject())));
    row(body, "Revert commit", code(shortId(facts.revertCommit())));
    body.append("\n---\nOpened by sagemaker-gitops. Merging it makes the manifest name what the endpoint serves"
        + " again: the same spec hashes to the same names, so the deploy after the merge reuses them.\n");
    return new PullRequestDraft(branch, target, title, body.toString());
  }

  /**
   * The pull request of the reverts of several rolled-back endpoints written on one branch
   * ({@code status --write-revert-branch}): one is {@link #revert}; more get a title naming every
   * endpoint and a section each.
   */
  public static PullRequestDraft reverts(List<RevertFacts> facts, String branch, String target) {
    if (facts.size() == 1) {
      return revert(facts.get(0), branch, target);
    }
    String title = "revert " + facts.size() + " deployments SageMaker rolled back: "
        + String.join(", ", facts.stream().map(RevertFacts::endpointName).toList());
    StringBuilder body = new StringBuilder("<!-- sagemaker-gitops:revert ")
        .append(comment(String.join(" ", facts.stream().map(RevertFacts::endpointName).toList()))).append(" -->\n");
    for (RevertFacts each : facts) {
      String section = revert(each, branch, target).body();
      body.append("\n## ").append(cell(each.endpointName())).append("\n\n")
          .append(section, section.indexOf('\n') + 1, section.indexOf("\n---\n") + 1);
    }
    body.append("\n---\nOpened by sagemaker-gitops. Merging it makes the manifests name what the endpoints serve"
        + " again.\n");
    return new PullRequestDraft(branch, target, title, body.toString());
  }

  private static void row(StringBuilder body, String name, String value) {
    body.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  /** An inline code span that survives backticks in the value. */
  static String code(String value) {
    if (value == null) {
      return "";
    }
    String oneLine = value.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    return oneLine.contains("`") ? "`` " + oneLine + " ``" : "`" + oneLine + "`";
  }

  /** Text for a table cell: one line, pipes escaped, no HTML. */
  static String cell(String value) {
    return value == null ? "" : value.replace("\r", " ").replace("\n", " ").replace("|", "\\|")
        .replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String comment(String value) {
    return value == null ? "" : value.replace("--", "- -").replace("\n", " ");
  }

  private static String shortId(String id) {
    return id == null ? "" : id.length() > 12 ? id.substring(0, 12) : id;
  }
}
