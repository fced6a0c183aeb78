package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.report.DeploymentReport;
import dev.sagemakergitops.core.report.RecordReader;
import dev.sagemakergitops.core.report.RecordedRun;
import dev.sagemakergitops.core.report.ReportInputException;
import hudson.model.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import jenkins.model.RunAction2;

/**
 * The deployment report on a build's page: a summary on the build's main page
 * ({@code summary.jelly}: each deployment's endpoint and outcome) and the whole picture at
 * {@code <build>/sagemaker-gitops-report/} ({@code index.jelly}: the same page {@code report}
 * writes, inside Jenkins' layout). Added by the {@code safeDeploy} step when it ends.
 *
 * <p>It keeps no state of its own: the build's deployment records are copied into the build's
 * folder ({@value StepRuntime#RECORDS}/), where they live and die with the build, and the page is
 * drawn from them each time it is shown. So the action persists as an empty element of the
 * build's XML and reads the same after a restart ({@link #onLoad}).
 */
public final class DeploymentReportAction implements RunAction2 {
  static final String URL_NAME = "sagemaker-gitops-report";

  private transient Run<?, ?> run;

  /**
   * Copies {@code record} into {@code run}'s folder (unless it was written there) and adds the
   * report to the run once. Never fails the step: a problem is returned as a line for its log.
   */
  static List<String> attach(Run<?, ?> run, Path record) {
    try {
      Path folder = records(run);
      Files.createDirectories(folder);
      Path name = record.getFileName();
      if (name == null) {
        return List.of("the deployment report was not added to the build: " + record + " names no file");
      }
      Path copy = folder.resolve(name.toString());
      if (!Files.exists(copy) || !Files.isSameFile(copy, record)) {
        Files.copy(record, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      if (run.getAction(DeploymentReportAction.class) == null) {
        run.addAction(new DeploymentReportAction());
      }
      return List.of();
    } catch (IOException | RuntimeException e) {
      return List.of("the deployment report was not added to the build: " + e.getMessage());
    }
  }

  /** Where a run's records are kept for its report. */
  static Path records(Run<?, ?> run) {
    return run.getRootDir().toPath().resolve(StepRuntime.RECORDS);
  }

  @Override
  public void onAttached(Run<?, ?> r) {
    this.run = r;
  }

  @Override
  public void onLoad(Run<?, ?> r) {
    this.run = r;
  }

  /** The run this report belongs to (Jelly views link to it). */
  public Run<?, ?> getRun() {
    return run;
  }

  @Override
  public String getIconFileName() {
    return "symbol-analytics";
  }

  @Override
  public String getDisplayName() {
    return "Deployment report";
  }

  @Override
  public String getUrlName() {
    return URL_NAME;
  }

  /** The build's deployments, oldest first; empty when none can be read. */
  public List<RecordedRun> getDeployments() {
    return run == null ? List.of() : read(records(run));
  }

  /** One line per deployment for the summary on the build's page, newest first. */
  public List<DeploymentSummary> getSummaries() {
    List<DeploymentSummary> out = new ArrayList<>();
    List<RecordedRun> runs = new ArrayList<>(getDeployments());
    runs.sort(Comparator.comparing(RecordedRun::startedAt).reversed());
    runs.forEach(r -> out.add(DeploymentSummary.of(r)));
    return out;
  }

  /**
   * The picture for the action's page, to be written unescaped into Jenkins' layout: everything
   * in it from a record is escaped by the report's own writer.
   */
  public String getReportHtml() {
    List<RecordedRun> runs = getDeployments();
    return runs.isEmpty() ? "" : DeploymentReport.of(runs).fragment();
  }

  /** The records in {@code folder}; one that cannot be read is left out rather than hiding the others. */
  static List<RecordedRun> read(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files = listed.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
    List<RecordedRun> out = new ArrayList<>();
    RecordReader reader = new RecordReader();
    for (Path file : files) {
      try {
        out.add(reader.readFile(file));
      } catch (ReportInputException e) {
        // A stray file in the folder: the other records are still worth showing.
      }
    }
    return out;
  }
}
