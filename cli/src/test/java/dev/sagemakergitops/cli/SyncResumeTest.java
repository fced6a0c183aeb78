package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync killed at every one of its waits, then run again: the second run ends as an
 * uninterrupted sync would, and reports what really happened. Each kill point gets a fresh world:
 * churn/1 synced, the bump to churn/2 (a canary with a rollback alarm, and a nightly transform)
 * committed. That world is prepared once per test and restored for each kill point ({@link
 * WorldSnapshot}: its files copied, its control plane's recorded inputs replayed), so what a kill
 * point costs is its dying run and the real runs after it.
 */
@IntegrationPhase
class SyncResumeTest {
  @TempDir Path directory;

  /** Advances the virtual clock like the ordinary sleeper, and "kills the process" at its {@code killAt}-th wait. */
  private static Sleeper dyingAt(LocalWorld world, int killAt) {
    int[] waits = {0};
    return duration -> {
      if (++waits[0] == killAt) {
        throw new OperationResumeTest.ProcessDeath();
      }
      world.local().advance(duration);
    };
  }

  /**
   * What a bumped world's control plane gets directly in Java (the churn image, training data, data
   * to score, churn/2's artifact): done again in every world restored from {@link #bumped()}.
   */
  static void unrecorded(LocalWorld world) {
    Churn.prepare(world);
    Churn.secondArtifact(world);
  }

  /** The rest of a bumped world: churn/1 and churn/2 registered, churn/1 synced, the bump to churn/2 committed. */
  static void recorded(LocalWorld world) {
    Churn.twoVersionsOfPutArtifact(world);
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    CommandLineRun first = world.run("sync");
    assertThat(first.exitCode()).as(first.err()).isZero();
    world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");
  }

  /**
   * The bumped world, prepared once per test; each kill point {@link WorldSnapshot#restore()}s one
   * of its own (its files copied, its control plane replayed), a fresh world as before at a fraction
   * of the cost.
   */
  private WorldSnapshot bumped() {
    return WorldSnapshot.prepare(directory.resolve("world"), SyncResumeTest::unrecorded, SyncResumeTest::recorded);
  }

  /** Runs {@code args} with a sleeper that dies at its {@code killAt}-th wait; null when the process died. */
  private static CommandLineRun runDyingAt(LocalWorld world, int killAt, String... args) {
    try {
      return world.run(world.runtime(dyingAt(world, killAt)), args);
    } catch (OperationResumeTest.ProcessDeath died) {
      return null;
    }
  }

  @Test
  void sync_whenKilledAtEachWaitOfACanaryThatRollsBack_theNextSyncReportsTheRollbackAndRunsNoTransform() {
    WorldSnapshot bumped = bumped();
    int kills = 0;
    for (int kill = 1; ; kill++) {
      try (LocalWorld world = bumped.restore()) {
        world.hosting().tripAlarmAtStep(Churn.NAME, Churn.ALARM, 1);

        CommandLineRun first = runDyingAt(world, kill, "sync");
        if (first != null) {
          assertThat(first.exitCode()).as(first.err()).isEqualTo(3);
          break;
        }
        kills++;
        CommandLineRun again = world.run("sync", "--json");

        assertThat(again.exitCode()).as("killed at wait %d: %s", kill, again.err()).isEqualTo(3);
        assertThat(again.json().at("/runs/0/operation").asText()).isEqualTo("safeDeploy");
        assertThat(again.json().at("/runs/0/failure/kind").asText()).isEqualTo("ROLLED_BACK");
        assertThat(world.calls().count("CreateTransformJob")).as("killed at wait %d", kill).isZero();
        assertThat(world.calls().count("UpdateEndpoint")).as("killed at wait %d", kill).isEqualTo(1);
      }
    }
    assertThat(kills).as("kill points covered").isGreaterThan(3);
  }

  @Test
  void sync_whenKilledAtEachWaitOfACanaryThatSucceeds_theNextSyncFinishesItAndRunsTheTransformOnce() {
    WorldSnapshot bumped = bumped();
    int kills = 0;
    for (int kill = 1; ; kill++) {
      try (LocalWorld world = bumped.restore()) {
        CommandLineRun first = runDyingAt(world, kill, "sync");
        if (first != null) {
          assertThat(first.exitCode()).as(first.err()).isZero();
          break;
        }
        kills++;
        CommandLineRun again = world.run("sync", "--json");
        CommandLineRun third = world.run("sync");

        assertThat(again.exitCode()).as("killed at wait %d: %s", kill, again.err()).isZero();
        assertThat(again.json().get("outcome").asText()).isEqualTo("succeeded");
        assertThat(again.json().get("runs").toString()).as("killed at wait %d", kill)
            .contains("\"operation\":\"batchTransform\"");
        assertThat(world.calls().count("CreateTransformJob")).as("killed at wait %d", kill).isEqualTo(1);
        assertThat(world.calls().count("UpdateEndpoint")).as("killed at wait %d", kill).isEqualTo(1);
        assertThat(third.out()).as("killed at wait %d", kill).contains("sync: nothing to run");
      }
    }
    assertThat(kills).as("kill points covered").isGreaterThan(3);
  }

  @Test
  void sync_duringAnotherProcessDeployOfTheSameCommitThatRollsBack_neverExitsZero() {
    WorldSnapshot bumped = bumped();
    for (int kill = 1; ; kill++) {
      try (LocalWorld world = bumped.restore()) {
        world.hosting().tripAlarmAtStep(Churn.NAME, Churn.ALARM, 1);
        // The other process keeps its own state; it stops watching at its kill-th wait while
        // SageMaker goes on with the deployment, and the sync starts then.
        CommandLineRun deploy = runDyingAt(world, kill, "deploy", "--state-dir",
            directory.resolve("other-" + kill).toString(), Churn.PATH);

        CommandLineRun sync = world.run("sync");

        assertThat(sync.exitCode()).as("sync started at the deploy's wait %d: %s%s", kill, sync.out(), sync.err())
            .isEqualTo(3);
        if (deploy != null) {
          assertThat(deploy.exitCode()).isEqualTo(3);
          break;
        }
      }
    }
  }

  @Test
  void sync_whenKilledBetweenTheDeployAndTheTransform_runsTheTransformNextTime() {
    try (LocalWorld world = LocalWorld.create(directory.resolve("between"))) {
      unrecorded(world);
      recorded(world);
      world.calls().clear();
      // The deploy (its own command, as the sync would run it) finishes; the sync that wrote the
      // journal dies before its transform starts.
      CommandLineRun sync = runDyingAt(world, Integer.MAX_VALUE, "deploy", Churn.PATH);
      assertThat(sync.exitCode()).as(sync.err()).isZero();
      String head = dev.sagemakergitops.testkit.GitCli.runLine(world.repository(), "rev-parse", "HEAD");
      dev.sagemakergitops.core.sync.SyncJournal.open(world.repository().resolve(".git/sagemaker-gitops/state"), head)
          .plan(java.util.Map.of(Churn.PATH, java.util.List.of("batchTransform:nightly")));

      CommandLineRun again = world.run("sync");

      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out()).contains("a sync of this commit stopped before it finished");
      assertThat(world.calls().count("CreateTransformJob")).isEqualTo(1);
      assertThat(world.run("sync").out()).contains("sync: nothing to run");
    }
  }
}
