package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.PlainValues;
import dev.sagemakergitops.core.validate.ManifestValidator;
import dev.sagemakergitops.core.validate.ReferenceChecker;
import dev.sagemakergitops.core.validate.ValidationReport;
import hudson.AbortException;
import hudson.Extension;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code sagemakerValidate}: checks the model manifests at a ref, as {@code sagemaker-gitops
 * validate} does: their shape and SageMaker's limits, then (unless {@code offline}) what they refer
 * to in AWS. Lists every problem as {@code file:line:column: field: message} in the build log and
 * fails the step when there is one, unless {@code failOnProblems: false}. Returns {@code valid},
 * {@code commit}, {@code manifestPaths}, {@code problems} and the pinned {@code digests}. Changes nothing.
 */
public final class ValidateStep extends ReadOnlyStep {
  static final String FUNCTION = "sagemakerValidate";

  private String ref;

  @DataBoundConstructor
  public ValidateStep() {}

  public String getRef() {
    return ref;
  }

  /** The commit, branch or tag to read the manifests at; the build's commit ({@code GIT_COMMIT}) by default. */
  @DataBoundSetter
  public void setRef(String ref) {
    this.ref = blankToNull(ref);
  }

  @Override
  public StepExecution start(StepContext context) {
    return new ReportStepExecution(context, new Validation(), settings(FUNCTION, ref, Map.of()));
  }

  /** The validation itself. */
  static final class Validation implements Report {
    private static final long serialVersionUID = 1L;

    @Override
    public Map<String, Object> run(StepSettings settings, StepRuntime runtime) throws IOException, InterruptedException {
      ValidationReport report;
      try (GitRepository git = GitRepository.open(runtime.repository())) {
        if (isOffline(settings)) {
          report = ManifestValidator.offline(runtime.offlineRegion()).validate(git, runtime.ref(), paths(settings));
        } else {
          try (AwsClients clients = runtime.clients(runtime.access())) {
            report = ManifestValidator.online(new ReferenceChecker(clients), clients.defaultRegion().id())
                .validate(git, runtime.ref(), paths(settings));
          }
        }
      }
      report.problems().forEach(problem -> runtime.listener().getLogger().println(problem));
      String where = report.manifestPaths().size() + " manifest(s) at " + report.commit().abbreviatedId()
          + (report.offline() ? " (offline: files only)" : "");
      if (!report.isValid() && failsOnProblems(settings)) {
        throw new AbortException("Invalid: " + report.problems().size() + " problem(s) in " + where);
      }
      runtime.listener().getLogger().println((report.isValid() ? "Valid: " : "Invalid: ") + where);
      Map<String, Object> result = PlainValues.toMap(report);
      result.put("valid", report.isValid());
      return result;
    }
  }

  /** The step as Pipeline and the Snippet Generator see it. */
  @Extension
  public static final class DescriptorImpl extends AwsStepDescriptor {
    public DescriptorImpl() {
      super(FUNCTION, "Validate model manifests (sagemaker-gitops)");
    }
  }
}
