package dev.sagemakergitops.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The build's training run for the class-data-sharing archive next to the jar
 * ({@code target/sagemaker-gitops.jsa}, used by the {@code target/sagemaker-gitops} launcher): runs
 * {@code validate} and {@code plan} in every format on a throw-away two-commit repository, so that
 * the classes a real run loads are recorded. Not a command; the output is discarded.
 */
final class CdsTraining {
  private static final String MANIFEST = """
      apiVersion: sagemaker-gitops/v1
      kind: ModelDeployment
      metadata:
        name: churn-prod
        labels: {team: growth}
      spec:
        region: us-east-1
        image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2
        training:
          roleArn: arn:aws:iam::123456789012:role/sm-training
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
          executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
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
      """;

  private CdsTraining() {}

  public static void main(String[] args) throws IOException, GitAPIException {
    Path repo = Files.createTempDirectory("sagemaker-gitops-cds");
    PrintStream out = System.out;
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (int version = 7; version <= 8; version++) {
        Path file = repo.resolve("models/churn/prod.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, MANIFEST.replace("VERSION", Integer.toString(version)), StandardCharsets.UTF_8);
        git.add().addFilepattern(".").call();
        git.commit().setMessage("Deploy churn " + version).setSign(false)
            .setAuthor("ci", "ci@example.com").setCommitter("ci", "ci@example.com").call();
      }
      System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
      String dir = repo.toString();
      Main.run("--version");
      Main.run("validate", "--offline", "--repo", dir);
      Main.run("validate", "--offline", "--repo", dir, "--format", "json");
      for (String format : new String[] {"text", "markdown", "json"}) {
        Main.run("plan", "--offline", "--repo", dir, "--base", "HEAD~1", "--format", format);
      }
    } finally {
      System.setOut(out);
      try (Stream<Path> files = Files.walk(repo)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
