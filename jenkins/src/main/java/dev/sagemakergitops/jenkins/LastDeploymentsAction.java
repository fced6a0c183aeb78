package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.report.DeploymentReport;
import dev.sagemakergitops.core.report.RecordedRun;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last deployment of each endpoint a job deployed, on the job's page: a table on its main page
 * ({@code jobMain.jelly}) and their pictures at {@code <job>/sagemaker-gitops-deployments/}
 * ({@code index.jelly}). Made for each page view by {@link LastDeploymentsActionFactory} from the
 * {@link DeploymentReportAction}s of the job's recent builds; it keeps nothing.
 */
public final class LastDeploymentsAction implements Action {
  /** How many builds back the job's page looks: enough for a pipeline's endpoints, cheap to read. */
  static final int BUILDS = 20;

  private final List<LastDeployment> deployments;

  LastDeploymentsAction(List<LastDeployment> deployments) {
    this.deployments = List.copyOf(deployments);
  }

  /**
   * A deployment and the build that ran it.
   *
   * @param run the deployment's record
   * @param build the build
   */
  public record LastDeployment(RecordedRun run, Run<?, ?> build) {
    public DeploymentSummary getSummary() {
      return DeploymentSummary.of(run);
    }

    public Run<?, ?> getBuild() {
      return build;
    }
  }

  /** The newest deployment of each endpoint in the last {@value #BUILDS} builds of {@code job}, newest build first. */
  static List<LastDeployment> of(Job<?, ?> job) {
    return from(job.getLastBuild());
  }

  /** The newest deployment of each endpoint in {@code newest} and the builds before it, at most {@value #BUILDS}. */
  static List<LastDeployment> from(Run<?, ?> newest) {
    Map<String, LastDeployment> bySubject = new LinkedHashMap<>();
    Run<?, ?> build = newest;
    for (int i = 0; build != null && i < BUILDS; i++, build = build.getPreviousBuild()) {
      if (build.getAction(DeploymentReportAction.class) == null) {
        continue;
      }
      List<RecordedRun> runs = new ArrayList<>(DeploymentReportAction.read(DeploymentReportAction.records(build)));
      // Within a build, the last run of an endpoint is the one that counts.
      for (int r = runs.size() - 1; r >= 0; r--) {
        bySubject.putIfAbsent(runs.get(r).subject(), new LastDeployment(runs.get(r), build));
      }
    }
    return new ArrayList<>(bySubject.values());
  }

  public List<LastDeployment> getDeployments() {
    return deployments;
  }

  /** The pictures of these deployments, to be written unescaped (the report escapes every record text). */
  public String getReportHtml() {
    return deployments.isEmpty() ? ""
        : DeploymentReport.of(deployments.stream().map(LastDeployment::run).toList()).fragment();
  }

  @Override
  public String getIconFileName() {
    return "symbol-analytics";
  }

  @Override
  public String getDisplayName() {
    return "Last deployments";
  }

  @Override
  public String getUrlName() {
    return "sagemaker-gitops-deployments";
  }
}
