package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.testkit.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegisterCommandTest extends LocalWorldTest {

  @Test
  void register_afterTrain_registersTheTrainedArtifactWithoutGlue() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    JsonNode trained = world.run("train", "--json", Churn.PATH).json();

    CommandLineRun run = world.run("register", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("operation").asText()).isEqualTo("registerModel");
    assertThat(json.at("/result/group").asText()).isEqualTo("churn");
    assertThat(json.at("/result/version").asInt()).isEqualTo(1);
    assertThat(json.at("/result/reused").asBoolean()).isFalse();
    String arn = json.at("/result/packageArn").asText();
    assertThat(world.sageMaker().describeModelPackage(r -> r.modelPackageName(arn))
        .inferenceSpecification().containers().get(0).modelDataUrl())
        .isEqualTo(trained.at("/result/modelArtifactUri").asText());
  }

  @Test
  void register_withBumpBranch_writesTheBumpCommitOnThatBranchOnly() throws Exception {
    world.putObject("ml-artifacts", "churn/hand-made/model.tar.gz", "not really a tarball");
    String base = world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    world.run("register", "--artifact", "s3://ml-artifacts/churn/hand-made/model.tar.gz", Churn.PATH);
    world.run("train", Churn.PATH);

    CommandLineRun run = world.run("register", "--bump-branch", "sagemaker-gitops/churn-prod", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("registerModel churn-prod: succeeded").contains("  version: 2")
        .contains("  bumpBranch: sagemaker-gitops/churn-prod");
    Path repo = world.repository();
    assertThat(GitCli.run(repo, "show", "sagemaker-gitops/churn-prod:" + Churn.PATH))
        .contains("package: churn/2   # the line a pull request bumps");
    assertThat(GitCli.runLine(repo, "rev-parse", "sagemaker-gitops/churn-prod~1")).isEqualTo(base);
    assertThat(GitCli.runLine(repo, "rev-parse", "HEAD")).isEqualTo(base);
    assertThat(Files.readString(world.repository().resolve(Churn.PATH))).contains("package: churn/1");
  }

  @Test
  void register_whenNothingWasTrainedForTheSpec_exitsTwoSayingToTrainFirst() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");

    CommandLineRun run = world.run("register", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).containsPattern("models/churn/prod.yaml:10:5: spec.training: training job churn-prod-[0-9a-f]{12}"
        + " does not exist")
        .contains("run 'sagemaker-gitops train' for this commit first, or give --artifact")
        .contains("registerModel churn-prod: refused, nothing was changed (1 problem)");
    assertThat(world.calls().mutating()).isEmpty();
  }

  @Test
  void register_whenArtifactIsMissingInS3_exitsTwoAndRegistersNothing() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");

    CommandLineRun run = world.run("register", "--json", "--artifact", "s3://ml-artifacts/churn/none/model.tar.gz",
        Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.json().get("outcome").asText()).isEqualTo("refused");
    assertThat(run.json().at("/problems/0/message").asText()).contains("s3://ml-artifacts/churn/none/model.tar.gz");
    assertThat(world.calls().mutating()).isEmpty();
  }
}
