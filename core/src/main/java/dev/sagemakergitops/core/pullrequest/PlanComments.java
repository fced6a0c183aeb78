package dev.sagemakergitops.core.pullrequest;

import dev.sagemakergitops.core.redaction.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The plan as one comment on its pull request, edited by later runs: what {@code plan --comment} and
 * the {@code sagemakerPlan} step's {@code comment:} do. Commenting is a courtesy to the reviewer,
 * not part of the plan: whatever goes wrong (no token, no pull request number, the host refuses,
 * the network) comes back as a warning for the caller to print, never as an exception, so the plan's
 * output and result stay what they are.
 */
public final class PlanComments {
  /** How every plan comment's hidden first line begins. */
  public static final String MARKER_PREFIX = "<!-- sagemaker-gitops:plan";

  private PlanComments() {}

  /**
   * What happened, said in one line.
   *
   * @param outcome the comment written, or empty when the comment failed
   * @param message {@code Posted the plan on github pull request 7: URL}, or the warning's text
   */
  public record Result(Optional<CommentOutcome> outcome, String message) {
    public boolean warning() {
      return outcome.isEmpty();
    }
  }

  /**
   * The hidden first line that finds the comment again. It names the plan's paths, so plans of
   * different paths in one pull request keep a comment each.
   */
  public static String marker(List<String> paths) {
    // "--" may not appear inside an HTML comment.
    String scope = String.join(" ", new TreeSet<>(paths)).replace("--", "- -");
    return MARKER_PREFIX + (scope.isEmpty() ? "" : " " + scope) + " -->";
  }

  /**
   * Posts {@code markdown} on the pull request {@code pullRequest} names (or, when it is
   * {@code null}, the one the CI's variables name) at the host {@code hosts} builds, or edits the
   * comment an earlier run posted there.
   */
  public static Result post(PullRequestHostKind kind, String pullRequest, Map<String, String> environment,
      Supplier<PullRequestHost> hosts, List<String> paths, String markdown) {
    String where = kind.optionName() + " pull request";
    try {
      Optional<PullRequestNumber> number = PullRequestLocator.locate(pullRequest, environment);
      if (number.isEmpty()) {
        return failed("no pull request to comment on: none of " + PullRequestLocator.sources() + " names one;"
            + " give the pull request's number");
      }
      where += " " + number.get().value();
      String marker = marker(paths);
      CommentOutcome outcome;
      try (PullRequestHost host = hosts.get()) {
        outcome = host.upsertComment(number.get(), marker, marker + "\n" + markdown);
      }
      String verb = outcome.action() == CommentOutcome.Action.CREATED ? "Posted the plan on " : "Edited the plan on ";
      return new Result(Optional.of(outcome),
          verb + where + (outcome.url() == null ? " (comment " + outcome.id() + ")" : ": " + outcome.url()));
    } catch (RuntimeException e) {
      // Any failure: the plan stands, the comment is missing, and the user is told why.
      return failed("cannot comment the plan on " + where + ": " + e.getMessage());
    }
  }

  private static Result failed(String message) {
    return new Result(Optional.empty(), Redaction.withoutUrlCredentials(message));
  }
}
