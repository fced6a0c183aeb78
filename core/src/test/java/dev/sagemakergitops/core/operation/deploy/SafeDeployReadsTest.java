package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.StateStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;

/**
 * How often a safe deploy that updates an endpoint reads what it cannot have changed: the live
 * endpoint configuration (immutable in SageMaker) and the variants' scalable targets. Counted by a
 * real SDK interceptor on the calls that went over the wire to the local control plane.
 */
class SafeDeployReadsTest extends DeployWorldTest {
  SafeDeployReadsTest() {
    super(2);
  }

  /** The names of the configurations described, and the resource IDs whose scalable targets were read. */
  private static final class Reads implements ExecutionInterceptor {
    final List<String> configs = new CopyOnWriteArrayList<>();
    final List<List<String>> targets = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof DescribeEndpointConfigRequest r) {
        configs.add(r.endpointConfigName());
      } else if (context.request() instanceof DescribeScalableTargetsRequest r) {
        targets.add(r.resourceIds());
      }
    }
  }

  @Test
  void deploy_whenUpdating_readsTheLiveConfigurationAndScalableTargetsOncePerPoll() throws Exception {
    DeployResult first = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    world.commit(DeployWorld.Manifest.v(2), "deploy 2");
    Reads reads = new Reads();
    AwsClients clients = world.aws.clients(List.of(reads));

    DeployResult second = DeployWorld.succeeded(world.aws.runner(clients)
        .run(new SafeDeployOperation(world.aws.context(clients)), DeployRequest.of(world.head()), StateStore.none(),
            "deploy"));

    assertThat(second.change()).isEqualTo("UPDATED");
    assertThat(reads.configs.stream().filter(first.endpointConfigName()::equals))
        .as("the live configuration: the pre-flight, stage CONFIG's in-place check, stage ENDPOINT (its in-place "
            + "check and its update share one read), stage TAGS' labels")
        .hasSize(4);
    assertThat(reads.targets)
        .as("stage CONFIG's in-place check, stage ENDPOINT (in-place check and update share one read), stage "
            + "AUTOSCALING")
        .hasSize(3);
  }
}
