package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.ManifestText;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateAndPlanCommandTest {
  @TempDir Path dir;

  private static final String MANIFEST = ManifestText.churnProd().text() + ManifestText.CHURN_MODEL + """
        endpoint:
          name: churn-prod
          variants:
            - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
          deployment: {strategy: canary, canarySize: 50%, bake: 10m, rollbackAlarms: [churn-5xx]}
      """;

  @Test
  void validate_whenManifestsValid_exitsZeroAndSaysSo() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", MANIFEST).commit("add churn");

      CommandLineRun run = CommandLineRun.of("validate", "--offline", "--repo", dir.toString());

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).startsWith("Valid: 1 manifest at ").contains("(offline: files only)");
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void validate_whenManifestInvalid_exitsTwoAndListsEveryProblemWithFileLineAndField() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", MANIFEST.replace("canarySize: 50%", "canarySize: 70%")
          .replace("name: churn-prod\nspec", "name: churn_prod\nspec")).commit("bad");

      CommandLineRun run = CommandLineRun.of("validate", "--offline", "--repo", dir.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out().lines().findFirst().orElseThrow())
          .startsWith("models/churn/prod.yaml:4:9: metadata.name: expected a name of letters, digits and hyphens")
          .endsWith("got 'churn_prod'");
      assertThat(run.out()).contains("models/churn/prod.yaml:14:48: spec.endpoint.deployment.canarySize: SageMaker"
          + " allows a canary of at most 50% of the fleet, got 70%");
      assertThat(run.out()).contains("Invalid: 2 problems in 1 file of 1 manifest at ");
    }
  }

  @Test
  void validate_whenJsonAsked_printsMachineReadableReport() throws Exception {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      String commit = repo.file("m/prod.yaml", MANIFEST.replace("ml.m5.large", "large")).commit("bad type");

      CommandLineRun run = CommandLineRun.of("validate", "--offline", "--json", "--repo", dir.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      JsonNode json = new ObjectMapper().readTree(run.out());
      assertThat(json.get("commit").asText()).isEqualTo(commit);
      assertThat(json.get("valid").asBoolean()).isFalse();
      assertThat(json.get("manifests").get(0).asText()).isEqualTo("m/prod.yaml");
      JsonNode problem = json.get("problems").get(0);
      assertThat(problem.get("line").asInt()).isEqualTo(13);
      assertThat(problem.get("field").asText()).isEqualTo("spec.endpoint.variants[0].instanceType");
    }
  }

  @Test
  void validate_whenRefUnknown_exitsTwoWithOneLineError() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("m/prod.yaml", MANIFEST).commit("add");

      CommandLineRun run = CommandLineRun.of("validate", "--offline", "--repo", dir.toString(), "--ref", "nope");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).startsWith("error: ").contains("'nope'").doesNotContain("Exception");
    }
  }

  @Test
  void plan_whenPackageBumped_printsMarkdownToTheOutputFile() throws Exception {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", MANIFEST).commit("add churn");
      repo.file("models/churn/prod.yaml", MANIFEST.replace("churn/7", "churn/8")).commit("Bump churn to 8");
      Path output = dir.resolve("plan.md");

      CommandLineRun run = CommandLineRun.of("plan", "--offline", "--repo", dir.toString(), "--base", "HEAD~1",
          "--format", "markdown", "--output", output.toString());

      assertThat(run.exitCode()).isZero();
      assertThat(Files.readString(output)).contains("| model package | `churn/7` | `churn/8` |");
    }
  }

  @Test
  void plan_whenChangeBlocked_exitsTwo() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn/prod.yaml", MANIFEST).commit("add churn");
      repo.file("models/churn/prod.yaml", MANIFEST.replace("AllTraffic", "Blue")).commit("rename");

      CommandLineRun run = CommandLineRun.of("plan", "--offline", "--repo", dir.toString(), "--base", "HEAD~1");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).contains("blocked by problems").contains("same variant names");
    }
  }

  @Test
  void plan_whenFormatUnknown_exitsTwo() {
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("m/prod.yaml", MANIFEST).commit("add");

      CommandLineRun run = CommandLineRun.of("plan", "--offline", "--repo", dir.toString(), "--base", "HEAD",
          "--format", "yaml");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("expected text, markdown, json or matrix");
    }
  }

  @Test
  void help_whenAskedOfEveryCommand_showsExamplesAndExitCodes() {
    for (String command : new String[] {"validate", "plan"}) {
      CommandLineRun run = CommandLineRun.of(command, "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: sagemaker-gitops " + command).contains("Examples:")
          .contains("Exit codes:").contains("--repo=DIR").contains("--endpoint-url=URL");
    }
    assertThat(CommandLineRun.of("--help").out()).contains("validate").contains("plan").contains("Exit codes:");
  }

  @Test
  void main_whenOptionUnknown_exitsTwo() {
    CommandLineRun run = CommandLineRun.of("validate", "--no-such-option");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--no-such-option'");
  }
}
