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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The fleet benchmark (issue 17, docs/benchmarks.md, section "Fleet"): {@code sync --parallel N} of
 * a commit that bumps every endpoint of a fleet, run by the real command line in-process on the
 * local control plane's virtual clock, for each fleet size and each N. Prints, per run: the
 * simulated duration, the wall time, AWS calls per endpoint, the peak calls per second per service
 * (per simulated second, what AWS would see, and per wall second), the heap (peak sampled, and live
 * after a full GC at the end) and the threads the sync added. Then the goal: 40 bumped
 * endpoints at {@code --parallel 8} against one deployment, simulated and wall time, as ratios
 * measured in the same run, with the calls of each by API (per endpoint for the 40).
 *
 * <p>Options: {@code --sizes 10,100,500} {@code --parallel 1,8,32} {@code --goal-only} {@code --no-goal}
 * {@code --goal-runs N} (the goal N times, each on a fleet of its own, then the median ratio: one run
 * is noisy on a shared machine) {@code --profile FILE} (a flight recording of each goal run's two
 * measured syncs, {@code FILE-<run>.jfr}).
 * The control plane and the command line share the JVM, so the heap and thread figures include the
 * control plane's; the thread figure is the peak during the sync minus the threads before it.
 */
public final class FleetBenchmark {
  private static final String REGION = "us-east-1";
  private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
  private static final String ROLE = "arn:aws:iam::" + LocalControlPlane.DEFAULT_ACCOUNT_ID + ":role/sm-execution";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(10, 100, 500);
    List<Integer> parallels = List.of(1, 8, 32);
    boolean goal = true;
    boolean table = true;
    int goalRuns = 1;
    String profile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" -> sizes = numbers(args[++i]);
        case "--parallel" -> parallels = numbers(args[++i]);
        case "--goal-only" -> table = false;
        case "--no-goal" -> goal = false;
        case "--goal-runs" -> goalRuns = Integer.parseInt(args[++i]);
        case "--profile" -> profile = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; expected --sizes 10,100,500 --parallel 1,8,32 --goal-only --no-goal --goal-runs N --profile FILE");
      }
    }
    // The command line takes its credentials from the SDK's default chain; the control plane accepts any.
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    BenchmarkMachine.print(BenchmarkMachine.describe());
    if (table) {
      System.out.println();
      System.out.println("| endpoints | --parallel | simulated | wall | AWS calls per endpoint | peak calls/s per service (simulated s) | peak calls/s per service (wall s) | heap peak / live after | threads added |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      for (int size : sizes) {
        for (int parallel : parallels) {
          try (Fleet fleet = new Fleet(size)) {
            Measured run = fleet.bumpAll("churn/2", parallel);
            System.out.println(run.row(size, parallel));
          }
        }
      }
    }
    if (goal) {
      List<Double> ratios = new ArrayList<>();
      for (int run = 1; run <= goalRuns; run++) {
        ratios.add(goal(run, profile));
      }
      if (goalRuns > 1) {
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%nGoal, wall-time ratio over %d runs: median %.2fx (min %.2fx, max %.2fx); load now %s%n",
            goalRuns, CallRate.median(sorted), sorted[0], sorted[sorted.length - 1],
            BenchmarkMachine.describe().get("load"));
      }
    }
  }

  /**
   * The goal, once: 40 bumped endpoints at {@code --parallel 8} against one deployment of
   * the same fleet, both measured in this run on one JVM. With {@code profile}, a flight recording
   * (the JDK's "profile" settings) covers the two measured syncs alone, appended to that file's
   * name as {@code -<run>.jfr}.
   *
   * @return the wall-time ratio
   */
  private static double goal(int run, String profile) throws IOException {
    try (Fleet fleet = new Fleet(40)) {
      fleet.bump(List.of(fleet.names.get(0)), "churn/2");
      Measured one;
      Measured all;
      try (Profile recording = Profile.start(profile, run)) {
        one = fleet.measure("sync", path(fleet.names.get(0)));
        // Every manifest must change in the measured commit, or the sync deploys 39: fleet-1 goes back
        // to churn/1 while the others move to churn/2 (as FleetSyncIT does).
        all = fleet.bumpEveryOne("churn/1", "churn/2", 8);
      }
      double ratio = (double) all.wall.toNanos() / one.wall.toNanos();
      System.out.println();
      System.out.printf("Goal, run %d: 40 bumped endpoints at --parallel 8 against one deployment (fleet-1 alone, same run):%n",
          run);
      System.out.printf("  simulated %s vs %s: %.2fx (goal: at most 6x)%n", minutes(all.simulated),
          minutes(one.simulated), (double) all.simulated.toMillis() / one.simulated.toMillis());
      System.out.printf("  wall %d ms vs %d ms: %.2fx (goal: at most 6x)%n", all.wall.toMillis(), one.wall.toMillis(),
          ratio);
      System.out.printf("  CPU of the process (control plane and JIT included) %d ms vs %d ms: %.2fx; per AWS call"
          + " %.2f ms vs %.2f ms (%d and %d calls)%n", all.cpu.toMillis(), one.cpu.toMillis(),
          (double) all.cpu.toNanos() / one.cpu.toNanos(), all.cpu.toNanos() / 1e6 / all.calls,
          one.cpu.toNanos() / 1e6 / one.calls, all.calls, one.calls);
      System.out.println("  AWS calls by API: one deployment | 40 at --parallel 8, per endpoint");
      Set<String> apis = new LinkedHashSet<>(all.byOperation.keySet());
      apis.addAll(one.byOperation.keySet());
      for (String api : apis) {
        System.out.printf("    %-45s %4d | %6.2f%n", api, one.byOperation.getOrDefault(api, 0L),
            all.byOperation.getOrDefault(api, 0L) / 40.0);
      }
      System.out.printf("  InService on their new configuration: %d of 40; load %s%n", fleet.inServiceOnLastCommit(),
          BenchmarkMachine.describe().get("load"));
      return ratio;
    }
  }

  /** A flight recording around the measured syncs, or nothing when no file was asked for. */
  private static final class Profile implements AutoCloseable {
    private final jdk.jfr.Recording recording;
    private final Path file;

    private Profile(jdk.jfr.Recording recording, Path file) {
      this.recording = recording;
      this.file = file;
    }

    static Profile start(String name, int run) throws IOException {
      if (name == null) {
        return new Profile(null, null);
      }
      try {
        jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
        return new Profile(recording, Path.of(name + "-" + run + ".jfr"));
      } catch (java.text.ParseException e) {
        throw new IOException("the JDK's \"profile\" recording settings: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      if (recording != null) {
        recording.stop();
        recording.dump(file);
        recording.close();
        System.out.println("  profile: " + file.toAbsolutePath());
      }
    }
  }

  private static List<Integer> numbers(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).map(Integer::parseInt).toList();
  }

  static String path(String name) {
    return "models/fleet/" + name + ".yaml";
  }

  /** CPU time of every thread of this JVM so far (the command line's, the control plane's, the JIT's, the GC's). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String minutes(Duration duration) {
    return String.format("%.1f min", duration.toMillis() / 60_000.0);
  }

  /** One measured sync. */
  private record Measured(Duration simulated, Duration wall, Duration cpu, long calls, Map<String, Long> peakSimulated,
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

  /**
   * A fleet on a fresh control plane: {@code size} manifests, each its own endpoint with a canary
   * deployment and a rollback alarm, all deployed at churn/1 before anything is measured.
   */
  private static final class Fleet implements AutoCloseable {
    private final LocalControlPlane plane;
    private final Path directory;
    private final GitRepositoryBuilder repository;
    private final List<String> names = new ArrayList<>();
    private final String image;
    private final FleetCallCounter calls;
    private String lastCommit;

    Fleet(int size) throws IOException {
      plane = LocalControlPlane.builder().clock(SimulationClock.virtual(START)).seed(42).standardServices().start();
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
      FleetCommandLine.Run created = FleetCommandLine.run(plane, directory, REGION, calls, "sync", "--parallel",
          "32", "models/fleet");
      if (created.exitCode() != 0) {
        throw new IllegalStateException("the fleet's first sync failed (exit " + created.exitCode() + "):\n"
            + created.err());
      }
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
      Instant start = plane.clock().instant();
      long cpuStart = processCpuNanos();
      long wallStart = System.nanoTime();
      FleetCommandLine.Run run = FleetCommandLine.run(plane, directory, REGION, calls, args);
      Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
      Duration cpu = Duration.ofNanos(processCpuNanos() - cpuStart);
      Duration simulated = Duration.between(start, plane.clock().instant());
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
