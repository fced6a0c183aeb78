package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * A parallel sync's deployments look at their rollback alarms through one shared read while they
 * bake together, and still each see, and roll back on, their own alarm, when they would have alone.
 */
@IntegrationPhase
class SharedAlarmLooksCommandTest extends LocalWorldTest {
  /** The local control plane launches a fleet in 4 minutes; the canary bake starts then. */
  private static final Duration LAUNCH = Duration.ofMinutes(4);

  private final List<String> fleet = Fleet.names("fleet", 4);

  @TempDir Path records;

  @BeforeEach
  void setUp() {
    Fleet.deployed(world, fleet);
  }

  /** The DescribeAlarms of a sync that deploys {@code deployments} manifests, less one pre-flight check each. */
  private long bakeLooks(int deployments) {
    return world.calls().count("DescribeAlarms") - deployments;
  }

  @Test
  void syncParallel_whenFourDeploymentsBakeTogether_looksAtTheirAlarmsWithAQuarterOfTheCalls() {
    Fleet.commit(world, fleet, "churn/2", "Bump the fleet to churn 2");
    CommandLineRun oneAfterAnother = world.run("sync", "--parallel", "1");
    assertThat(oneAfterAnother.exitCode()).as(oneAfterAnother.out() + oneAfterAnother.err()).isZero();
    long alone = bakeLooks(fleet.size());
    world.calls().clear();
    Fleet.commit(world, fleet, "churn/1", "Back to churn 1");

    CommandLineRun together = world.run("sync", "--parallel", "4");

    assertThat(together.exitCode()).as(together.out() + together.err()).isZero();
    long shared = bakeLooks(fleet.size());
    // One look of each deployment a minute, alone: 4 x 20 minutes of bakes; together, one read a minute.
    assertThat(alone).isGreaterThanOrEqualTo(4 * 18);
    assertThat(shared).isLessThanOrEqualTo(alone / fleet.size() + 2);
    for (String name : fleet) {
      assertThat(world.sageMaker().describeEndpoint(r -> r.endpointName(name)).endpointStatus())
          .isEqualTo(EndpointStatus.IN_SERVICE);
    }
  }

  @Test
  void syncParallel_whenOneAlarmFiresWhileAllBake_rollsBackOnlyThatOneWhenItWouldHaveAlone() throws IOException {
    // Alone: fleet-4's alarm goes off 4 min 30 s into its canary bake (SageMaker rolls back on an
    // endpoint that then stays blocked for the same configuration, so the three below are others).
    Fleet.commit(world, fleet.subList(3, 4), "churn/2", "Bump fleet-4");
    Duration alone = rolledBackAfter(world.run(tripping("fleet-4"), "sync", "--json", "--record-dir",
        records.resolve("alone").toString(), Fleet.path("fleet-4")));
    Fleet.commit(world, fleet.subList(0, 3), "churn/2", "Bump fleet-1 to fleet-3");

    CommandLineRun run = world.run(tripping("fleet-1"), "sync", "--parallel", "3", "--json", "--record-dir",
        records.resolve("together").toString(), Fleet.path("fleet-1"), Fleet.path("fleet-2"), Fleet.path("fleet-3"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(outcomes(run.json())).containsExactly("fleet-1 failed", "fleet-2 succeeded", "fleet-3 succeeded");
    assertThat(rolledBackAfter(run)).isEqualTo(alone);
    assertThat(alone).isGreaterThan(LAUNCH.plus(Duration.ofMinutes(4))).isLessThan(LAUNCH.plus(Duration.ofMinutes(7)));
  }

  /**
   * A runtime whose clock, as the sync sleeps, sets {@code endpoint}'s rollback alarm off in
   * CloudWatch 4 min 30 s into the canary bake that starts {@link #LAUNCH} after the sync does.
   */
  private CommandRuntime tripping(String endpoint) {
    Instant at = world.local().clock().instant().plus(LAUNCH).plus(Duration.ofSeconds(270));
    boolean[] tripped = {false};
    return world.runtime(duration -> {
      Instant now = world.local().clock().instant();
      Instant end = now.plus(duration);
      if (!tripped[0] && !end.isBefore(at)) {
        world.local().advance(Duration.between(now, at));
        world.local().service(CloudWatchService.class).trip(LocalWorld.REGION, Fleet.alarm(endpoint));
        tripped[0] = true;
        world.local().advance(Duration.between(at, end));
      } else {
        world.local().advance(duration);
      }
    });
  }

  /** How long after it started the failed deploy of a sync's JSON ended, from its deployment record. */
  private static Duration rolledBackAfter(CommandLineRun run) throws IOException {
    JsonNode failed = null;
    for (JsonNode node : run.json().get("runs")) {
      if ("failed".equals(node.get("outcome").asText())) {
        failed = node;
      }
    }
    assertThat(failed).as(run.err()).isNotNull();
    assertThat(failed.at("/failure/kind").asText()).isEqualTo("ROLLED_BACK");
    JsonNode record = new ObjectMapper().readTree(Path.of(failed.get("record").asText()).toFile());
    Function<String, Instant> at = field -> Instant.parse(record.get(field).asText());
    return Duration.between(at.apply("startedAt"), at.apply("finishedAt"));
  }

  private static List<String> outcomes(JsonNode sync) {
    return java.util.stream.StreamSupport.stream(sync.get("manifests").spliterator(), false)
        .map(m -> m.get("name").asText() + " " + m.get("outcome").asText()).toList();
  }
}
