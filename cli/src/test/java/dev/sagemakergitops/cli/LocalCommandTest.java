package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

class LocalCommandTest {
  @TempDir Path dir;

  @Test
  void local_whenSeeded_servesTheSeededImagesAndAlarmsUntilStopped() throws Exception {
    Path seed = dir.resolve("seed.yaml");
    Files.writeString(seed, """
        region: eu-west-1
        images:
          - {repository: churn-xgb, tags: [1.4.2, 1.5.0]}
        alarms:
          - {name: churn-prod-5xx, endpoint: churn-prod, threshold: 2}
        """);
    LocalCommand command = new LocalCommand();
    CommandLine commandLine = new CommandLine(command);
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> commandLine.execute("--port", "0", "--seed", seed.toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (command.running == null && !exit.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(command.running).as("the control plane started; output: %s", out).isNotNull();
    var endpoint = command.running.endpoint();
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    try (EcrClient ecr = EcrClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
            .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        CloudWatchClient cloudWatch = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
            .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
      assertThat(ecr.describeImages(r -> r.repositoryName("churn-xgb")).imageDetails())
          .flatExtracting(d -> d.imageTags()).containsExactlyInAnyOrder("1.4.2", "1.5.0");
      assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("churn-prod-5xx")).metricAlarms())
          .singleElement().satisfies(a -> assertThat(a.threshold()).isEqualTo(2.0));
    }
    assertThat(out.toString()).contains("export AWS_ENDPOINT_URL=" + endpoint)
        .contains("seeded image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-xgb:1.4.2 -> sha256:");

    command.stop.countDown();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void local_whenGivenAConsistencyDelay_hidesANewModelForThatLong() throws Exception {
    LocalCommand command = new LocalCommand();
    CommandLine commandLine = new CommandLine(command);
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> commandLine.execute("--port", "0", "--consistency-delay", "10m"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (command.running == null && !exit.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(command.running).as("the control plane started; output: %s", out).isNotNull();

    try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(command.running.endpoint())
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
      sageMaker.createModel(r -> r.modelName("m").executionRoleArn("arn:aws:iam::123456789012:role/sm")
          .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1")));

      // Ten simulated minutes are ten real seconds at the default time scale: still invisible now.
      assertThatThrownBy(() -> sageMaker.describeModel(r -> r.modelName("m")))
          .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
              .startsWith("Could not find model"));
    }
    assertThat(out.toString()).contains("consistency delay 600 s");
    command.stop.countDown();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void local_whenSeedHasUnknownKey_exitsTwoNamingTheEntry() throws Exception {
    Path seed = dir.resolve("seed.yaml");
    Files.writeString(seed, "images:\n  - {repo: churn-xgb, tags: [1.0]}\n");

    CommandLineRun run = CommandLineRun.of("local", "--port", "0", "--seed", seed.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("seed.yaml: images[0]: unknown key 'repo'");
  }
}
