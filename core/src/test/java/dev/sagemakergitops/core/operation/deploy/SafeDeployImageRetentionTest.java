package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;

/** Safe deploy warns, before it creates anything, when the image it pins could be expired from ECR later. */
class SafeDeployImageRetentionTest extends DeployWorldTest {
  private static final String UNTAGGED_RULE = """
      {"rules": [{"rulePriority": 1, "description": "expire untagged images after 14 days",
        "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
        "action": {"type": "expire"}}]}""";

  SafeDeployImageRetentionTest() {
    super(1);
  }

  private List<String> messages() {
    return world.aws.events().stream().map(OperationEvent::message).toList();
  }

  @Test
  void deploy_whenTheRepositoryIsMutableAndExpiresUntaggedImages_warnsBeforeCreatingTheModel() throws Exception {
    world.clients.ecr().putLifecyclePolicy(r -> r.repositoryName("churn-xgb").lifecyclePolicyText(UNTAGGED_RULE));

    DeployResult result = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));

    List<String> messages = messages();
    int warning = indexOf(messages, "warning: ECR repository 'churn-xgb' (registry 123456789012, us-east-1) is MUTABLE "
        + "and its lifecycle policy expires untagged images (rule 1: untagged, sinceImagePushed 14 days): once its tag "
        + "is pushed again, image " + result.imageDigest() + " becomes untagged and expires");
    assertThat(warning).isNotNegative().isLessThan(indexOf(messages, "created model "));
    assertThat(messages.get(warning)).contains("IMMUTABLE");
  }

  @Test
  void deploy_whenThePinnedDigestLostItsTag_warnsThatItIsUntagged() throws Exception {
    world.commit(DeployWorld.Manifest.v(1), "deploy 1");
    ResolvedManifest pinned = world.head();
    // The tag moves to another image after the manifest was resolved: the pinned digest is left untagged.
    world.clients.ecr().putImage(r -> r.repositoryName("churn-xgb").imageTag("1.4.2")
        .imageManifest("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            + "\"config\":{\"size\":1,\"digest\":\"sha256:" + "1".repeat(64) + "\"},\"layers\":[]}"));

    DeployWorld.succeeded(world.deploy(DeployRequest.of(pinned)));

    assertThat(messages()).anyMatch(m -> m.startsWith("warning: image " + pinned.image().digest()
        + " in ECR repository 'churn-xgb' (registry 123456789012, us-east-1) has no tag"));
  }

  @Test
  void deploy_whenTheImageIsTaggedAndNothingExpiresIt_warnsNothing() throws Exception {
    DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));

    assertThat(messages()).noneMatch(m -> m.startsWith("warning:"));
    assertThat(world.aws.calls().count("GetLifecyclePolicy")).isEqualTo(1);
  }

  @Test
  void deploy_whenAPipelinesSecondContainerLostItsTag_warnsAboutThatContainersImage() throws Exception {
    String registry = world.image.substring(0, world.image.indexOf('/'));
    world.aws.publishImage("churn-post", "3.0.0");
    world.aws.putObject("ml-artifacts", "churn/post/model.tar.gz", "post-processing weights", "application/gzip");
    world.repo.file(DeployWorld.PATH, """
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: churn-prod
        spec:
          region: us-east-1
          model:
            executionRoleArn: %s
            containers:
              - image: %s
                package: churn/1
              - image: %s/churn-post:3.0.0
                artifact: s3://ml-artifacts/churn/post/model.tar.gz
          endpoint:
            name: churn-prod
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 1}
        """.formatted(dev.sagemakergitops.core.operation.ManifestFixtures.ROLE, world.image, registry));
    world.repo.commit("churn as a pipeline");
    ResolvedManifest pinned = world.head();
    // The second container's tag moves on after the manifest was pinned: its digest is left untagged.
    world.clients.ecr().putImage(r -> r.repositoryName("churn-post").imageTag("3.0.0")
        .imageManifest("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            + "\"config\":{\"size\":1,\"digest\":\"sha256:" + "2".repeat(64) + "\"},\"layers\":[]}"));

    DeployResult result = DeployWorld.succeeded(world.deploy(DeployRequest.of(pinned)));

    DescribeModelResponse model = world.sageMaker().describeModel(r -> r.modelName(result.modelName()));
    String postDigest = model.containers().get(1).image().substring(model.containers().get(1).image().indexOf('@') + 1);
    assertThat(messages()).anyMatch(m -> m.startsWith("warning: image " + postDigest
        + " in ECR repository 'churn-post' (registry 123456789012, us-east-1) has no tag"));
    assertThat(messages()).noneMatch(m -> m.contains("in ECR repository 'churn-xgb'"));
    assertThat(world.aws.calls().count("GetLifecyclePolicy")).isEqualTo(2);
  }

  private static int indexOf(List<String> messages, String prefix) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
