package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.AtomicFile;
import dev.sagemakergitops.core.report.DeploymentReport;
import dev.sagemakergitops.core.report.RecordReader;
import dev.sagemakergitops.core.report.RecordedRun;
import dev.sagemakergitops.core.report.ReportInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Writes one self-contained HTML page (inline CSS and SVG, nothing fetched) that pictures deployment records:"
            + " each run's outcome and why, its timeline (every traffic step with its share, the bakes, every look at"
            + " the rollback alarms, the rollback) and its lineage graph from commit to endpoint. A folder of records"
            + " is each endpoint's history. Reads only the files given: no AWS, no checkout.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops report .git/sagemaker-gitops/records",
        "  sagemaker-gitops report --output deploys.html records/",
        "  sagemaker-gitops report --output - records/20261102T090000Z-safeDeploy-churn-prod-3f2a9c1e.json",
        "",
        "Exit codes:",
        "  0  the page was written",
        "  1  failure: the page could not be written",
        "  2  invalid input: a record is missing or is not a deployment record",
        "     (the file, line and field are named)"})
final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RECORD|FOLDER", arity = "1..*",
      description = "Deployment records (.json), or folders of them (every *.json directly in the folder).")
  List<Path> records;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "report.html",
      description = "Where to write the page, '-' for standard output (default: ${DEFAULT-VALUE}).")
  String output;

  @Override
  public Integer call() {
    List<RecordedRun> runs;
    try {
      runs = new RecordReader().read(records);
    } catch (ReportInputException e) {
      throw new InvalidInputException(e.getMessage());
    }
    DeploymentReport report = DeploymentReport.of(runs);
    String html = report.html();
    PrintWriter out = spec.commandLine().getOut();
    if (output.equals("-")) {
      out.print(html);
      out.flush();
      return ExitCode.SUCCESS.code();
    }
    Path target = Path.of(output);
    try {
      AtomicFile.write(target, html);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
    }
    int subjects = report.subjects().size();
    out.println("wrote " + target + ": " + runs.size() + " deployment record" + (runs.size() == 1 ? "" : "s") + " of "
        + subjects + (subjects == 1 ? " endpoint" : " endpoints"));
    out.flush();
    return ExitCode.SUCCESS.code();
  }
}
