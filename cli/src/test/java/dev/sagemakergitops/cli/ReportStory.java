package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Real deployment records for the report's tests, written by the command line on the local control
 * plane: churn/1 creates the endpoint; churn/2's canary (50% of 2 instances, 10-minute bake) is
 * rolled back by SageMaker when its rollback alarm fires during the first traffic step; the same
 * canary deployed again succeeds. Every record goes into one folder, as a CI job's
 * {@code --record-dir} would hold them.
 */
final class ReportStory {
  final Path records;
  Path created;
  Path rolledBack;
  Path canary;

  private ReportStory(Path records) {
    this.records = records;
  }

  static ReportStory run(LocalWorld world, Path records) {
    ReportStory story = new ReportStory(records);
    Churn.twoVersions(world);
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    story.created = deploy(world, records, 0);
    world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");
    world.hosting().tripAlarmAtStep(Churn.NAME, Churn.ALARM, 1);
    story.rolledBack = deploy(world, records, 3);
    story.canary = deploy(world, records, 0);
    return story;
  }

  private static Path deploy(LocalWorld world, Path records, int exitCode) {
    CommandLineRun run = world.run("deploy", "--json", "--record-dir", records.toString(), Churn.PATH);
    if (run.exitCode() != exitCode) {
      throw new IllegalStateException("deploy exited " + run.exitCode() + ", not " + exitCode + ":\n" + run.err());
    }
    JsonNode json = run.json();
    return Path.of(json.get("record").asText());
  }
}
