package dev.sagemakergitops.core.report;

import dev.sagemakergitops.core.lineage.DeploymentRecord;
import dev.sagemakergitops.core.lineage.DeploymentRecordWriter;
import dev.sagemakergitops.core.lineage.DeploymentRecorder;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployWorld;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Real deployment records for the report's tests: safe deploys of the {@link DeployWorld}'s canary
 * (1 of 4 instances, 10-minute bakes, a rollback alarm) run on the local control plane, recorded
 * by a {@link DeploymentRecorder} as the hosts record them and written by the record writer.
 */
final class RecordedDeployments {
  private final DeployWorld world;
  private final Path records;

  RecordedDeployments(DeployWorld world, Path records) {
    this.world = world;
    this.records = records;
  }

  /** Deploys package version {@code version}; returns the record file. */
  Path deploy(int version) throws InterruptedException {
    return deploy(version, event -> {});
  }

  /**
   * Deploys version {@code version}; the rollback alarm goes to ALARM once the first traffic step
   * bakes, so SageMaker rolls the canary back at its next reading of the alarm.
   */
  Path deployTrippingTheAlarm(int version) throws InterruptedException {
    CloudWatchService cloudWatch = world.aws.local().service(CloudWatchService.class);
    boolean[] tripped = {false};
    return deploy(version, event -> {
      if (!tripped[0] && "trafficStep".equals(event.facts().get("kind"))) {
        tripped[0] = true;
        cloudWatch.trip(LocalAws.REGION, DeployWorld.ALARM);
      }
    });
  }

  private Path deploy(int version, Consumer<OperationEvent> meanwhile) throws InterruptedException {
    world.commit(DeployWorld.Manifest.v(version), "Deploy churn " + version);
    ResolvedManifest manifest = world.head();
    DeploymentRecorder recorder = new DeploymentRecorder("safeDeploy", world.context().clock(), world.context().build());
    OperationRunner runner = new OperationRunner(world.context(), world.aws.sleeper(), recorder.andThen(meanwhile));
    Step<?, ?> last = runner.run(world.operation(), DeployRequest.of(manifest), StateStore.none(), "deploy");
    DeploymentRecord record = recorder.finish(Lineage.of(manifest, world.context().build()),
        world.context().regionOf(manifest), last);
    world.aws.local().service(CloudWatchService.class).clear(LocalAws.REGION, DeployWorld.ALARM);
    return new DeploymentRecordWriter().writeInto(records, record);
  }
}
