package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A world restored from a {@link WorldSnapshot} is the world its preparation made, and a snapshot
 * that cannot give that back says so. In the integration phase: it prepares the bumped world of
 * {@link SyncResumeTest} once and syncs it twice.
 */
@IntegrationPhase
class WorldSnapshotTest {
  private static final String RECORDS = ".git/sagemaker-gitops/records/";

  @TempDir Path directory;

  /**
   * Everything a command could read from a world: every file (Git's index by its entries, since its
   * bytes hold the files' inode numbers and change times), the AWS resources with their states and
   * tags, and the clock. Two things differ between any two preparations, snapshots or not, and are
   * left out: Git's reflogs (the wall-clock time of each ref update) and the random run id in each
   * deployment record (in its file name and its {@code runId}).
   */
  private static Map<String, String> state(LocalWorld world) {
    Map<String, String> state = new TreeMap<>();
    Path folder = world.repository();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
        String name = folder.relativize(path).toString();
        if (name.startsWith(".git/logs/")) {
          continue;
        }
        String text = name.equals(".git/index") ? index(path)
            : Files.readString(path, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (name.startsWith(RECORDS)) {
          name = name.replaceFirst("-[0-9a-f]{8}\\.json$", "-(run id).json");
          text = text.replaceFirst("\"runId\" : \"[0-9a-f-]{36}\"", "\"runId\" : \"(run id)\"");
        }
        state.merge(name, text, (one, other) -> one + "\n(and)\n" + other);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SageMakerClient sageMaker = world.sageMaker();
    state.put("aws:endpoints", sageMaker.listEndpoints(r -> { }).endpoints().stream()
        .map(e -> sageMaker.describeEndpoint(r -> r.endpointName(e.endpointName())).toString()
            + world.tags(e.endpointArn()))
        .toList().toString());
    state.put("aws:endpointConfigs", sageMaker.listEndpointConfigs(r -> { }).endpointConfigs().toString());
    state.put("aws:models", sageMaker.listModels(r -> { }).models().toString());
    state.put("aws:modelPackages", sageMaker.listModelPackages(r -> r.modelPackageGroupName("churn"))
        .modelPackageSummaryList().toString());
    state.put("aws:trainingJobs", sageMaker.listTrainingJobs(r -> { }).trainingJobSummaries().toString());
    state.put("aws:transformJobs", sageMaker.listTransformJobs(r -> { }).transformJobSummaries().toString());
    state.put("clock", world.local().clock().instant().toString());
    return state;
  }

  private static String index(Path file) throws IOException {
    try {
      DirCache index = DirCache.read(file.toFile(), FS.DETECTED);
      List<String> entries = new ArrayList<>();
      for (int i = 0; i < index.getEntryCount(); i++) {
        entries.add(index.getEntry(i).getPathString() + " " + index.getEntry(i).getObjectId().name());
      }
      return entries.toString();
    } catch (org.eclipse.jgit.errors.CorruptObjectException e) {
      throw new IOException(e);
    }
  }

  @Test
  void restore_ofAPreparedWorld_isThePreparedWorldAndGoesOnAlike() {
    List<Map<String, String>> prepared = new ArrayList<>();
    CommandLineRun[] preparedSync = new CommandLineRun[1];
    // The prepared world is one made as before snapshots: created, then both preparations run.
    WorldSnapshot snapshot = WorldSnapshot.prepare(directory.resolve("world"), SyncResumeTest::unrecorded,
        SyncResumeTest::recorded, world -> {
          prepared.add(state(world));
          preparedSync[0] = world.run("sync", "--json");
          prepared.add(state(world));
        });
    Map<String, String> restoredBefore;
    CommandLineRun restoredSync;
    Map<String, String> restoredAfter;
    try (LocalWorld restored = snapshot.restore()) {
      restoredBefore = state(restored);
      restoredSync = restored.run("sync", "--json");
      restoredAfter = state(restored);
    }

    assertThat(snapshot.inputs()).as("inputs replayed").isGreaterThan(50);
    assertThat(differences(restoredBefore, prepared.get(0))).as("restored, then prepared").isEmpty();
    assertThat(restoredBefore).containsKeys("aws:endpoints", ".git/HEAD").isEqualTo(prepared.get(0));
    assertThat(restoredBefore.get("aws:endpoints")).contains("InService", "churn-prod");
    assertThat(restoredBefore.keySet()).filteredOn(name -> name.startsWith(RECORDS)).hasSize(5);
    assertThat(restoredSync.exitCode()).as(restoredSync.err()).isZero();
    assertThat(withoutRunIds(restoredSync)).isEqualTo(withoutRunIds(preparedSync[0]));
    assertThat(differences(restoredAfter, prepared.get(1))).as("after a sync in both").isEmpty();
    assertThat(restoredAfter).isEqualTo(prepared.get(1)).isNotEqualTo(restoredBefore);
  }

  /** {@code run} with the random run ids in its records' names left out. */
  private static CommandLineRun withoutRunIds(CommandLineRun run) {
    return new CommandLineRun(run.exitCode(), run.out().replaceAll("-[0-9a-f]{8}\\.json", "-(run id).json"),
        run.err());
  }

  /** What differs between two {@link #state}s, by name: readable where a whole map would not be. */
  private static List<String> differences(Map<String, String> one, Map<String, String> other) {
    java.util.Set<String> names = new java.util.TreeSet<>(one.keySet());
    names.addAll(other.keySet());
    return names.stream().filter(name -> !java.util.Objects.equals(one.get(name), other.get(name)))
        .map(name -> name + ": " + one.get(name) + "\n  versus: " + other.get(name)).toList();
  }

  @Test
  void restore_whenTheKeptFilesChanged_failsNamingBothDigests() throws IOException {
    WorldSnapshot snapshot = WorldSnapshot.prepare(directory.resolve("world"), Churn::prepare,
        world -> world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn"));
    Files.writeString(snapshot.files().resolve(Churn.PATH), "changed behind the snapshot's back");

    assertThatThrownBy(snapshot::restore).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hash to").hasMessageContaining("where the prepared world's hashed to");
  }

  @Test
  void restore_whenTheUnrecordedPreparationDiffers_failsNamingTheCallThatAnsweredDifferently() {
    int[] worlds = {0};
    // The first world gets the image the manifest names; a restored one gets another tag.
    WorldSnapshot snapshot = WorldSnapshot.prepare(directory.resolve("world"),
        world -> world.publishImage("churn-xgb", worlds[0]++ == 0 ? "1.4.2" : "1.4.3"),
        world -> {
          world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
          world.run("validate", Churn.PATH);
        });

    assertThatThrownBy(snapshot::restore).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("input 1 of the replay").hasMessageContaining("DescribeImages");
  }

  @Test
  void prepare_whenTheRecordedPreparationChangesTheControlPlaneInJava_refuses() {
    assertThatThrownBy(() -> WorldSnapshot.prepare(directory.resolve("world"), world -> { },
        world -> world.putObject("ml-data", "churn/train/part-0.csv", "1,0.4,3\n")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("putObject changes the control plane beside its calls");
  }
}
