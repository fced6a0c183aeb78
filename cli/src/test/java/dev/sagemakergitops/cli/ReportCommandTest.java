package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** report: the page of records written by deploy, to a file or to standard output, and its refusals. */
@IntegrationPhase
class ReportCommandTest extends LocalWorldTest {

  @Test
  void report_ofTheRecordFolder_writesTheEndpointsHistoryToTheFile() throws Exception {
    ReportStory story = ReportStory.run(world, directory.resolve("records"));
    Path page = directory.resolve("out/report.html");
    Files.createDirectories(page.getParent());

    CommandLineRun run = CommandLineRun.of("report", story.records.toString(), "--output", page.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("wrote " + page + ": 3 deployment records of 1 endpoint\n");
    String html = Files.readString(page);
    assertThat(html).contains("<h1>History of endpoint churn-prod</h1>", "3 runs from ", "; 1 rollback.",
        "Traffic step 1 of 2: canary 50%", "Traffic step 2 of 2: all traffic (100%)",
        "Alarms in ALARM: churn-prod-5xx");
  }

  @Test
  void report_toStandardOutput_printsThePageOnly() throws Exception {
    ReportStory story = ReportStory.run(world, directory.resolve("records"));

    CommandLineRun run = CommandLineRun.of("report", story.canary.toString(), "--output", "-");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
        .contains("<title>safeDeploy of endpoint churn-prod: succeeded</title>");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void report_whenARecordIsMissingOrNotARecord_exitsTwoNamingTheFile() throws Exception {
    Path missing = directory.resolve("records/none.json");
    Path plan = directory.resolve("plan.json");
    Files.writeString(plan, "{\"changes\": []}\n");

    CommandLineRun absent = CommandLineRun.of("report", missing.toString(), "--output", "-");
    CommandLineRun notARecord = CommandLineRun.of("report", plan.toString(), "--output",
        directory.resolve("report.html").toString());

    assertThat(absent.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(absent.err()).contains(missing + ": no such file");
    assertThat(absent.out()).isEmpty();
    assertThat(notARecord.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(notARecord.err()).contains(plan + ": field schemaVersion: expected the record format's version (1)");
    assertThat(directory.resolve("report.html")).doesNotExist();
  }
}
