package dev.sagemakergitops.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.EcrImages;
import dev.sagemakergitops.core.aws.ImageMediaTypes;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestResolverTest {
  private static final String TRAINING_IMAGE = LocalAws.REGISTRY + "/churn-train:2.0";

  @TempDir Path dir;

  private LocalAws aws;
  private AwsClients clients;

  @BeforeEach
  void start() {
    aws = LocalAws.start();
    clients = aws.clients();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void resolveOne_whenImagesExist_pinsThemAndRecordsWhereTheManifestCameFrom() {
    aws.publishImage("churn-xgb", "1.4.2");
    aws.publishImage("churn-train", "2.0");
    String text = withTraining(ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/3"));
    String commit = ManifestFixtures.commit(dir, text, "Add churn");

    ResolvedManifest resolved = ManifestFixtures.resolve(aws, clients, dir, "main");

    EcrService ecr = aws.local().service(EcrService.class);
    String digest = ecr.digestOf(LocalAws.REGION, "churn-xgb", "1.4.2").orElseThrow();
    assertThat(resolved.image()).hasToString(LocalAws.REGISTRY + "/churn-xgb@" + digest);
    assertThat(resolved.image().digest()).isEqualTo(digest);
    assertThat(resolved.trainingImage()).hasToString(LocalAws.REGISTRY + "/churn-train@"
        + ecr.digestOf(LocalAws.REGION, "churn-train", "2.0").orElseThrow());
    assertThat(resolved.specifiedImage()).hasToString(ManifestFixtures.IMAGE);
    assertThat(resolved.origin().commitId()).isEqualTo(commit);
    assertThat(resolved.origin().manifestPath()).isEqualTo(ManifestFixtures.PATH);
    assertThat(resolved.origin().manifestBlobId()).isEqualTo(GitCli.runLine(dir, "rev-parse", "HEAD:" + ManifestFixtures.PATH));
    assertThat(resolved.origin().commitTime()).isEqualTo(commitTime(dir));
    try (GitRepository git = GitRepository.open(dir)) {
      assertThat(resolved.origin().repository()).isEqualTo(git.lineageName());
    }
    assertThat(resolved.text()).isEqualTo(text);
    assertThat(resolved.name()).isEqualTo("churn-prod");
    assertThat(aws.calls().calls()).allMatch(call -> call.equals("Ecr.DescribeImages"));
  }

  @Test
  void resolveOne_whenTheImageTagDoesNotExist_refusesAtSpecImageWithItsLine() {
    aws.publishImage("churn-xgb", "1.4.1");
    String text = ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/3");
    ManifestFixtures.commit(dir, text, "Add churn");

    assertThatThrownBy(() -> ManifestFixtures.resolve(aws, clients, dir, "main"))
        .isInstanceOfSatisfying(OperationInputException.class, e -> {
          assertThat(e.problems()).hasSize(1);
          ManifestProblem problem = e.problems().get(0);
          assertThat(problem.file()).isEqualTo(ManifestFixtures.PATH);
          assertThat(problem.field()).isEqualTo("spec.image");
          assertThat(problem.line()).isEqualTo(ManifestFixtures.lineOf(text, "  image: "));
          assertThat(problem.message()).contains("1.4.2");
          assertThat(e.getMessage()).startsWith(ManifestFixtures.PATH + ":" + problem.line());
        });
  }

  @Test
  void resolveOne_whenImagesAreOciManifests_refusesEachAtItsLineBeforeAnyMutatingCall() {
    EcrImages images = new EcrImages(clients.ecr());
    images.createRepository("churn-xgb");
    images.createRepository("churn-train");
    images.push("churn-xgb", "1.4.2", "served", ImageMediaTypes.OCI_MANIFEST);
    images.push("churn-train", "2.0", "trained", ImageMediaTypes.OCI_INDEX);
    String text = withTraining(ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/3"));
    ManifestFixtures.commit(dir, text, "Add churn");
    aws.calls().clear();

    assertThatThrownBy(() -> ManifestFixtures.resolve(aws, clients, dir, "main"))
        .isInstanceOfSatisfying(OperationInputException.class, e -> {
          assertThat(e.problems()).extracting(ManifestProblem::field, ManifestProblem::line).containsExactly(
              org.assertj.core.groups.Tuple.tuple("spec.image", ManifestFixtures.lineOf(text, "  image: ")),
              org.assertj.core.groups.Tuple.tuple("spec.training.image", ManifestFixtures.lineOf(text, "    image: ")));
          assertThat(e.problems().get(0).message()).contains("application/vnd.oci.image.manifest.v1+json")
              .contains("--provenance=false --output type=docker");
          assertThat(e.problems().get(1).message()).contains("application/vnd.oci.image.index.v1+json");
        });
    assertThat(aws.calls().calls()).isNotEmpty().allMatch(call -> call.equals("Ecr.DescribeImages"));
  }

  @Test
  void resolve_whenSeveralManifestsNameMissingImages_reportsEveryOne() {
    aws.publishImage("churn-xgb", "1.4.2");
    String fraud = ManifestFixtures.serving(LocalAws.REGISTRY + "/fraud:9.9", "fraud/1").replace("churn-prod", "fraud-prod");
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", withTraining(ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/1")));
      repo.file("models/fraud/prod.yaml", fraud);
      repo.commit("Add both");
    }

    try (GitRepository git = GitRepository.open(dir)) {
      assertThatThrownBy(() -> new ManifestResolver(aws.pinner(clients)).resolve(git, "HEAD", List.of()))
          .isInstanceOfSatisfying(OperationInputException.class, e -> assertThat(e.problems())
              .extracting(ManifestProblem::file, ManifestProblem::field)
              .containsExactlyInAnyOrder(
                  org.assertj.core.groups.Tuple.tuple("models/churn/prod.yaml", "spec.training.image"),
                  org.assertj.core.groups.Tuple.tuple("models/fraud/prod.yaml", "spec.image")));
    }
  }

  @Test
  void resolveOne_whenTheManifestIsBroken_reportsLocatedProblemsWithoutAskingEcr() {
    aws.publishImage("churn-xgb", "1.4.2");
    String text = ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/3")
        .replace("  region: us-east-1\n", "  regoin: us-east-1\n")
        .replace("    package: churn/3\n", "    package: churn\n");
    ManifestFixtures.commit(dir, text, "Break churn");

    assertThatThrownBy(() -> ManifestFixtures.resolve(aws, clients, dir, "main"))
        .isInstanceOfSatisfying(OperationInputException.class, e -> {
          assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(problem -> {
            assertThat(problem.file()).isEqualTo(ManifestFixtures.PATH);
            assertThat(problem.line()).isPositive();
          });
          assertThat(e.problems()).anySatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(ManifestFixtures.lineOf(text, "  regoin:"));
            assertThat(problem.message()).contains("region");
          });
          assertThat(e.problems()).anySatisfy(problem -> {
            assertThat(problem.field()).isEqualTo("spec.model.package");
            assertThat(problem.line()).isEqualTo(ManifestFixtures.lineOf(text, "    package: churn"));
          });
        });
    assertThat(aws.calls().count("DescribeImages")).isZero();
  }

  @Test
  void resolveOne_whenAnEarlierCommitIsAsked_readsTheManifestAsItWasThen() {
    aws.publishImage("churn-xgb", "1.4.2");
    String first = ManifestFixtures.commit(dir, ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/3"), "Add churn");
    ManifestFixtures.commit(dir, ManifestFixtures.serving(ManifestFixtures.IMAGE, "churn/4"), "Bump churn");

    ResolvedManifest resolved = ManifestFixtures.resolve(aws, clients, dir, first);

    assertThat(resolved.origin().commitId()).isEqualTo(first);
    assertThat(resolved.manifest().spec().model().modelPackage().version()).isEqualTo(3);
  }

  private static String withTraining(String manifest) {
    return manifest + """
          training:
            image: %s
            roleArn: arn:aws:iam::%s:role/sm-training
            instanceType: ml.m5.xlarge
            inputs: {train: s3://ml-data/churn/train/}
            outputS3Uri: s3://ml-artifacts/churn/
        """.formatted(TRAINING_IMAGE, LocalAws.ACCOUNT);
  }


  /** The committer time of HEAD, as git itself reports it. */
  private static Instant commitTime(Path dir) {
    return Instant.ofEpochSecond(Long.parseLong(GitCli.runLine(dir, "log", "-1", "--format=%ct")));
  }
}
