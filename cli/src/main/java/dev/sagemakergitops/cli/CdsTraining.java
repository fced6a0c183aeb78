package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.seed.AccountSeed;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.protocol.RequestValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The build's training run for the class-data-sharing archive next to the jar
 * ({@code target/sagemaker-gitops.jsa}, used by the {@code target/sagemaker-gitops} launcher): runs
 * the commands a pipeline runs most, so that the classes a real run loads are recorded (the archive
 * holds them parsed and verified; see docs/benchmarks.md, "Cold start"). Not a command; the output
 * is discarded, and a command that does not end as expected fails the build with its output.
 *
 * <ol>
 *   <li>offline, on a throw-away two-commit repository: {@code --version}, {@code --help},
 *       {@code validate --offline} and {@code plan --offline} in every format;
 *   <li>against a local control plane in this process, on a loopback port and a virtual clock read
 *       and moved through {@link LocalSimulatedTime} (no network beyond loopback, no AWS account,
 *       no real waiting): {@code validate} and {@code plan} reading ECR, SageMaker and CloudWatch; a
 *       {@code deploy} that creates the endpoint (canary, bake, alarms, auto scaling); a
 *       {@code deploy} that changes nothing; {@code explain}, {@code status} and {@code sync}. This
 *       loads the SDK's SageMaker, ECR, CloudWatch and Application Auto Scaling clients, their
 *       protocols, the credential and region chains and the URLConnection HTTP client.
 * </ol>
 *
 * <p>Credentials, the AWS configuration files, the region and the endpoint are set here, as system
 * properties (which the SDK reads before the environment and the profile), so nothing in the
 * builder's environment or {@code ~/.aws} reaches AWS or changes what is recorded.
 */
final class CdsTraining {
  private static final String REGION = "us-east-1";
  private static final String ENDPOINT = "churn-prod";
  private static final String PATH = "models/churn/prod.yaml";
  private static final String ACCOUNT = LocalControlPlane.DEFAULT_ACCOUNT_ID;
  private static final String IMAGE = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/churn-xgb:1.4.2";
  private static final String ALARM = "churn-prod-5xx";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private static final String MANIFEST = """
      apiVersion: sagemaker-gitops/v1
      kind: ModelDeployment
      metadata:
        name: churn-prod
        labels: {team: growth}
      spec:
        region: us-east-1
        image: IMAGE
        training:
          roleArn: arn:aws:iam::ACCOUNT:role/sm-training
          instanceType: ml.m5.xlarge
          instanceCount: 1
          maxRuntime: 2h
          inputs:
            train: s3://ml-data/churn/train/
          outputS3Uri: s3://ml-artifacts/churn/
          hyperparameters: {max_depth: 6}
        registry: {group: churn, approval: PendingManualApproval}
        model:
          package: churn/VERSION
          executionRoleArn: arn:aws:iam::ACCOUNT:role/sm-execution
          environment: {SAGEMAKER_PROGRAM: inference.py}
        endpoint:
          name: churn-prod
          variants:
            - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
          autoscaling: {minCapacity: 2, maxCapacity: 8, maxRps: 40, safetyFactor: 0.5}
          dataCapture: {s3Uri: s3://ml-capture/churn/, samplingPercent: 20}
          deployment: {strategy: canary, canarySize: 50%, bake: 10m, rollbackAlarms: [churn-prod-5xx]}
        shadowTest: {samplingPercent: 20, duration: 1h, compare: {maxLatencyIncreasePercent: 10, maxErrorRatePercent: 1}, onPass: promote}
        batchTransforms:
          nightly:
            input: {s3Uri: s3://ml-data/churn/score/, contentType: text/csv}
            output: {s3Uri: s3://ml-predictions/churn/}
            instanceType: ml.m5.xlarge
            instanceCount: 1
      """.replace("IMAGE", IMAGE).replace("ACCOUNT", ACCOUNT);

  private CdsTraining() {}

  public static void main(String[] args) throws IOException, GitAPIException {
    Path repo = Files.createTempDirectory("sagemaker-gitops-cds");
    PrintStream out = System.out;
    try {
      commit(repo);
      System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
      offline(repo.toString());
      online(repo.toString());
    } finally {
      System.setOut(out);
      try (Stream<Path> files = Files.walk(repo)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Two commits of the manifest: package versions 1, then 2. */
  private static void commit(Path repo) throws IOException, GitAPIException {
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (int version = 1; version <= 2; version++) {
        Path file = repo.resolve(PATH);
        Files.createDirectories(java.util.Objects.requireNonNull(file.getParent(), PATH));
        Files.writeString(file, MANIFEST.replace("VERSION", Integer.toString(version)), StandardCharsets.UTF_8);
        git.add().addFilepattern(".").call();
        git.commit().setMessage("Deploy churn " + version).setSign(false)
            .setAuthor("ci", "ci@example.com").setCommitter("ci", "ci@example.com").call();
      }
    }
  }

  /** What runs without AWS, through {@link Main#run} as the process does. */
  private static void offline(String dir) {
    Main.run("--version");
    Main.run("--help");
    Main.run("help", "deploy");
    Main.run("validate", "--offline", "--repo", dir);
    Main.run("validate", "--offline", "--repo", dir, "--format", "json");
    for (String format : new String[] {"text", "markdown", "json"}) {
      Main.run("plan", "--offline", "--repo", dir, "--base", "HEAD~1", "--format", format);
    }
  }

  /**
   * The reads and a deploy against a local control plane whose clock the commands read and move
   * over HTTP. Endpoint and region come as a pipeline's usually do, from the SDK's settings
   * ({@code AWS_ENDPOINT_URL} and {@code AWS_REGION}, here their system properties, which outrank
   * the environment), so that the region and endpoint chains are recorded too; one run uses the
   * options instead.
   */
  private static void online(String dir) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    System.setProperty("aws.configFile", Path.of(dir, ".git", "no-aws-config").toString());
    System.setProperty("aws.sharedCredentialsFile", Path.of(dir, ".git", "no-aws-credentials").toString());
    System.setProperty("aws.region", REGION);
    // The control plane checks no request against the botocore models (that is the tests' job) and
    // so does not read them: training time only.
    try (LocalControlPlane plane = LocalControlPlane.builder().clock(SimulationClock.virtual(
        Instant.parse("2026-11-02T09:00:00Z"))).seed(1).validator(RequestValidator.NONE).standardServices().start()) {
      System.setProperty("aws.endpointUrl", plane.endpoint().toString());
      seed(plane);
      LocalSimulatedTime time = new LocalSimulatedTime(plane.endpoint());
      CommandRuntime runtime = new CommandRuntime(time, time, Map.of(), PollingPolicy.defaults(), new Random(1),
          List.of());
      String[] repo = {"--repo", dir};
      run(runtime, List.of("validate"), repo);
      run(runtime, List.of("validate", "--format", "json"), repo);
      run(runtime, List.of("plan", "--base", "HEAD~1"), repo);
      run(runtime, List.of("plan", "--base", "HEAD~1", "--format", "json"), repo);
      // The endpoint's first deploy creates model, configuration and endpoint; the next ones change nothing.
      run(runtime, List.of("deploy", PATH), repo);
      run(runtime, List.of("deploy", PATH), repo);
      run(runtime, List.of("deploy", "--json", PATH), repo);
      run(runtime, List.of("explain", ENDPOINT));
      run(runtime, List.of("explain", "--json", ENDPOINT), new String[] {"--endpoint-url",
          plane.endpoint().toString(), "--region", REGION});
      run(runtime, List.of("status"), repo);
      run(runtime, List.of("status", "--json"), repo);
      run(runtime, List.of("sync"), repo);
    } finally {
      System.clearProperty("aws.endpointUrl");
    }
  }

  /** The image in ECR, the rollback alarm, and approved package versions 1 and 2 of group churn. */
  private static void seed(LocalControlPlane plane) {
    plane.service(EcrService.class).publish(REGION, "churn-xgb", "1.4.2");
    try (AwsClients clients = AwsClients.create(new AwsSettings(REGION, null, plane.endpoint(), null, null, null),
        CREDENTIALS, List.of())) {
      AccountSeed account = new AccountSeed(clients);
      account.put(REGION, new AccountSeed.EndpointAlarm(ALARM, ENDPOINT, "Invocation5XXErrors", "Average", 1.0,
          "notBreaching"));
      account.approvedVersions(REGION, "churn", IMAGE, List.of("s3://ml-artifacts/churn/v1/model.tar.gz",
          "s3://ml-artifacts/churn/v2/model.tar.gz"));
    }
    // The registry validates a new version for a few seconds before it is Completed.
    plane.advance(Duration.ofSeconds(10));
  }

  /** Runs one command line with {@code runtime}; anything but exit code 0 fails the training with its output. */
  private static void run(CommandRuntime runtime, List<String> command, String[]... options) {
    List<String> args = new ArrayList<>(command.subList(0, 1));
    for (String[] group : options) {
      args.addAll(List.of(group));
    }
    args.addAll(command.subList(1, command.size()));
    StringWriter output = new StringWriter();
    String[] line = args.toArray(new String[0]);
    // The tree a process builds for this line (Main.run's), so the archive holds what a run loads.
    CommandLine commandLine = Main.commandLine(runtime, line);
    commandLine.setOut(new PrintWriter(output, true));
    commandLine.setErr(new PrintWriter(output, true));
    int code = commandLine.execute(line);
    if (code != ExitCode.SUCCESS.code()) {
      throw new IllegalStateException("CDS training: sagemaker-gitops " + String.join(" ", args) + " exited with "
          + code + ":\n" + output);
    }
  }
}
