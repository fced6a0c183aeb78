package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.s3.S3Service;
import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * What command-line tests run against: the local control plane on a virtual clock, a real Git
 * repository of manifests, and {@link #run}, which runs the real command line in-process with a
 * runtime whose sleeper advances the virtual clock (an hour's bake in milliseconds), its calls
 * logged, pointed at the control plane with {@code --endpoint-url}.
 */
final class LocalWorld implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final String REGISTRY = LocalControlPlane.DEFAULT_ACCOUNT_ID + ".dkr.ecr." + REGION + ".amazonaws.com";
  static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private final LocalControlPlane local;
  private final GitRepositoryBuilder repository;
  private final Path directory;
  private final CallLog calls = new CallLog();
  private Map<String, String> environment = Map.of();
  private SageMakerClient sageMaker;
  private SageMakerRuntimeClient runtimeClient;

  private LocalWorld(LocalControlPlane local, GitRepositoryBuilder repository, Path directory) {
    this.local = local;
    this.repository = repository;
    this.directory = directory;
  }

  static LocalWorld create(Path directory) {
    LocalControlPlane local = LocalControlPlane.builder().clock(SimulationClock.virtual(START)).seed(42)
        .standardServices().start();
    return new LocalWorld(local, GitRepositoryBuilder.init(directory), directory);
  }

  LocalControlPlane local() {
    return local;
  }

  Path repository() {
    return directory;
  }

  GitRepositoryBuilder git() {
    return repository;
  }

  CallLog calls() {
    return calls;
  }

  /** Environment variables the commands see (for CI detection); none by default. */
  void environment(Map<String, String> variables) {
    environment = Map.copyOf(variables);
  }

  String commit(String path, String text, String message) {
    return repository.file(path, text).commit(message);
  }

  /** Publishes {@code repository:tag} to the local ECR; returns the full tag reference. */
  String publishImage(String name, String tag) {
    local.service(EcrService.class).publish(REGION, name, tag);
    return REGISTRY + "/" + name + ":" + tag;
  }

  void putObject(String bucket, String key, String content) {
    local.service(S3Service.class).put(bucket, key, content.getBytes(StandardCharsets.UTF_8), "text/csv");
  }

  /** The runtime of {@link #run}, with {@code sleeper} instead of the one that advances the virtual clock. */
  CommandRuntime runtime(Sleeper sleeper) {
    return new CommandRuntime(local.clock(), sleeper, environment, PollingPolicy.defaults().withoutJitter(),
        new Random(7), List.of(calls));
  }

  CommandRuntime runtime() {
    return runtime(local::advance);
  }

  /** Runs {@code args} against this world: {@code --repo} and {@code --endpoint-url} are added. */
  CommandLineRun run(String... args) {
    return run(runtime(), args);
  }

  CommandLineRun run(CommandRuntime runtime, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--repo", directory.toString(), "--endpoint-url", local.endpoint().toString(),
        "--region", REGION));
    return CommandLineRun.of(runtime, all.toArray(new String[0]));
  }

  /** Runs {@code args} with only the AWS options added: commands that read no repository ({@code explain}). */
  CommandLineRun runAws(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--endpoint-url", local.endpoint().toString(), "--region", REGION));
    return CommandLineRun.of(runtime(), all.toArray(new String[0]));
  }

  /** Runs {@code args} with only {@code --repo} added: commands that call no AWS service. */
  CommandLineRun runWithoutAws(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--repo", directory.toString()));
    return CommandLineRun.of(runtime(), all.toArray(new String[0]));
  }

  /** A rollback alarm on the endpoint's 5xx errors, as a team's own tooling would create it. */
  void createAlarm(String name, String endpoint) {
    try (CloudWatchClient cloudWatch = CloudWatchClient.builder().endpointOverride(local.endpoint())
        .region(Region.of(REGION)).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
        .build()) {
      cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("AWS/SageMaker").metricName("Invocation5XXErrors")
          .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(1.0)
          .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("notBreaching")
          .dimensions(d -> d.name("EndpointName").value(endpoint)));
    }
  }

  HostingService hosting() {
    return local.service(HostingService.class);
  }

  /**
   * A sleeper that advances the virtual clock and sends {@code endpoint} {@code perMinute} CSV
   * requests at every whole minute it passes, as live callers would (a shadow test compares them).
   */
  Sleeper withTraffic(String endpoint, int perMinute) {
    return duration -> {
      Instant target = local.clock().instant().plus(duration);
      Instant minute = local.clock().instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
      while (!minute.isAfter(target)) {
        local.advance(Duration.between(local.clock().instant(), minute));
        for (int i = 0; i < perMinute; i++) {
          invoke(endpoint, (i % 7) + ".5," + (i % 3) + ".25\n");
        }
        minute = minute.plus(Duration.ofMinutes(1));
      }
      local.advance(Duration.between(local.clock().instant(), target));
    };
  }

  private void invoke(String endpoint, String csv) {
    if (runtimeClient == null) {
      runtimeClient = SageMakerRuntimeClient.builder().endpointOverride(local.endpoint()).region(Region.of(REGION))
          .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }
    try {
      runtimeClient.invokeEndpoint(r -> r.endpointName(endpoint).contentType("text/csv")
          .body(SdkBytes.fromUtf8String(csv)));
    } catch (RuntimeException e) {
      // No endpoint yet, or one that is updating: a caller's request fails, traffic goes on.
    }
  }

  /** A SageMaker client of the control plane, for what a test checks after a command. */
  SageMakerClient sageMaker() {
    if (sageMaker == null) {
      sageMaker = SageMakerClient.builder().endpointOverride(local.endpoint()).region(Region.of(REGION))
          .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }
    return sageMaker;
  }

  /** The tags of a SageMaker resource. */
  Map<String, String> tags(String arn) {
    Map<String, String> tags = new TreeMap<>();
    sageMaker().listTags(r -> r.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  @Override
  public void close() {
    if (sageMaker != null) {
      sageMaker.close();
    }
    if (runtimeClient != null) {
      runtimeClient.close();
    }
    try {
      repository.close();
    } finally {
      local.close();
    }
  }
}
