package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.cli.FleetCommandLine;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/**
 * A fleet of the fleet benchmark on a fresh control plane: {@code size} manifests, each its own
 * endpoint with a canary deployment and a rollback alarm, all deployed at churn/1 before anything is
 * measured. The plane's clock is virtual, or with {@link FleetCommandLine.Waits#sleeps()} real time
 * sped up by the scale ({@code SimulationClock.scaled}); the set-up (alarms, packages, the first
 * sync that creates the endpoints) always waits by moving the plane's clock, which shifts a scaled
 * one forward, so a slow scale costs no set-up time. The measured syncs wait as {@code waits} says.
 */
final class Fleet implements AutoCloseable {
  static final String REGION = "us-east-1";
  private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
  private static final String ROLE = "arn:aws:iam::" + LocalControlPlane.DEFAULT_ACCOUNT_ID + ":role/sm-execution";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private final LocalControlPlane plane;
  private final FleetCommandLine.Waits waits;
  private final Path directory;
  private final GitRepositoryBuilder repository;
  private final List<String> names = new ArrayList<>();
  private final String image;
  private final FleetCallCounter calls;
  private String lastCommit;

  Fleet(int size) throws IOException {
    this(size, FleetCommandLine.Waits.ADVANCE);
  }

  Fleet(int size, FleetCommandLine.Waits waits) throws IOException {
    this.waits = waits;
    SimulationClock clock = waits.sleeps() ? SimulationClock.scaled(waits.scale()) : SimulationClock.virtual(START);
    plane = LocalControlPlane.builder().clock(clock).seed(42).standardServices().start();
    calls = new FleetCallCounter(plane);
    directory = Files.createTempDirectory("fleet-benchmark");
    repository = GitRepositoryBuilder.init(directory);
    plane.service(EcrService.class).publish(REGION, "churn-xgb", "1.4.2");
    image = LocalControlPlane.DEFAULT_ACCOUNT_ID + ".dkr.ecr." + REGION + ".amazonaws.com/churn-xgb:1.4.2";
    for (int i = 1; i <= size; i++) {
      names.add("fleet-" + i);
    }
    try (SageMakerClient sageMaker = sageMaker(); CloudWatchClient cloudWatch = CloudWatchClient.builder()
        .endpointOverride(plane.endpoint()).region(Region.of(REGION)).credentialsProvider(CREDENTIALS).build()) {
      sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName("churn"));
      for (int v = 1; v <= 2; v++) {
        String artifact = "s3://ml-artifacts/churn/v" + v + "/model.tar.gz";
        sageMaker.createModelPackage(r -> r.modelPackageGroupName("churn")
            .modelApprovalStatus(ModelApprovalStatus.APPROVED)
            .inferenceSpecification(s -> s.containers(c -> c.image(image).modelDataUrl(artifact))
                .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
      }
      for (String name : names) {
        cloudWatch.putMetricAlarm(r -> r.alarmName(name + "-5xx").namespace("AWS/SageMaker")
            .metricName("Invocation5XXErrors").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
            .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData("notBreaching").dimensions(d -> d.name("EndpointName").value(name)));
      }
    }
    plane.advance(Duration.ofSeconds(10));
    bump(names, "churn/1");
    FleetCommandLine.Run created = FleetCommandLine.run(plane, FleetCommandLine.Waits.ADVANCE, directory, REGION,
        calls, "sync", "--parallel", "32", "models/fleet");
    if (created.exitCode() != 0) {
      throw new IllegalStateException("the fleet's first sync failed (exit " + created.exitCode() + "):\n"
          + created.err());
    }
  }

  List<String> names() {
    return names;
  }

  FleetCommandLine.Waits waits() {
    return waits;
  }

  static String path(String name) {
    return "models/fleet/" + name + ".yaml";
  }

  /** CPU time of every thread of this JVM so far (the command line's, the control plane's, the JIT's, the GC's). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static String minutes(Duration duration) {
    return String.format("%.1f min", duration.toMillis() / 60_000.0);
  }

  SageMakerClient sageMaker() {
    return SageMakerClient.builder().endpointOverride(plane.endpoint()).region(Region.of(REGION))
        .credentialsProvider(CREDENTIALS).build();
  }

  void bump(List<String> which, String modelPackage) {
    for (String name : which) {
      repository.file(path(name), manifest(name, modelPackage));
    }
    lastCommit = repository.commit("Serve " + modelPackage + " on " + which.size() + " endpoint(s)");
  }

  Measured bumpAll(String modelPackage, int parallel) {
    bump(names, modelPackage);
    return measure("sync", "--parallel", "" + parallel, "models/fleet");
  }

  /** One commit that gives fleet-1 {@code firstPackage} and every other endpoint {@code othersPackage}, then a sync. */
  Measured bumpEveryOne(String firstPackage, String othersPackage, int parallel) {
    repository.file(path(names.get(0)), manifest(names.get(0), firstPackage));
    for (String name : names.subList(1, names.size())) {
      repository.file(path(name), manifest(name, othersPackage));
    }
    lastCommit = repository.commit("Serve " + firstPackage + " on " + names.get(0) + " and " + othersPackage
        + " on the rest");
    return measure("sync", "--parallel", "" + parallel, "models/fleet");
  }

  Measured measure(String... args) {
    calls.reset();
    System.gc();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    int threadsBefore = threads.getThreadCount();
    threads.resetPeakThreadCount();
    HeapSampler sampler = new HeapSampler(memory);
    // The clock is read right beside the wall time, so that on a scaled clock simulated / (wall x scale)
    // is 1 unless something moved the clock.
    long cpuStart = processCpuNanos();
    Instant start = plane.clock().instant();
    long wallStart = System.nanoTime();
    FleetCommandLine.Run run = FleetCommandLine.run(plane, waits, directory, REGION, calls, args);
    Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
    Duration simulated = Duration.between(start, plane.clock().instant());
    Duration cpu = Duration.ofNanos(processCpuNanos() - cpuStart);
    long heapPeak = sampler.stop();
    int threadsAdded = threads.getPeakThreadCount() - threadsBefore - 1; // not the sampler
    System.gc();
    long heapLive = memory.getHeapMemoryUsage().getUsed();
    if (run.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed (exit " + run.exitCode() + "):\n" + run.err());
    }
    int endpoints = args.length > 2 ? names.size() : 1;
    return new Measured(simulated, wall, cpu, calls.total(), calls.peakPerSimulatedSecond(), calls.peakPerWallSecond(),
        heapPeak, heapLive, threadsAdded, endpoints, calls.byOperation());
  }

  /** The endpoints InService whose lineage tags name the last commit (the one that bumped them). */
  long inServiceOnLastCommit() {
    try (SageMakerClient sageMaker = sageMaker()) {
      return names.stream().filter(name -> {
        var endpoint = sageMaker.describeEndpoint(r -> r.endpointName(name));
        return endpoint.endpointStatus() == EndpointStatus.IN_SERVICE && sageMaker.listTags(r -> r.resourceArn(
            endpoint.endpointArn())).tags().stream().anyMatch(tag -> tag.value().equals(lastCommit));
      }).count();
    }
  }

  private String manifest(String name, String modelPackage) {
    return "apiVersion: sagemaker-gitops/v1\n"
        + "kind: ModelDeployment\n"
        + "metadata:\n"
        + "  name: " + name + "\n"
        + "spec:\n"
        + "  region: " + REGION + "\n"
        + "  image: " + image + "\n"
        + "  model:\n"
        + "    package: " + modelPackage + "\n"
        + "    executionRoleArn: " + ROLE + "\n"
        + "  endpoint:\n"
        + "    name: " + name + "\n"
        + "    variants:\n"
        + "      - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}\n"
        + "    deployment: {strategy: canary, canarySize: 50%, bake: 10m, rollbackAlarms: [" + name + "-5xx]}\n";
  }

  @Override
  public void close() {
    repository.close();
    plane.close();
  }

  /** One measured sync. */
  record Measured(Duration simulated, Duration wall, Duration cpu, long calls, Map<String, Long> peakSimulated,
      Map<String, Long> peakWall, long heapPeak, long heapLive, int threadsAdded, int endpoints,
      Map<String, Long> byOperation) {
    String row(int size, int parallel) {
      return "| " + size + " | " + parallel + " | " + minutes(simulated) + " | " + String.format("%.1f s",
          wall.toMillis() / 1000.0) + " | " + String.format("%.1f", (double) calls / endpoints) + " | "
          + peaks(peakSimulated) + " | " + peaks(peakWall) + " | " + (heapPeak >> 20) + " MiB / " + (heapLive >> 20)
          + " MiB | " + threadsAdded + " |";
    }

    private static String peaks(Map<String, Long> peaks) {
      return peaks.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
  }

  /** Samples the heap in use every 100 ms until stopped; the highest sample. */
  private static final class HeapSampler {
    private final Thread thread;
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;

    HeapSampler(MemoryMXBean memory) {
      thread = new Thread(() -> {
        while (running) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "fleet-benchmark-heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    long stop() {
      running = false;
      thread.interrupt();
      return peak.get();
    }
  }
}
