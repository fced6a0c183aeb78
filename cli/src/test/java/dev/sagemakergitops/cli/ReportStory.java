package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * Real deployment records for the report's tests, written by the command line on the local control
 * plane: churn/1 creates the endpoint; churn/2's canary (50% of 2 instances, 10-minute bake) is
 * rolled back by SageMaker when its CloudWatch rollback alarm goes to ALARM two minutes into the
 * first bake; the same canary deployed again, the alarm back to OK, succeeds. Every record goes into one folder, as a CI job's
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
    story.created = deploy(world, world.runtime(), records, 0);
    world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");
    CloudWatchService cloudWatch = world.local().service(CloudWatchService.class);
    story.rolledBack = deploy(world, world.runtime(alarmTwoMinutesIntoTheBake(world, cloudWatch)), records, 3);
    cloudWatch.clear(LocalWorld.REGION, Churn.ALARM);
    story.canary = deploy(world, world.runtime(), records, 0);
    return story;
  }

  /**
   * A sleeper that moves the virtual clock and, once the canary has baked two minutes, puts the
   * rollback alarm in ALARM, as a burst of 5xx errors would; SageMaker reads it at its next look.
   */
  private static Sleeper alarmTwoMinutesIntoTheBake(LocalWorld world, CloudWatchService cloudWatch) {
    Instant[] bakeSeen = {null};
    return duration -> {
      world.local().advance(duration);
      if (bakeSeen[0] == null) {
        DescribeEndpointResponse endpoint = world.sageMaker().describeEndpoint(r -> r.endpointName(Churn.NAME));
        boolean baking = endpoint.pendingDeploymentSummary() != null && endpoint.pendingDeploymentSummary()
            .productionVariants().stream().flatMap(v -> v.variantStatus().stream())
            .anyMatch(status -> status.status() == VariantStatus.BAKING);
        if (baking) {
          bakeSeen[0] = world.local().clock().instant();
        }
      } else if (!world.local().clock().instant().isBefore(bakeSeen[0].plus(Duration.ofMinutes(2)))) {
        cloudWatch.trip(LocalWorld.REGION, Churn.ALARM);
      }
    };
  }

  private static Path deploy(LocalWorld world, CommandRuntime runtime, Path records, int exitCode) {
    CommandLineRun run = world.run(runtime, "deploy", "--json", "--record-dir", records.toString(), Churn.PATH);
    if (run.exitCode() != exitCode) {
      throw new IllegalStateException("deploy exited " + run.exitCode() + ", not " + exitCode + ":\n" + run.err());
    }
    JsonNode json = run.json();
    return Path.of(json.get("record").asText());
  }
}
