package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI machine's clock is minutes away from AWS's: a deploy must wait exactly as long and look as
 * often as with both clocks agreeing, since SageMaker's timestamps are never compared with the local
 * time.
 */
class SafeDeployClockSkewTest {
  @TempDir Path dir;

  /** How long (on AWS's clock) a canary deploy of v2 took, and how many times it described the endpoint. */
  private record Run(Duration took, long describes) {}

  private Run deployWithTheCommandsClockOff(Duration skew) throws Exception {
    try (DeployWorld world = new DeployWorld(dir.resolve("skew" + skew.toMinutes()))) {
      world.register(2);
      DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
      world.commit(DeployWorld.Manifest.v(2), "bump to v2");
      OperationContext skewed = new OperationContext(world.clients, Clock.offset(world.aws.local().clock(), skew),
          new BuildInfo("https://ci.example.com/job/models/42/", "jenkins"), PollingPolicy.defaults().withoutJitter(),
          new Random(7));
      world.aws.calls().clear();
      Instant start = world.aws.local().clock().instant();

      DeployWorld.succeeded(new OperationRunner(skewed, world.aws.sleeper(), e -> { })
          .run(new SafeDeployOperation(skewed), DeployRequest.of(world.head()), StateStore.none(), "skewed"));

      return new Run(Duration.between(start, world.aws.local().clock().instant()),
          world.aws.calls().count("DescribeEndpoint"));
    }
  }

  @Test
  void deploy_whenTheControlPlanesClockIsTenMinutesAheadOrBehind_waitsAndPollsAsWithoutSkew() throws Exception {
    Run agreed = deployWithTheCommandsClockOff(Duration.ZERO);
    Run awsAhead = deployWithTheCommandsClockOff(Duration.ofMinutes(-10));
    Run awsBehind = deployWithTheCommandsClockOff(Duration.ofMinutes(10));

    for (Run skewed : new Run[] {awsAhead, awsBehind}) {
      assertThat(skewed.took()).as("time to see the deployment end (agreeing clocks: %s)", agreed.took())
          .isBetween(agreed.took().minusSeconds(30), agreed.took().plusSeconds(30));
      assertThat(skewed.describes()).as("DescribeEndpoint calls (agreeing clocks: %s)", agreed.describes())
          .isBetween(agreed.describes() - 2, agreed.describes() + 2);
    }
  }
}
