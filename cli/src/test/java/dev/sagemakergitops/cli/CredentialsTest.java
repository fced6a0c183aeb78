package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;

/**
 * Credentials in a CI build URL and in the Git remote never reach what AWS keeps (tags, model
 * package metadata), what the commands print, or the records; secret-looking environment values
 * never reach a plan.
 */
class CredentialsTest extends LocalWorldTest {
  private static final String BUILD_TOKEN = "s3cr3t-build-token";
  private static final String GIT_TOKEN = "ghp_gitremotetoken";

  @Test
  void deploy_whenBuildUrlAndRemoteCarryCredentials_keepsThemOutOfTagsMetadataOutputAndRecords() throws Exception {
    world.environment(Map.of("BUILD_URL", "https://jenkins:" + BUILD_TOKEN + "@ci.example.com/job/models/7/",
        "JENKINS_URL", "https://ci.example.com/"));
    GitCli.run(world.repository(), "remote", "add", "origin",
        "https://x-access-token:" + GIT_TOKEN + "@github.com/acme/models.git");
    Churn.twoVersions(world);
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");

    CommandLineRun run = world.run("deploy", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out() + run.err()).doesNotContain(BUILD_TOKEN).doesNotContain(GIT_TOKEN);
    String endpointArn = run.json().at("/result/endpointArn").asText();
    Map<String, String> endpointTags = world.tags(endpointArn);
    assertThat(endpointTags).containsEntry("sagemaker-gitops:build", "https://ci.example.com/job/models/7/")
        .containsEntry("sagemaker-gitops:repository", "https://github.com/acme/models.git");
    String modelArn = world.sageMaker().describeModel(r -> r.modelName(run.json().at("/result/modelName").asText()))
        .modelArn();
    assertThat(world.tags(modelArn).toString()).doesNotContain(BUILD_TOKEN).doesNotContain(GIT_TOKEN);
    DescribeModelPackageResponse modelPackage = world.sageMaker().describeModelPackage(r -> r.modelPackageName(
        "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1"));
    assertThat(modelPackage.metadataProperties().generatedBy()).isEqualTo("https://ci.example.com/job/models/7/");
    assertThat(modelPackage.metadataProperties().repository()).isEqualTo("https://github.com/acme/models.git");
    assertThat(modelPackage.customerMetadataProperties().toString()).doesNotContain(BUILD_TOKEN)
        .doesNotContain(GIT_TOKEN);
    String trainingJob = world.sageMaker().listTrainingJobs(r -> { }).trainingJobSummaries().get(0)
        .trainingJobArn();
    assertThat(world.tags(trainingJob).toString()).doesNotContain(BUILD_TOKEN).doesNotContain(GIT_TOKEN);
    Path records = world.repository().resolve(".git/sagemaker-gitops/records");
    try (Stream<Path> files = Files.list(records)) {
      for (Path file : files.toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(BUILD_TOKEN).doesNotContain(GIT_TOKEN);
      }
    }
    CommandLineRun explain = world.runAws("explain", "--json", "churn-prod");
    assertThat(explain.out()).contains("https://ci.example.com/job/models/7/").doesNotContain(BUILD_TOKEN);
  }

  @Test
  void plan_whenEnvironmentHasSecretLookingNames_masksTheirValuesAndStillShowsTheyChanged() {
    String withSecrets = Churn.serving("churn/1", "").replace(
        "    executionRoleArn: arn:aws:iam::123456789012:role/sm-execution\n",
        "    executionRoleArn: arn:aws:iam::123456789012:role/sm-execution\n"
            + "    environment: {LOG_LEVEL: info, DB_PASSWORD: hunter2, hfToken: hf_abcdef, API_KEY: k-123,"
            + " CALLBACK: 'https://bot:pa55@hooks.example.com/x'}\n");
    String base = world.commit(Churn.PATH, withSecrets, "Serve churn 1 with secrets");
    world.commit(Churn.PATH, withSecrets.replace("hunter2", "hunter3"), "Rotate the database password");

    CommandLineRun markdown = world.run("plan", "--offline", "--base", base, "--format", "markdown");
    CommandLineRun json = world.run("plan", "--offline", "--base", base, "--format", "json");
    CommandLineRun text = world.run("plan", "--offline", "--base", base);

    for (CommandLineRun run : new CommandLineRun[] {markdown, json, text}) {
      assertThat(run.out()).doesNotContain("hunter2").doesNotContain("hunter3").doesNotContain("hf_abcdef")
          .doesNotContain("k-123").doesNotContain("pa55");
    }
    assertThat(markdown.out()).contains("LOG_LEVEL=info").contains("DB_PASSWORD=****").contains("hfToken=****")
        .contains("API_KEY=****").contains("a masked value changed");
    assertThat(json.out()).contains("a masked value changed");
  }
}
