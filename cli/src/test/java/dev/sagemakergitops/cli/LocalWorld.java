package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.replay.InputLog;
import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.world.LocalCloud;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * What command-line tests run against: the testkit's {@link LocalCloud} (the local control plane on
 * a virtual clock), a real Git repository of manifests, and {@link #run}, which runs the real command line in-process with a
 * runtime whose sleeper advances the virtual clock (an hour's bake in milliseconds), its calls
 * logged, pointed at the control plane with {@code --endpoint-url}.
 */
final class LocalWorld implements AutoCloseable {
  static final String REGION = LocalCloud.REGION;
  static final String REGISTRY = LocalCloud.REGISTRY;
  static final Instant START = LocalCloud.START;

  private final LocalCloud cloud;
  private final LocalControlPlane local;
  private final GitRepositoryBuilder repository;
  private final Path directory;
  private final CallLog calls = new CallLog();
  private Map<String, String> environment = Map.of();
  private boolean recording;

  private LocalWorld(LocalCloud cloud, GitRepositoryBuilder repository, Path directory) {
    this.cloud = cloud;
    this.local = cloud.local();
    this.repository = repository;
    this.directory = directory;
  }

  static LocalWorld create(Path directory) {
    return new LocalWorld(LocalCloud.start(), GitRepositoryBuilder.init(directory), directory);
  }

  /**
   * A world on a fresh control plane around the Git repository already in {@code directory} (a
   * {@link WorldSnapshot}'s restored files).
   */
  static LocalWorld open(Path directory) {
    return new LocalWorld(LocalCloud.start(), GitRepositoryBuilder.open(directory), directory);
  }

  /**
   * From now on the control plane records its inputs ({@link LocalControlPlane#recordInputs}), and
   * this world refuses the changes it would make beside them, directly in Java ({@link
   * #publishImage}, {@link #putObject}, {@link #hosting}, {@link #cloud}): a replay could not bring
   * those along, so a world restored from the recording would silently lack them.
   */
  InputLog recordInputs() {
    recording = true;
    return local.recordInputs();
  }

  private void changeBesideTheCalls(String what) {
    if (recording) {
      throw new IllegalStateException(what + " changes the control plane beside its calls, which its recording of"
          + " inputs does not see: do it before the recording starts (a WorldSnapshot's unrecorded preparation)");
    }
  }

  LocalControlPlane local() {
    return local;
  }

  /** The world beneath: SDK clients, model packages, alarms, traffic. */
  LocalCloud cloud() {
    changeBesideTheCalls("cloud()");
    return cloud;
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
    changeBesideTheCalls("publishImage");
    return cloud.publishImage(name, tag);
  }

  void putObject(String bucket, String key, String content) {
    changeBesideTheCalls("putObject");
    cloud.putObject(bucket, key, content, "text/csv");
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
    cloud.createAlarm(name, endpoint);
  }

  HostingService hosting() {
    changeBesideTheCalls("hosting()");
    return local.service(HostingService.class);
  }

  /**
   * A sleeper that advances the virtual clock and sends {@code endpoint} {@code perMinute} CSV
   * requests at every whole minute it passes, as live callers would (a shadow test compares them).
   */
  Sleeper withTraffic(String endpoint, int perMinute) {
    return duration -> cloud.advanceWithTraffic(duration, endpoint, perMinute);
  }

  /** A SageMaker client of the control plane, for what a test checks after a command. */
  SageMakerClient sageMaker() {
    return cloud.sageMaker();
  }

  /** The tags of a SageMaker resource. */
  Map<String, String> tags(String arn) {
    Map<String, String> tags = new TreeMap<>();
    sageMaker().listTags(r -> r.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  @Override
  public void close() {
    try {
      repository.close();
    } finally {
      cloud.close();
    }
  }
}
