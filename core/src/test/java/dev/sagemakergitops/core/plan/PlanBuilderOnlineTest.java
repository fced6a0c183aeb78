package dev.sagemakergitops.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.EcrImages;
import dev.sagemakergitops.core.aws.ImageMediaTypes;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.ManifestFixtures;
import dev.sagemakergitops.core.operation.support.LocalAws;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} with images resolved by the local ECR over the real SDK. */
class PlanBuilderOnlineTest {
  @TempDir Path dir;

  @Test
  void plan_whenTheNewImagesAreOciManifests_blocksTheChangeAtTheirLines() {
    try (LocalAws aws = LocalAws.start()) {
      AwsClients clients = aws.clients();
      EcrImages images = new EcrImages(clients.ecr());
      images.createRepository("churn-xgb");
      images.createRepository("churn-train");
      images.push("churn-xgb", "1.4.1", "before");
      images.push("churn-xgb", "1.4.2", "after", ImageMediaTypes.OCI_INDEX);
      images.push("churn-train", "2.0", "train", ImageMediaTypes.OCI_MANIFEST);
      String before = ManifestFixtures.serving(LocalAws.REGISTRY + "/churn-xgb:1.4.1", "churn/3");
      String after = ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/3") + """
            training:
              image: %s/churn-train:2.0
              roleArn: arn:aws:iam::%s:role/sm-training
              instanceType: ml.m5.xlarge
              inputs: {train: s3://ml-data/churn/train/}
              outputS3Uri: s3://ml-artifacts/churn/
          """.formatted(LocalAws.REGISTRY, LocalAws.ACCOUNT);
      ManifestFixtures.commit(dir, before, "Add churn");
      ManifestFixtures.commit(dir, after, "Build with buildx");

      GitOpsPlan plan;
      try (GitRepository git = GitRepository.open(dir)) {
        plan = PlanBuilder.online(aws.pinner(clients)).plan(git, "HEAD~1", "HEAD", List.of());
      }

      ModelPlan model = plan.models().get(0);
      assertThat(model.problems()).extracting(ManifestProblem::field, ManifestProblem::line).containsExactly(
          org.assertj.core.groups.Tuple.tuple("spec.image", ManifestFixtures.lineOf(after, "  image: ")),
          org.assertj.core.groups.Tuple.tuple("spec.training.image", ManifestFixtures.lineOf(after, "    image: ")));
      assertThat(model.problems().get(0).message()).contains(ImageMediaTypes.OCI_INDEX).contains("--provenance=false");
      assertThat(model.problems().get(1).message()).contains(ImageMediaTypes.OCI_MANIFEST);
      assertThat(model.actions()).isEmpty();
      assertThat(plan.hasProblems()).isTrue();
    }
  }
}
