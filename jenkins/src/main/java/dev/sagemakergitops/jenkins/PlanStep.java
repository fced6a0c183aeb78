package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.PlainValues;
import dev.sagemakergitops.core.plan.GitOpsPlan;
import dev.sagemakergitops.core.plan.PlanBuilder;
import dev.sagemakergitops.core.plan.PlanRenderer;
import dev.sagemakergitops.core.pullrequest.PlanComments;
import dev.sagemakergitops.core.pullrequest.PullRequestHostKind;
import dev.sagemakergitops.core.pullrequest.PullRequestNumber;
import hudson.AbortException;
import hudson.Extension;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code sagemakerPlan}: says what merging {@code head} onto {@code base} would do, model by model,
 * as {@code sagemaker-gitops plan} does. Prints the plan as text to the build log and returns it as
 * {@code text}, {@code markdown} (for a pull-request comment) and {@code json}, with the changed
 * {@code models} as plain values (path, name, kind, the facts {@code before} and {@code after},
 * {@code actions}, {@code problems}) so a main-branch pipeline can loop over them. Fails when a change
 * is blocked by problems, unless {@code failOnProblems: false}. Changes nothing in AWS.
 *
 * <p>With {@code comment: 'github'} (or {@code 'gitlab'}, {@code 'codecommit'}) it also writes the
 * Markdown plan as one comment on the pull request ({@code pullRequest:}, by default the build's
 * {@code CHANGE_ID}) and edits that comment on later builds, with the token of the secret text
 * credentials {@code commentCredentialsId:} names (or the build's {@code GITHUB_TOKEN} /
 * {@code GITLAB_TOKEN}, as {@code withCredentials} binds them); CodeCommit uses the step's AWS access.
 * A failure to comment is a warning in the log and {@code commentWarning} in the result, never a
 * failed step (docs/pull-requests.md).
 */
public final class PlanStep extends ReadOnlyStep {
  static final String FUNCTION = "sagemakerPlan";

  private final String base;
  private String head;
  private String comment;
  private String pullRequest;
  private String commentCredentialsId;
  private String codeCommitRepository;

  /** @param base what the change is compared with: the target branch, or the commit the endpoints run */
  @DataBoundConstructor
  public PlanStep(String base) {
    this.base = blankToNull(base);
    if (this.base == null) {
      throw new IllegalArgumentException("base is required: the target branch (for example origin/main) or the"
          + " commit the endpoints run");
    }
  }

  public String getBase() {
    return base;
  }

  public String getHead() {
    return head;
  }

  /** The proposed commit; the build's commit ({@code GIT_COMMIT}) by default. */
  @DataBoundSetter
  public void setHead(String head) {
    this.head = blankToNull(head);
  }

  public String getComment() {
    return comment;
  }

  /** Also post the Markdown plan on the pull request at this host: {@code github}, {@code gitlab} or {@code codecommit}. */
  @DataBoundSetter
  public void setComment(String comment) {
    String given = blankToNull(comment);
    if (given != null) {
      PullRequestHostKind.of(given);
    }
    this.comment = given;
  }

  public String getPullRequest() {
    return pullRequest;
  }

  /** The pull request to comment on; by default the build's {@code CHANGE_ID} (a multibranch pull-request build). */
  @DataBoundSetter
  public void setPullRequest(String pullRequest) {
    String given = blankToNull(pullRequest);
    if (given != null) {
      new PullRequestNumber(given);
    }
    this.pullRequest = given;
  }

  public String getCommentCredentialsId() {
    return commentCredentialsId;
  }

  /** Secret text credentials holding the host's token (GitHub or GitLab); else the build's GITHUB_TOKEN or GITLAB_TOKEN. */
  @DataBoundSetter
  public void setCommentCredentialsId(String commentCredentialsId) {
    this.commentCredentialsId = blankToNull(commentCredentialsId);
  }

  public String getCodeCommitRepository() {
    return codeCommitRepository;
  }

  /** The CodeCommit repository of {@code comment: 'codecommit'}. */
  @DataBoundSetter
  public void setCodeCommitRepository(String codeCommitRepository) {
    this.codeCommitRepository = blankToNull(codeCommitRepository);
  }

  @Override
  public StepExecution start(StepContext context) {
    Map<String, String> options = new HashMap<>();
    options.put("base", base);
    options.put("comment", comment);
    options.put("pullRequest", pullRequest);
    options.put("commentCredentialsId", commentCredentialsId);
    options.put("codeCommitRepository", codeCommitRepository);
    return new ReportStepExecution(context, new Planning(), settings(FUNCTION, head, options));
  }

  /** The plan itself. */
  static final class Planning implements Report {
    private static final long serialVersionUID = 1L;

    @Override
    public Map<String, Object> run(StepSettings settings, StepRuntime runtime) throws IOException, InterruptedException {
      GitOpsPlan plan;
      String base = settings.options().get("base");
      try (GitRepository git = GitRepository.open(runtime.repository())) {
        if (isOffline(settings)) {
          plan = PlanBuilder.offline().plan(git, base, runtime.ref(), paths(settings));
        } else {
          try (AwsClients clients = runtime.clients(runtime.access())) {
            plan = PlanBuilder.online(ImagePinner.using(clients)).plan(git, base, runtime.ref(), paths(settings));
          }
        }
      }
      String text = PlanRenderer.text(plan);
      runtime.listener().getLogger().print(text);
      // The comment comes before the verdict: a plan with problems is the one reviewers most need to see.
      PlanComments.Result comment = settings.options().get("comment") == null ? null
          : PlanCommentWriter.post(settings, runtime, PlanRenderer.markdown(plan), paths(settings));
      if (comment != null) {
        runtime.listener().getLogger().println((comment.warning() ? "warning: " : "") + comment.message());
      }
      if (plan.hasProblems() && failsOnProblems(settings)) {
        throw new AbortException("The plan has problems that block the change (listed above)");
      }
      Map<String, Object> result = new LinkedHashMap<>();
      if (comment != null) {
        comment.outcome().ifPresentOrElse(o -> {
          result.put("commentAction", o.action().name());
          result.put("commentUrl", o.url());
        }, () -> result.put("commentWarning", comment.message()));
      }
      result.put("hasProblems", plan.hasProblems());
      result.putAll(PlainValues.toMap(plan));
      result.put("text", text);
      result.put("markdown", PlanRenderer.markdown(plan));
      result.put("json", PlanRenderer.json(plan));
      return result;
    }
  }

  /** The step as Pipeline and the Snippet Generator see it. */
  @Extension
  public static final class DescriptorImpl extends AwsStepDescriptor {
    public DescriptorImpl() {
      super(FUNCTION, "Plan what merging would change (sagemaker-gitops)");
    }
  }
}
