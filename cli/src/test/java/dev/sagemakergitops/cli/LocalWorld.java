package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.s3.S3Service;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

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

  private final LocalControlPlane local;
  private final GitRepositoryBuilder repository;
  private final Path directory;
  private final CallLog calls = new CallLog();
  private Map<String, String> environment = Map.of();
  private SageMakerClient sageMaker;

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

  /** Runs {@code args} with only {@code --repo} added: commands that call no AWS service. */
  CommandLineRun runWithoutAws(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--repo", directory.toString()));
    return CommandLineRun.of(runtime(), all.toArray(new String[0]));
  }

  /** A SageMaker client of the control plane, for what a test checks after a command. */
  SageMakerClient sageMaker() {
    if (sageMaker == null) {
      sageMaker = SageMakerClient.builder().endpointOverride(local.endpoint()).region(Region.of(REGION))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .httpClient(UrlConnectionHttpClient.create()).build();
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
    try {
      repository.close();
    } finally {
      local.close();
    }
  }
}
