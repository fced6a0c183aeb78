package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.codecommit.CodeCommitService;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.s3.S3Service;
import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/**
 * Runs the commands of the repository's {@code buildspec.yml}, phase by phase in one bash shell as
 * CodeBuild (buildspec version 0.2) does, with CodeBuild's variables set, the packaged command line,
 * and the local control plane as AWS: a pull-request build validates and plans and changes nothing;
 * a main-branch build syncs, exports what it deployed and leaves records; a build whose deployment
 * an alarm rolls back fails, says so and writes the revert branch; with {@code FANOUT_PROJECT}, a
 * main-branch build starts one batch build per changed manifest, and each build of that batch syncs
 * its manifest alone.
 *
 * <p>CodeBuild itself cannot run here, so the fan-out test puts an {@code aws} command on the
 * build's path that answers {@code start-build-batch} (keeping the buildspec override it was given)
 * and {@code batch-get-build-batches}; the test then runs the batch's builds from that override, as
 * CodeBuild would, against the local control plane.
 */
@IntegrationPhase
class BuildspecIT {
  private static final Path BUILDSPEC = Path.of("..", "buildspec.yml").toAbsolutePath().normalize();
  private static final Path JAR = Path.of("target", "sagemaker-gitops.jar").toAbsolutePath();
  private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private static final String MANIFEST = "models/churn/prod.yaml";

  @TempDir Path dir;
  private LocalControlPlane local;
  private AwsClients clients;
  private Path origin;

  @BeforeEach
  void setUp() {
    local = LocalControlPlane.builder().port(0).clock(SimulationClock.virtual(Instant.parse("2026-11-02T09:00:00Z")))
        .standardServices().start();
    clients = AwsClients.create(new AwsSettings("us-east-1", null, local.endpoint(), null, null, null));
    local.service(EcrService.class).publish("us-east-1", "churn-xgb", "1.4.2");
    clients.cloudWatch("us-east-1").putMetricAlarm(r -> r.alarmName("churn-prod-5xx").namespace("AWS/SageMaker")
        .metricName("Invocation5XXErrors").statistic("Average").period(60).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator("GreaterThanOrEqualToThreshold"));
    for (int version = 1; version <= 3; version++) {
      register(version);
    }
  }

  @AfterEach
  void tearDown() {
    clients.close();
    local.close();
  }

  @Test
  void pullRequestBuild_withPlanComment_commentsThePlanOnTheCodeCommitPullRequestAndEditsItNextTime()
      throws Exception {
    String bump = authorRepository();
    Path source = checkout(bump);
    CodeCommitService codeCommit = local.service(CodeCommitService.class);
    codeCommit.pushBranch("us-east-1", "models", "main", "1111111111111111111111111111111111111111");
    codeCommit.pushBranch("us-east-1", "models", "bump-churn-2", bump);
    String pullRequest;
    try (var client = software.amazon.awssdk.services.codecommit.CodeCommitClient.builder()
        .endpointOverride(local.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
      pullRequest = client.createPullRequest(r -> r.title("churn 2").targets(t -> t.repositoryName("models")
          .sourceReference("bump-churn-2").destinationReference("main"))).pullRequest().pullRequestId();
    }
    Map<String, String> codeBuild = Map.of(
        "CODEBUILD_WEBHOOK_EVENT", "PULL_REQUEST_UPDATED",
        "CODEBUILD_WEBHOOK_TRIGGER", "pr/" + pullRequest,
        "CODEBUILD_WEBHOOK_BASE_REF", "refs/heads/main",
        "CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/bump-churn-2",
        "CODEBUILD_SOURCE_REPO_URL", "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/models",
        "CODEBUILD_RESOLVED_SOURCE_VERSION", bump,
        "PLAN_COMMENT", "codecommit");

    Build first = runBuildspec(source, codeBuild);
    Build second = runBuildspec(source, codeBuild);

    assertThat(first.exitCode()).as(first.log()).isZero();
    assertThat(first.log()).contains("Posted the plan on codecommit pull request " + pullRequest + ": ");
    assertThat(second.log()).contains("Edited the plan on codecommit pull request " + pullRequest + ": ");
    assertThat(codeCommit.commentContents("us-east-1", pullRequest)).singleElement().asString()
        .startsWith("<!-- sagemaker-gitops:plan -->\n").contains("| model package | `churn/1` | `churn/2` |");
    assertThat(second.exported()).containsEntry("SYNC_RESULT", "planned");
  }

  @Test
  void pullRequestBuild_validatesAndPlansWithoutChangingAws() throws Exception {
    String bump = authorRepository();
    Path source = checkout(bump);

    Build build = runBuildspec(source, Map.of(
        "CODEBUILD_WEBHOOK_EVENT", "PULL_REQUEST_UPDATED",
        "CODEBUILD_WEBHOOK_BASE_REF", "refs/heads/main",
        "CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/bump-churn-2",
        "CODEBUILD_RESOLVED_SOURCE_VERSION", bump));

    assertThat(build.exitCode()).as(build.log()).isZero();
    assertThat(build.exported()).containsEntry("SYNC_RESULT", "planned").containsEntry("DEPLOYED_COMMIT", "");
    assertThat(Files.readString(source.resolve("plan.md"))).contains("| model package | `churn/1` | `churn/2` |");
    assertThat(sageMaker().listEndpoints().endpoints()).isEmpty();
    assertThat(sageMaker().listModels().models()).isEmpty();
  }

  @Test
  void mainBranchBuild_syncsExportsWhatItDeployedAndKeepsRecords() throws Exception {
    String bump = authorRepository();
    GitCli.run(origin, "update-ref", "refs/heads/main", bump);
    Path source = checkout(bump);

    Build build = runBuildspec(source, Map.of(
        "CODEBUILD_WEBHOOK_EVENT", "PUSH",
        "CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/main",
        "CODEBUILD_RESOLVED_SOURCE_VERSION", bump));

    assertThat(build.exitCode()).as(build.log()).isZero();
    assertThat(build.log()).as("the launcher the build installs next to the jar, not java -jar")
        .contains("sagemaker-gitops: running " + JAR.getParent().resolve("sagemaker-gitops") + "\n");
    var endpoint = sageMaker().describeEndpoint(r -> r.endpointName("churn-prod"));
    assertThat(endpoint.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(build.exported())
        .containsEntry("SYNC_RESULT", "succeeded")
        .containsEntry("DEPLOYED_COMMIT", bump)
        .containsEntry("ENDPOINT_CONFIGS", "churn-prod=" + endpoint.endpointConfigName());
    assertThat(source.resolve("sync.json")).exists();
    try (var records = Files.list(source.resolve("sagemaker-gitops-records"))) {
      assertThat(records.map(p -> p.getFileName().toString()).toList()).anyMatch(name -> name.contains("safeDeploy"));
    }
    assertThat(Files.readString(source.resolve("report.html"))).startsWith("<!DOCTYPE html>")
        .contains("Endpoint churn-prod", "<span class=\"badge succeeded\">succeeded</span> safeDeploy of " + MANIFEST);
  }

  @Test
  void mainBranchBuild_whenAnAlarmRollsTheDeploymentBack_failsAndWritesTheRevert() throws Exception {
    String bump = authorRepository();
    GitCli.run(origin, "update-ref", "refs/heads/main", bump);
    // The start state: churn/1's endpoint, deployed by the previous main-branch build's sync (the
    // test above runs that build through the buildspec; here it is set-up, run in-process).
    CommandLineRun first = syncInProcess(checkout(bump), Map.of("CODEBUILD_RESOLVED_SOURCE_VERSION", bump));
    assertThat(first.exitCode()).as(first.err()).isZero();
    String bad = commitOnOrigin("churn/3", "Bump churn-prod to churn/3");
    local.service(HostingService.class).tripAlarmAtStep("churn-prod", "churn-prod-5xx", 1);
    Path source = checkout(bad);

    Build build = runBuildspec(source, Map.of("CODEBUILD_RESOLVED_SOURCE_VERSION", bad, "REVERT_BRANCH", "revert-churn-3"));

    assertThat(build.exitCode()).as(build.log()).isNotZero();
    assertThat(build.exported().get("SYNC_RESULT")).isNotIn("succeeded", "error");
    assertThat(build.log()).contains("churn-prod-5xx")
        .contains("sagemaker-gitops: safeDeploy " + MANIFEST + ": ");
    assertThat(GitCli.runLine(source, "log", "-1", "--format=%s", "revert-churn-3")).startsWith("Revert");
    assertThat(Files.readString(source.resolve("report.html")))
        .contains("<span class=\"badge rolledBack\">rolled back</span> safeDeploy of " + MANIFEST, "churn-prod-5xx");
  }

  @Test
  @SuppressWarnings("unchecked")
  void mainBranchBuild_withFanOutProject_startsOneBatchBuildPerChangedManifestAndEachSyncsItsOwn() throws Exception {
    Path author = dir.resolve("author");
    String base;
    String head;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(author)) {
      base = repo.file("buildspec.yml", Files.readString(BUILDSPEC)).commit("Build with the buildspec");
      head = repo.file(MANIFEST, manifest("churn-prod", "churn/1"))
          .file("models/churn/canary.yaml", manifest("churn-canary", "churn/2"))
          .commit("Add churn-prod and churn-canary");
    }
    origin = dir.resolve("origin.git");
    GitCli.run(dir, "clone", "--quiet", "--bare", author.toString(), origin.toString());
    Path codeBuild = fakeCodeBuild();
    Map<String, String> variables = new HashMap<>(Map.of(
        "CODEBUILD_WEBHOOK_EVENT", "PUSH",
        "CODEBUILD_RESOLVED_SOURCE_VERSION", head,
        "CODEBUILD_WEBHOOK_PREV_COMMIT", base,
        "FANOUT_PROJECT", "models-deploy-fanout",
        "FANOUT_POLL_SECONDS", "0",
        "PATH", codeBuild + ":" + System.getenv("PATH"),
        "FAKE_CODEBUILD_DIR", codeBuild.toString()));

    Build parent = runBuildspec(checkout(head), BUILDSPEC, variables);

    assertThat(parent.exitCode()).as(parent.log()).isZero();
    assertThat(sageMaker().listEndpoints().endpoints()).as("the parent build deploys nothing itself").isEmpty();
    assertThat(parent.exported()).containsEntry("FANOUT_BATCH_ID", "models-deploy-fanout:batch-1")
        .containsEntry("SYNC_RESULT", "succeeded");
    assertThat(Files.readString(codeBuild.resolve("calls.log")))
        .contains("codebuild start-build-batch --project-name models-deploy-fanout --source-version " + head);
    Path override = codeBuild.resolve("buildspec-override.yml");
    Map<String, Object> batch = (Map<String, Object>) new Yaml().<Map<String, Object>>load(Files.readString(override))
        .get("batch");
    List<Map<String, Object>> builds = (List<Map<String, Object>>) batch.get("build-list");
    assertThat(builds).extracting(b -> b.get("identifier")).containsExactly("models_churn_canary", "models_churn_prod");

    for (Map<String, Object> entry : builds) {
      Map<String, String> child = new HashMap<>(variables);
      child.put("CODEBUILD_BATCH_BUILD_IDENTIFIER", (String) entry.get("identifier"));
      ((Map<String, Map<String, Object>>) entry.get("env")).get("variables")
          .forEach((name, value) -> child.put(name, String.valueOf(value)));
      String endpoint = child.get("MANIFESTS").equals(MANIFEST) ? "churn-prod" : "churn-canary";

      Build build = runBuildspec(checkout(head), override, child);

      assertThat(build.exitCode()).as(build.log()).isZero();
      var described = sageMaker().describeEndpoint(r -> r.endpointName(endpoint));
      assertThat(described.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
      assertThat(build.exported()).containsEntry("SYNC_RESULT", "succeeded")
          .containsEntry("ENDPOINT_CONFIGS", endpoint + "=" + described.endpointConfigName());
    }
    assertThat(sageMaker().listEndpoints().endpoints()).hasSize(2);
    List<String> javaRuns = Files.readAllLines(codeBuild.resolve("java.log"));
    assertThat(javaRuns).as("--version and the fan-out's plan, then a check and a sync in each of two builds")
        .hasSizeGreaterThanOrEqualTo(6)
        .allSatisfy(run -> assertThat(run).as("started by the launcher, not java -jar")
            .startsWith("-XX:TieredStopAtLevel=1 ").contains(" -jar " + JAR + " "));
    assertThat(javaRuns).anySatisfy(run -> assertThat(run).endsWith(" plan --base " + base + " --head " + head
        + " --format matrix --output matrix.json"));
  }

  /**
   * An {@code aws} command that answers the two CodeBuild calls the fan-out makes, with
   * {@code --query ... --output text} applied: the batch's id, then its status.
   */
  private Path fakeCodeBuild() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("fake-codebuild"));
    Path aws = bin.resolve("aws");
    Files.writeString(aws, """
        #!/bin/bash
        echo "$*" >> "$FAKE_CODEBUILD_DIR/calls.log"
        case "$2" in
          start-build-batch)
            while [ $# -gt 0 ]; do
              case "$1" in
                --project-name) project="$2" ;;
                --buildspec-override) cp "${2#file://}" "$FAKE_CODEBUILD_DIR/buildspec-override.yml" ;;
              esac
              shift
            done
            echo "$project:batch-1" ;;
          batch-get-build-batches) echo SUCCEEDED ;;
          *) echo "unexpected call: $*" >&2; exit 255 ;;
        esac
        """);
    aws.toFile().setExecutable(true);
    // Every java the builds start goes through here, so the test sees whether the tool ran through the
    // launcher (its JVM options come first) or as java -jar.
    Path java = bin.resolve("java");
    Files.writeString(java, """
        #!/bin/bash
        echo "$*" >> "$FAKE_CODEBUILD_DIR/java.log"
        exec "%s" "$@"
        """.formatted(Path.of(System.getProperty("java.home"), "bin", "java")));
    java.toFile().setExecutable(true);
    return bin;
  }

  // --- the world ---

  private void register(int version) {
    String artifact = "s3://ml-artifacts/churn/v" + version + "/model.tar.gz";
    local.service(S3Service.class).put("ml-artifacts", "churn/v" + version + "/model.tar.gz",
        ("model " + version).getBytes(StandardCharsets.UTF_8), "application/gzip");
    SageMakerClient sageMaker = sageMaker();
    if (version == 1) {
      sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName("churn"));
    }
    sageMaker.createModelPackage(r -> r.modelPackageGroupName("churn").modelApprovalStatus(ModelApprovalStatus.APPROVED)
        .inferenceSpecification(spec -> spec.containers(c -> c.image(REGISTRY + "/churn-xgb:1.4.2").modelDataUrl(artifact))
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
    local.advance(Duration.ofMinutes(1));
  }

  /** main: the manifest at churn/1; branch bump-churn-2 bumps it. Returns the bump commit; makes the origin. */
  private String authorRepository() throws IOException {
    Path author = dir.resolve("author");
    String bump;
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(author)) {
      repo.file(MANIFEST, manifest("churn/1")).commit("Add the churn model");
      repo.branch("bump-churn-2").checkout("bump-churn-2");
      bump = repo.file(MANIFEST, manifest("churn/2")).commit("Bump churn-prod to churn/2");
      repo.checkout("main");
    }
    origin = dir.resolve("origin.git");
    GitCli.run(dir, "clone", "--quiet", "--bare", author.toString(), origin.toString());
    return bump;
  }

  /** A commit on origin's main that sets the package, as a merged pull request leaves it. */
  private String commitOnOrigin(String modelPackage, String message) throws IOException {
    Path work = dir.resolve("work-" + modelPackage.replace('/', '-'));
    GitCli.run(dir, "clone", "--quiet", origin.toString(), work.toString());
    Files.writeString(work.resolve(MANIFEST), manifest(modelPackage));
    GitCli.run(work, "-c", "user.name=Dana", "-c", "user.email=dana@example.com", "commit", "--quiet", "-am", message);
    GitCli.run(work, "push", "--quiet", "origin", "HEAD:main");
    return GitCli.runLine(work, "rev-parse", "HEAD");
  }

  /** What CodeBuild checks out: a clone of the origin at the build's commit, detached. */
  private Path checkout(String commit) {
    Path source = dir.resolve("src-" + commit.substring(0, 8));
    for (int n = 2; Files.exists(source); n++) {
      source = dir.resolve("src-" + commit.substring(0, 8) + "-" + n);
    }
    GitCli.run(dir, "clone", "--quiet", origin.toString(), source.toString());
    GitCli.run(source, "checkout", "--quiet", "--detach", commit);
    return source;
  }

  private SageMakerClient sageMaker() {
    return clients.sageMaker("us-east-1");
  }

  private static String manifest(String modelPackage) {
    return manifest("churn-prod", modelPackage);
  }

  private static String manifest(String name, String modelPackage) {
    return """
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: %s
        spec:
          region: us-east-1
          image: %s/churn-xgb:1.4.2
          model:
            package: %s
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
          endpoint:
            name: %s
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
            deployment:
              strategy: canary
              canarySize: 50%%
              bake: 10m
              rollbackAlarms: [churn-prod-5xx]
        """.formatted(name, REGISTRY, modelPackage, name);
  }

  // --- CodeBuild, as far as the buildspec's commands can tell ---

  private record Build(int exitCode, String log, Map<String, String> exported) {}

  /**
   * The install, pre_build and build phases' commands in one bash process (buildspec 0.2 runs all
   * commands in the same shell instance), each checked as CodeBuild checks it: a command that fails
   * fails its phase and skips the phases after it. Then the exported variables are read.
   */
  @SuppressWarnings("unchecked")
  private Build runBuildspec(Path source, Map<String, String> codeBuild) throws Exception {
    return runBuildspec(source, BUILDSPEC, codeBuild);
  }

  @SuppressWarnings("unchecked")
  private Build runBuildspec(Path source, Path buildspecFile, Map<String, String> codeBuild) throws Exception {
    Map<String, Object> buildspec = new Yaml().load(Files.readString(buildspecFile));
    Map<String, Object> env = (Map<String, Object>) buildspec.get("env");
    Map<String, Object> phases = (Map<String, Object>) buildspec.get("phases");
    StringBuilder script = new StringBuilder();
    for (String phase : List.of("install", "pre_build", "build")) {
      List<String> commands = (List<String>) ((Map<String, Object>) phases.get(phase)).get("commands");
      for (String command : commands) {
        script.append(command).append('\n')
            .append("rc=$?; if [ $rc -ne 0 ]; then echo \"[buildspec] phase ").append(phase)
            .append(" failed with exit $rc\"; exit $rc; fi\n");
      }
    }
    for (Object name : (List<Object>) env.get("exported-variables")) {
      script.append("echo \"[exported] ").append(name).append("=${").append(name).append(":-}\"\n");
    }
    Map<String, String> variables = variables(env, source, codeBuild);
    Path scriptFile = dir.resolve("buildspec-" + System.nanoTime() + ".sh");
    Files.writeString(scriptFile, script.toString());
    ProcessBuilder builder = new ProcessBuilder("bash", scriptFile.toString()).directory(source.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(variables);
    Process process = builder.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    Map<String, String> exported = new HashMap<>();
    List<String> lines = new ArrayList<>(log.lines().toList());
    for (String line : lines) {
      if (line.startsWith("[exported] ")) {
        String assignment = line.substring("[exported] ".length());
        int equals = assignment.indexOf('=');
        exported.put(assignment.substring(0, equals), assignment.substring(equals + 1));
      }
    }
    return new Build(process.exitValue(), log, exported);
  }

  /** The build's variables: the buildspec's own ({@code env.variables}), then CodeBuild's, then the test's. */
  @SuppressWarnings("unchecked")
  private Map<String, String> variables(Map<String, Object> env, Path source, Map<String, String> codeBuild) {
    Map<String, String> variables = new LinkedHashMap<>();
    ((Map<String, Object>) env.get("variables")).forEach((k, v) -> variables.put(k, String.valueOf(v)));
    variables.put("SAGEMAKER_GITOPS_JAR", JAR.toString());
    variables.put("CODEBUILD_SRC_DIR", source.toString());
    variables.put("CODEBUILD_BUILD_ID", "models-deploy:1f2e3d4c");
    variables.put("CODEBUILD_BUILD_URL", "https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/models-deploy/build/1f2e3d4c");
    variables.put("AWS_ENDPOINT_URL", local.endpoint().toString());
    variables.put("AWS_REGION", "us-east-1");
    variables.put(LocalSimulatedTime.VARIABLE, "local");
    variables.putAll(codeBuild);
    return variables;
  }

  /**
   * The deploy build's {@code sync} line of buildspec.yml, run by the command line in-process with
   * that build's variables as its environment and the local control plane's time: set-up for a test
   * whose subject is the build after it. The buildspec's own options; endpoint and region, which the
   * process reads from the environment, as options.
   */
  @SuppressWarnings("unchecked")
  private CommandLineRun syncInProcess(Path source, Map<String, String> codeBuild) throws IOException {
    Map<String, Object> env = (Map<String, Object>) new Yaml().<Map<String, Object>>load(Files.readString(BUILDSPEC))
        .get("env");
    Map<String, String> variables = variables(env, source, codeBuild);
    LocalSimulatedTime time = new LocalSimulatedTime(local.endpoint());
    CommandRuntime runtime = new CommandRuntime(time, time, variables, CommandRuntime.polling(variables), new Random(1),
        List.of());
    return CommandLineRun.of(runtime, "sync", "--repo", source.toString(), "--endpoint-url", variables.get("AWS_ENDPOINT_URL"),
        "--region", variables.get("AWS_REGION"), "--ref", variables.get("CODEBUILD_RESOLVED_SOURCE_VERSION"), "--json",
        "--record-dir", source.resolve(variables.get("RECORD_DIR")).toString(), "--parallel", variables.get("SYNC_PARALLEL"));
  }
}
