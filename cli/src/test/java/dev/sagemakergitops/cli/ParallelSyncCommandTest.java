package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

@IntegrationPhase
class ParallelSyncCommandTest extends LocalWorldTest {
  private final List<String> fleet = Fleet.names("fleet", 3);

  @BeforeEach
  void setUp() {
    Churn.twoVersions(world);
    Fleet.alarms(world, fleet);
    Fleet.commit(world, fleet, "churn/1", "Serve churn 1 on the fleet");
    CommandLineRun created = world.run("sync", "--parallel", "3");
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    world.calls().clear();
  }

  private Duration simulated(Runnable run) {
    Instant start = world.local().clock().instant();
    run.run();
    return Duration.between(start, world.local().clock().instant());
  }

  private static List<String> outcomes(JsonNode sync) {
    List<String> out = new ArrayList<>();
    sync.get("manifests").forEach(m -> out.add(m.get("name").asText() + " " + m.get("outcome").asText()));
    return out;
  }

  @Test
  void syncParallel_whenThreeEndpointsChange_deploysThemAllInAboutOneDeploymentsSimulatedTime() {
    Fleet.commit(world, fleet.subList(0, 1), "churn/2", "Bump fleet-1");
    CommandLineRun[] one = new CommandLineRun[1];
    Duration single = simulated(() -> one[0] = world.run("sync"));
    assertThat(one[0].exitCode()).as(one[0].out() + one[0].err()).isZero();
    world.git().file(Fleet.path("fleet-1"), Fleet.manifest("fleet-1", "fleet-1", "churn/1"));
    Fleet.commit(world, fleet.subList(1, 3), "churn/2", "fleet-1 back to churn 1, fleet-2 and fleet-3 to churn 2");

    CommandLineRun[] all = new CommandLineRun[1];
    Duration parallel = simulated(() -> all[0] = world.run("sync", "--parallel", "3"));

    CommandLineRun run = all[0];
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(parallel).isLessThan(single.multipliedBy(3).dividedBy(2));
    assertThat(world.calls().count("CreateEndpoint")).isZero();
    assertThat(world.calls().count("UpdateEndpoint")).isEqualTo(4);
    for (String name : fleet) {
      assertThat(world.sageMaker().describeEndpoint(r -> r.endpointName(name)).endpointStatus())
          .isEqualTo(EndpointStatus.IN_SERVICE);
      assertThat(run.out()).contains("[" + name + "] ").contains("  models/fleet/" + name + ".yaml (" + name
          + "): succeeded");
    }
    assertThat(run.out()).contains("sync --parallel 3: 3 of 3 runs succeeded");
    CommandLineRun after = world.run("sync", "--json");
    assertThat(after.json().get("runs")).isEmpty();
  }

  @Test
  void syncParallel_whenOneRollsBack_finishesTheOthersAndExitsThreeListingEveryManifest() {
    world.hosting().tripAlarmAtStep("fleet-1", Fleet.alarm("fleet-1"), 1);
    Fleet.commit(world, fleet, "churn/2", "Bump the fleet to churn 2");

    CommandLineRun run = world.run("sync", "--parallel", "3", "--json", "models/fleet");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    JsonNode json = run.json();
    assertThat(json.get("outcome").asText()).isEqualTo("failed");
    assertThat(json.get("parallel").asInt()).isEqualTo(3);
    assertThat(outcomes(json)).containsExactly("fleet-1 failed", "fleet-2 succeeded", "fleet-3 succeeded");
    assertThat(json.at("/manifests/0/exitCode").asInt()).isEqualTo(3);
    assertThat(json.get("runs")).hasSize(3);
    assertThat(run.err()).contains("[fleet-2] ").contains("[fleet-3] ");
  }

  @Test
  void syncParallel_whenFailFastAndTheFirstRollsBack_startsNoMoreAndFollowsTheRunningOneToItsEnd() {
    world.hosting().tripAlarmAtStep("fleet-1", Fleet.alarm("fleet-1"), 1);
    Fleet.commit(world, fleet, "churn/2", "Bump the fleet to churn 2");

    CommandLineRun run = world.run("sync", "--parallel", "2", "--fail-fast", "--json", "models/fleet");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(outcomes(run.json())).containsExactly("fleet-1 failed", "fleet-2 succeeded", "fleet-3 notStarted");
    assertThat(world.calls().count("UpdateEndpoint")).isEqualTo(2);
  }

  @Test
  void syncParallel_whenTwoManifestsNameOneEndpoint_neverRunsThemAtOnce() {
    world.createAlarm(Fleet.alarm("shared"), "shared");
    world.git().file(Fleet.path("shared-a"), Fleet.manifest("shared-a", "shared", "churn/1"));
    world.git().file(Fleet.path("shared-b"), Fleet.manifest("shared-b", "shared", "churn/2"));
    world.git().commit("Two manifests on one endpoint");

    CommandLineRun run = world.run("sync", "--parallel", "4", "models/fleet/shared-a.yaml",
        "models/fleet/shared-b.yaml");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    String out = run.out();
    assertThat(out.lastIndexOf("[shared-a] ")).isPositive().isLessThan(out.indexOf("[shared-b] "));
  }

  @Test
  void syncParallel_whenRunsInterleave_printsWholeLinesEachPrefixedWithItsManifest() {
    Fleet.commit(world, fleet, "churn/2", "Bump the fleet to churn 2");

    CommandLineRun run = world.run("sync", "--parallel", "3");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    List<String> progress = run.out().lines().filter(line -> line.startsWith("[")).toList();
    assertThat(progress).hasSizeGreaterThan(9).allSatisfy(line -> assertThat(line)
        .matches("\\[(fleet-[123])\\] \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ safeDeploy \\1  .+"));
  }

  @Test
  void syncParallel_whenZero_isRefusedAsInvalidInput() {
    CommandLineRun run = world.run("sync", "--parallel", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--parallel: expected 1 or more, got 0");
  }
}
