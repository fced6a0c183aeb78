package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.local.sagemaker.training.TrainingJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TrainCommandTest extends LocalWorldTest {

  @Test
  void train_whenSpecIsNew_trainsPrintsTimestampedProgressAndTheArtifact() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");

    CommandLineRun run = world.run("train", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^2026-11-02T09:00:00Z sagemakerTrain churn-prod  created training job"
        + " churn-prod-[0-9a-f]{12} \\(1 x ml.m5.xlarge")
        .containsPattern("(?m)^2026-11-02T09:\\d\\d:\\d\\dZ sagemakerTrain churn-prod  training job churn-prod-[0-9a-f]{12}"
            + " is Completed")
        .contains("sagemakerTrain churn-prod: succeeded")
        .containsPattern("(?m)^  modelArtifactUri: s3://ml-artifacts/churn/churn-prod-[0-9a-f]{12}/output/model.tar.gz$");
    assertThat(world.calls().count("CreateTrainingJob")).isEqualTo(1);
  }

  @Test
  void train_whenJsonAsked_printsOnlyTheResultOnStdoutAndProgressOnStderr() {
    String commit = world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    world.environment(Map.of("CODEBUILD_BUILD_URL", "https://console.aws.amazon.com/codebuild/build/7"));

    CommandLineRun run = world.run("train", "--json", Churn.PATH);

    assertThat(run.exitCode()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.get("command").asText()).isEqualTo("train");
    assertThat(json.get("operation").asText()).isEqualTo("sagemakerTrain");
    assertThat(json.get("outcome").asText()).isEqualTo("succeeded");
    assertThat(json.get("exitCode").asInt()).isZero();
    assertThat(json.at("/manifest/commit").asText()).isEqualTo(commit);
    assertThat(json.at("/manifest/path").asText()).isEqualTo(Churn.PATH);
    assertThat(json.at("/result/jobName").asText()).matches("churn-prod-[0-9a-f]{12}");
    assertThat(json.at("/result/reused").asBoolean()).isFalse();
    assertThat(json.at("/result/imageDigest").asText()).startsWith("sha256:");
    assertThat(json.get("failure").isNull()).isTrue();
    assertThat(json.get("problems")).isEmpty();
    assertThat(run.err()).contains("sagemakerTrain churn-prod  created training job");
    assertThat(world.tags(json.at("/result/jobArn").asText()))
        .containsEntry("sagemaker-gitops:build", "https://console.aws.amazon.com/codebuild/build/7")
        .containsEntry("sagemaker-gitops:commit", commit);
  }

  @Test
  void train_whenRecordDirGiven_writesTheDeploymentRecordThereAndNamesIt() throws Exception {
    String commit = world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    Path records = directory.resolve("records");

    CommandLineRun run = world.run("train", "--json", "--record-dir", records.toString(), Churn.PATH);

    Path record = Path.of(run.json().get("record").asText());
    assertThat(record.getParent()).isEqualTo(records);
    assertThat(record.getFileName().toString()).matches("20261102T090000Z-sagemakerTrain-churn-prod-[0-9a-f]{8}\\.json");
    JsonNode json = new ObjectMapper().readTree(Files.readString(record));
    assertThat(record.getFileName().toString()).contains(json.get("runId").asText().replace("-", "").substring(0, 8));
    assertThat(json.get("operation").asText()).isEqualTo("sagemakerTrain");
    assertThat(json.get("outcome").asText()).isEqualTo("succeeded");
    assertThat(json.at("/lineage/commit").asText()).isEqualTo(commit);
    assertThat(json.at("/lineage/manifestPath").asText()).isEqualTo(Churn.PATH);
    assertThat(json.get("events").size()).isGreaterThan(3);
  }

  @Test
  void train_whenRefused_stillWritesARecordSayingSo() throws Exception {
    world.commit(Churn.PATH, Churn.training("churn/1").replace("churn-xgb:1.4.2", "churn-xgb:9.9.9"), "Typo");

    CommandLineRun run = world.run("train", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    Path records = world.repository().resolve(".git/sagemaker-gitops/records");
    try (Stream<Path> files = Files.list(records)) {
      Path record = files.findFirst().orElseThrow();
      JsonNode json = new ObjectMapper().readTree(Files.readString(record));
      assertThat(json.get("outcome").asText()).isEqualTo("refused");
      assertThat(json.at("/failure/problems/0").asText()).startsWith("models/churn/prod.yaml:8:");
      assertThat(run.out()).contains("  record: " + record);
    }
  }

  @Test
  void train_whenRunAgain_reusesTheCompletedJob() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    world.run("train", Churn.PATH);

    CommandLineRun again = world.run("train", "--json", Churn.PATH);

    assertThat(again.exitCode()).isZero();
    assertThat(again.json().at("/result/reused").asBoolean()).isTrue();
    assertThat(world.calls().count("CreateTrainingJob")).isEqualTo(1);
  }

  @Test
  void train_whenARunKeyIsGivenAfterATransientFailure_trainsTheSameSpecAgainAndRegisterFindsThatJob() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    world.local().service(TrainingJobs.class).failJob(Churn.NAME,
        "CapacityError: Unable to provision requested ML compute capacity. Please retry using a different ML instance type.");
    CommandLineRun failed = world.run("train", "--json", Churn.PATH);
    CommandLineRun again = world.run("train", "--json", Churn.PATH);

    CommandLineRun retried = world.run("train", "--json", "--run-key", "build-43", Churn.PATH);
    CommandLineRun registered = world.run("register", "--json", "--run-key", "build-43", Churn.PATH);

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.json().at("/failure/message").asText()).contains("--run-key");
    assertThat(retried.exitCode()).as(retried.err()).isZero();
    String job = retried.json().at("/result/jobName").asText();
    assertThat(job).matches("churn-prod-[0-9a-f]{12}");
    assertThat(again.json().at("/failure/message").asText()).startsWith("training job churn-prod-").doesNotContain(job);
    assertThat(world.tags(retried.json().at("/result/jobArn").asText())).containsEntry("sagemaker-gitops:run-key", "build-43");
    assertThat(world.calls().count("CreateTrainingJob")).isEqualTo(2);
    assertThat(registered.exitCode()).as(registered.err()).isZero();
    String packageArn = registered.json().at("/result/packageArn").asText();
    assertThat(world.sageMaker().describeModelPackage(r -> r.modelPackageName(packageArn)).inferenceSpecification()
        .containers().get(0).modelDataUrl()).isEqualTo(retried.json().at("/result/modelArtifactUri").asText())
        .contains("/" + job + "/");
  }

  @Test
  void train_whenTheJobFails_exitsOneWithSageMakersReason() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    world.local().service(TrainingJobs.class).failJob(Churn.NAME, "loss diverged at epoch 3");

    CommandLineRun text = world.run("train", Churn.PATH);
    CommandLineRun json = world.run("train", "--json", Churn.PATH);

    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.err()).startsWith("error: sagemakerTrain churn-prod failed: training job churn-prod-")
        .contains("AlgorithmError: loss diverged at epoch 3");
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(json.json().get("outcome").asText()).isEqualTo("failed");
    assertThat(json.json().at("/failure/kind").asText()).isEqualTo("FAILED");
    assertThat(json.json().at("/failure/failureReason").asText()).isEqualTo("AlgorithmError: loss diverged at epoch 3");
  }

  @Test
  void train_whenManifestHasNoTrainingSection_exitsTwoWithTheLocatedProblemAndChangesNothing() {
    String text = Churn.training("churn/1");
    world.commit(Churn.PATH, text.substring(0, text.indexOf("  training:")) + text.substring(text.indexOf("  registry:")),
        "No training");

    CommandLineRun run = world.run("train", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("models/churn/prod.yaml:7:3: spec: this manifest has no 'training' section")
        .contains("sagemakerTrain churn-prod: refused, nothing was changed (1 problem)");
    assertThat(world.calls().mutating()).isEmpty();
  }

  @Test
  void train_whenImageTagDoesNotExist_exitsTwoNamingFileLineAndFieldInJson() {
    world.commit(Churn.PATH, Churn.training("churn/1").replace("churn-xgb:1.4.2", "churn-xgb:9.9.9"), "Typo");

    CommandLineRun run = world.run("train", "--json", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode json = run.json();
    assertThat(json.get("outcome").asText()).isEqualTo("refused");
    assertThat(json.get("exitCode").asInt()).isEqualTo(2);
    JsonNode problem = json.get("problems").get(0);
    assertThat(problem.get("file").asText()).isEqualTo(Churn.PATH);
    assertThat(problem.get("line").asInt()).isEqualTo(8);
    assertThat(problem.get("field").asText()).isEqualTo("spec.image");
    assertThat(problem.get("message").asText()).contains("9.9.9");
    assertThat(world.calls().mutating()).isEmpty();
  }

  @Test
  void train_whenPathsSelectSeveralManifests_exitsTwoNamingThem() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    world.commit("models/churn/staging.yaml", Churn.training("churn/1").replace("name: churn-prod", "name: churn-stg"),
        "Add staging");

    CommandLineRun run = world.run("train", "models/churn");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("2 manifests found in models/churn at HEAD (models/churn/prod.yaml,"
        + " models/churn/staging.yaml); this command runs for one: name its file");
  }

  @Test
  void train_whenRefIsUnknown_exitsTwo() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");

    CommandLineRun run = world.run("train", "--ref", "no-such-branch", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: ").contains("'no-such-branch'");
  }
}
