package dev.sagemakergitops.core.pullrequest;

/**
 * A pull request the tool wants open: from a branch it pushed, into the branch it came from.
 *
 * @param sourceBranch the pushed branch, such as {@code bump/churn-prod/churn-8}
 * @param targetBranch the branch to merge into, such as {@code main}
 * @param title one line, naming the model and the version (or the rollback)
 * @param body Markdown: the evaluation metrics of a bump, or SageMaker's reason and the alarms of a revert
 */
public record PullRequestDraft(String sourceBranch, String targetBranch, String title, String body) {}
