package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reads a sync's planning makes per endpoint: the endpoint's description and its tags serve both
 * its health and its lineage, read once; a deploy's pre-flight still reads them again for itself.
 */
class SyncPlanningReadsTest extends LocalWorldTest {
  private final List<String> fleet = Fleet.names("fleet", 2);

  @BeforeEach
  void setUp() {
    Fleet.deployed(world, fleet);
  }

  @Test
  void sync_whenNothingChanged_describesEachEndpointOnceAndListsItsTagsOnce() {
    CommandLineRun run = world.run("sync");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    // Per endpoint: DescribeEndpoint once; ListTags of the endpoint, its configuration, its model
    // and its model's training job, once each.
    assertThat(world.calls().count("DescribeEndpoint")).isEqualTo(fleet.size());
    assertThat(world.calls().count("ListTags")).as(world.calls().calls().toString()).isEqualTo(4L * fleet.size());
    assertThat(world.calls().count("UpdateEndpoint")).isZero();
  }

  @Test
  void sync_whenAnEndpointChanged_stillDescribesItAgainBeforeDeploying() {
    Fleet.commit(world, fleet.subList(0, 1), "churn/2", "Bump fleet-1");
    CommandLineRun unchanged = world.run("sync", "--parallel", "2", Fleet.path("fleet-2"));
    long planningOnly = world.calls().count("DescribeEndpoint");
    world.calls().clear();

    CommandLineRun run = world.run("sync", Fleet.path("fleet-1"));

    assertThat(unchanged.exitCode()).as(unchanged.out() + unchanged.err()).isZero();
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(planningOnly).isEqualTo(1);
    // Planning once, then the deploy's pre-flight and its stages read the endpoint as AWS has it then.
    assertThat(world.calls().count("DescribeEndpoint")).isGreaterThan(2);
  }
}
