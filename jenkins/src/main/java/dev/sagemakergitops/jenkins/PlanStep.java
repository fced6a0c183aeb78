package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.PlainValues;
import dev.sagemakergitops.core.plan.GitOpsPlan;
import dev.sagemakergitops.core.plan.PlanBuilder;
import dev.sagemakergitops.core.plan.PlanRenderer;
import hudson.AbortException;
import hudson.Extension;
import java.io.IOException;
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
 * is blocked by problems, unless {@code failOnProblems: false}. Changes nothing.
 */
public final class PlanStep extends ReadOnlyStep {
  static final String FUNCTION = "sagemakerPlan";

  private final String base;
  private String head;

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

  @Override
  public StepExecution start(StepContext context) {
    return new ReportStepExecution(context, new Planning(), settings(FUNCTION, head, Map.of("base", base)));
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
      if (plan.hasProblems() && failsOnProblems(settings)) {
        throw new AbortException("The plan has problems that block the change (listed above)");
      }
      Map<String, Object> result = new LinkedHashMap<>();
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
