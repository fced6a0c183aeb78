package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** The endpoint's tags stay within SageMaker's 50 per resource, and follow the manifest's labels. */
class SafeDeployTagsTest extends DeployWorldTest {
  SafeDeployTagsTest() {
    super(2);
  }

  @Test
  void deploy_whenTheManifestDropsALabel_removesItFromTheEndpointAndKeepsOthersTags() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withLabels("{team: growth, tier: gold}")));
    world.sageMaker().addTags(r -> r.resourceArn(world.endpoint().endpointArn())
        .tags(Tag.builder().key("owner").value("alice").build()));

    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(2).withLabels("{team: growth}")));

    assertThat(world.endpointTags()).containsEntry("team", "growth").containsEntry("owner", "alice")
        .doesNotContainKey("tier");
  }

  @Test
  void deploy_whenOnlyTheLabelsChange_removesTheDroppedLabelWithoutAnUpdate() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withLabels("{team: growth, tier: gold}")));
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withLabels("{team: growth}")));

    DeployResult third = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withLabels("{team: risk}")));

    assertThat(third.change()).isEqualTo("UNCHANGED");
    assertThat(world.endpointTags()).containsEntry("team", "risk").doesNotContainKey("tier");
  }

  @Test
  void deploy_whenTheIntentTagWouldBeTheFiftyFirst_followsTheDeploymentAndSaysWhatToDo() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    String arn = world.endpoint().endpointArn();
    // Another tool filled the endpoint's tags up to SageMaker's 50, and the intent tag is gone.
    world.sageMaker().deleteTags(r -> r.resourceArn(arn).tagKeys(SafeDeployOperation.CONFIG_TAG));
    int free = 50 - world.endpointTags().size();
    List<Tag> filler = new ArrayList<>();
    for (int i = 0; i < free; i++) {
      filler.add(Tag.builder().key("other-" + i).value("x").build());
    }
    world.sageMaker().addTags(r -> r.resourceArn(arn).tags(filler));

    Step<DeployState, DeployResult> step = world.deploy(DeployWorld.Manifest.v(2));

    assertThat(step).isInstanceOf(Step.Failed.class);
    OperationFailure failure = ((Step.Failed<DeployState, DeployResult>) step).failure();
    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.FAILED);
    assertThat(failure.message()).contains("serves " + step.state().plan().config().name() + " (verified)",
        "50 tags per resource");
    assertThat(world.aws.events()).anyMatch(e -> e.message().startsWith("warning: could not tag endpoint"));
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(step.state().plan().config().name());
  }
}
