package dev.sagemakergitops.benchmarks;

import static dev.sagemakergitops.benchmarks.PollingReport.clock;
import static dev.sagemakergitops.benchmarks.PollingReport.max;
import static dev.sagemakergitops.benchmarks.PollingReport.median;
import static dev.sagemakergitops.benchmarks.PollingReport.seconds;

import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService;
import dev.sagemakergitops.local.sagemaker.hosting.Timings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.waiters.SageMakerWaiter;

/**
 * The polling benchmark of issue 4 (point 5): for each deployment strategy, the real
 * {@link SafeDeployOperation} run by {@link OperationRunner} against the in-process local control
 * plane on a virtual clock, measured against the ground truth of the endpoint's state changes, side
 * by side with the SDK's {@code EndpointInService} waiter (a {@code DescribeEndpoint} every 30 s).
 *
 * <p>Measured per scenario: the calls the deploy makes while it waits for the deployment (its
 * {@code DEPLOYING} polls: {@code DescribeEndpoint}, and {@code DescribeAlarms} while bakes are
 * watched), counted by an SDK interceptor on its clients; every state change of the endpoint and
 * when it happened, from an observer that describes the endpoint every virtual second with a
 * client of its own; and the detection lag of each change (from the change to the deploy's first
 * {@code DescribeEndpoint} after it). The waiter is computed over the same ground truth (a poll at
 * the request and every 30 s after, until InService or Failed), and also really run
 * ({@link SageMakerWaiter#waitUntilEndpointInService} with a back-off strategy that advances the
 * virtual clock) on a second, identical world. The canary-rollback sweep sets the rollback alarm
 * off at several moments of the canary's bake.
 *
 * <p>A program, not a test: {@code benchmarks/run.sh polling}; see {@code docs/benchmarks.md}.
 * PollingOptions:
 * <pre>
 *   --scenario NAME[,NAME]  create, all-at-once, canary, linear, rolling, canary-rollback (default: all)
 *   --polling SETTINGS      the polling policy, in PollingPolicy.parse's notation (default: the
 *                           defaults), for example interval=5s,alarmWatch=30s
 *   --alarm-watch D         shorthand for --polling alarmWatch=D
 *   --no-jitter             poll without jitter (default: the policy's 10 %, drawn from --seed)
 *   --seed N                the jitter's seed (default 7)
 *   --no-alarms             the updates without a rollback alarm (canary-rollback keeps its alarm)
 *   --trip D                when the alarm goes off in canary-rollback, into the canary bake (default 4m30s)
 *   --sweep D[,D]           canary-rollback again with the alarm at each of these moments (default
 *                           30s,1m30s,...,9m30s); --no-sweep skips it
 *   --alarm-watches D[,D]   the trade-off table: the canary and the sweep again with each of these
 *                           alarm watches, for example 15s,30s,1m,2m (default: none)
 *   --launch-backoffs B[,B] the launch table also with these launch back-offs (default 0,0.1)
 *   --no-waiter-run         only compute the waiter, do not run it
 *   --events                print each deploy's progress log
 * </pre>
 */
public final class PollingBenchmark {
  private final PollingOptions options;

  private PollingBenchmark(PollingOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    new PollingBenchmark(PollingOptions.parse(args)).run();
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.println("Machine");
    BenchmarkMachine.print(BenchmarkMachine.describe());
    System.out.println();
    PollingPolicy policy = policy();
    System.out.printf(Locale.ROOT, "Polling policy: %s; jitter seed %d%n", policy, options.seed);
    System.out.printf(Locale.ROOT, "SDK waiter: EndpointInService, DescribeEndpoint every %d s, at most %d "
        + "attempts%n", WaiterModel.DELAY.toSeconds(), WaiterModel.MAX_ATTEMPTS);
    System.out.printf(Locale.ROOT, "Local control plane: launching a fleet takes %d min, alarms are read every "
        + "%d min of a bake (and at its start and end)%n%n", Timings.PROVISIONING.toMinutes(),
        Timings.ALARM_EVALUATION.toMinutes());

    List<PollingMeasurement> measured = new ArrayList<>();
    for (PollingScenario scenario : PollingScenario.standard(!options.noAlarms, options.trip)) {
      if (!options.scenarios.isEmpty() && !options.scenarios.contains(scenario.name())) {
        continue;
      }
      long wall = System.nanoTime();
      PollingMeasurement m = ours(scenario, policy);
      if (!options.noWaiterRun) {
        m = m.withWaiterRun(waiter(scenario, policy));
      }
      measured.add(m);
      PollingReport.report(m, (System.nanoTime() - wall) / 1e9, options.events);
    }
    if (!measured.isEmpty()) {
      PollingReport.summary(measured);
      rollbackAnywhere(measured);
    }
    if (!options.noSweep && (options.scenarios.isEmpty() || options.scenarios.contains("canary-rollback"))) {
      sweep(policy, true);
    }
    if (!options.alarmWatches.isEmpty()) {
      alarmWatchTradeOff(policy);
    }
    launches(policy);
  }

  /**
   * The launch alone, for the lengths SageMaker takes that the local control plane does not offer,
   * with the policy's launch back-off and with each of {@code --launch-backoffs}.
   */
  private void launches(PollingPolicy policy) {
    System.out.printf(Locale.ROOT, "Launches of other lengths (the local control plane's take %d min): the deploy's "
        + "DeploymentSchedule against the waiter, for the launch alone, computed (no control plane)%n%n",
        Timings.PROVISIONING.toMinutes());
    System.out.println("| launch takes | launchBackoff | ours: DescribeEndpoint | ours: lag, median / max | waiter: "
        + "DescribeEndpoint | waiter: lag, median / max | ours / waiter |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    List<Double> backoffs = new ArrayList<>(List.of(policy.launchBackoff()));
    options.launchBackoffs.stream().filter(b -> !backoffs.contains(b)).forEach(backoffs::add);
    for (double backoff : backoffs) {
      PollingPolicy p = PollingPolicy.parse(policy + ",launchBackoff=" + backoff);
      for (int minutes = 3; minutes < 10; minutes++) {
        // Every launch length of the minute, to the second: where the end falls between two polls is chance.
        List<LaunchModel.Figures> band = new ArrayList<>();
        for (int second = 0; second < 60; second++) {
          band.add(LaunchModel.of(p, Duration.ofSeconds(minutes * 60L + second), options.seed + second));
        }
        List<Duration> ours = band.stream().map(LaunchModel.Figures::lag).toList();
        List<Duration> theirs = band.stream().map(LaunchModel.Figures::waiterLag).toList();
        int calls = band.stream().map(LaunchModel.Figures::calls).sorted().toList().get(30);
        int waiterCalls = band.stream().map(LaunchModel.Figures::waiterCalls).sorted().toList().get(30);
        System.out.printf(Locale.ROOT, "| %d to %d min | %s | %d | %s / %s | %d | %s / %s | %.2f |%n", minutes,
            minutes + 1, backoff, calls, seconds(median(ours)), seconds(max(ours)), waiterCalls,
            seconds(median(theirs)), seconds(max(theirs)), (double) calls / waiterCalls);
      }
    }
    System.out.println();
  }

  private PollingPolicy policy() {
    PollingPolicy policy = PollingPolicy.parse(options.polling);
    if (options.alarmWatch != null) {
      policy = policy.withAlarmWatch(options.alarmWatch);
    }
    return options.noJitter ? policy.withoutJitter() : policy;
  }

  /** The deploy as the command line and Jenkins build it: its schedule comes from the context's policy. */
  private static SafeDeployOperation operation(OperationContext context) {
    return new SafeDeployOperation(context);
  }

  // ---------------------------------------------------------------- runs

  /** The deploy, run by the OperationRunner, on a fresh world. */
  private PollingMeasurement ours(PollingScenario scenario, PollingPolicy policy) throws Exception {
    Path dir = Files.createTempDirectory("polling-benchmark");
    try (PollingWorld world = new PollingWorld(dir)) {
      OperationContext context = world.context(policy, options.seed);
      ResolvedManifest manifest = prepare(world, scenario, context);
      AtomicBoolean tripped = armTrip(world, scenario);
      int first = world.calls.calls().size();
      world.time.observing(true);
      List<OperationEvent> events = new ArrayList<>();
      Step<DeployState, DeployResult> end = new OperationRunner(context, world.time, events::add)
          .run(new MeasuredOperation(operation(context), world.calls), DeployRequest.of(manifest), StateStore.none(),
              "deploy");
      world.time.observing(false);
      List<CallLog.Call> calls = world.calls.calls().subList(first, world.calls.calls().size());
      Instant requestAt = calls.stream().filter(c -> c.is("CreateEndpoint") || c.is("UpdateEndpoint"))
          .map(CallLog.Call::at).findFirst().orElseThrow(() -> new IllegalStateException(scenario.name()
              + ": the deploy sent neither CreateEndpoint nor UpdateEndpoint"));
      String outcome = end instanceof Step.Failed<?, ?> f ? f.failure().kind().name() : "succeeded";
      Instant tripAt = scenario.trip() == null ? null : tripTime(world, scenario);
      if (scenario.trip() != null && !tripped.get()) {
        throw new IllegalStateException(scenario.name() + ": the alarm never went off");
      }
      return new PollingMeasurement(scenario, world.observer.changes(), calls, requestAt, tripAt, outcome, events,
          null);
    } finally {
      delete(dir);
    }
  }

  /**
   * The same scenario on a fresh world, but once the deploy has sent its request the SDK waiter
   * waits instead of the deploy's own polls; its back-off advances the virtual clock.
   */
  private PollingMeasurement.WaiterRun waiter(PollingScenario scenario, PollingPolicy policy) throws Exception {
    Path dir = Files.createTempDirectory("polling-benchmark");
    try (PollingWorld world = new PollingWorld(dir)) {
      OperationContext context = world.context(policy, options.seed);
      ResolvedManifest manifest = prepare(world, scenario, context);
      armTrip(world, scenario);
      world.time.observing(true);
      SafeDeployOperation operation = operation(context);
      DeployState state = operation.begin(DeployRequest.of(manifest));
      while (state.stage() != DeployState.Stage.DEPLOYING) {
        Step<DeployState, DeployResult> step = operation.poll(state);
        if (step.isFinished()) {
          throw new IllegalStateException(scenario.name() + ": the deploy ended before its request: " + step);
        }
        state = step.state();
        if (state.stage() != DeployState.Stage.DEPLOYING) {
          world.time.sleep(((Step.Running<DeployState, DeployResult>) step).pollAfter());
        }
      }
      String ours = state.plan().config().name();
      CallLog log = new CallLog(world.plane.clock());
      log.phase("WAITER");
      BackoffStrategy sdkDelay = BackoffStrategy.fixedDelayWithoutJitter(WaiterModel.DELAY);
      Instant start = world.time.now();
      String outcome;
      try (SageMakerClient client = world.client(log);
          SageMakerWaiter waiter = SageMakerWaiter.builder().client(client)
              .overrideConfiguration(o -> o.backoffStrategyV2(attempt -> {
                world.time.sleep(sdkDelay.computeDelay(attempt));
                return Duration.ZERO;
              }))
              .build()) {
        WaiterResponse<DescribeEndpointResponse> response =
            waiter.waitUntilEndpointInService(r -> r.endpointName(PollingWorld.ENDPOINT));
        outcome = response.matched().response()
            .map(e -> "success: " + e.endpointStatusAsString() + " on " + e.endpointConfigName()
                + (e.endpointConfigName().equals(ours) ? "" : " (the OLD configuration)"))
            .orElse("error");
      } catch (SdkClientException e) {
        outcome = "failure: " + e.getMessage();
      }
      world.time.observing(false);
      return new PollingMeasurement.WaiterRun(log.calls().size(), start, world.time.now(), outcome);
    } finally {
      delete(dir);
    }
  }

  /** For an update, deploys version 1 first (not measured); returns the manifest the measured deploy deploys. */
  private ResolvedManifest prepare(PollingWorld world, PollingScenario scenario, OperationContext context)
      throws InterruptedException {
    if (scenario.update()) {
      ResolvedManifest v1 = world.commit(1, scenario.deployment());
      Step<DeployState, DeployResult> first = new OperationRunner(context, world.time, e -> { })
          .run(new SafeDeployOperation(context), DeployRequest.of(v1), StateStore.none(), "setup");
      if (!(first instanceof Step.Succeeded<?, ?>)) {
        throw new IllegalStateException(scenario.name() + ": the set-up deploy of version 1 failed: " + first);
      }
      return world.commit(2, scenario.deployment());
    }
    return world.commit(1, scenario.deployment());
  }

  /**
   * Sets the rollback alarm off {@code scenario.trip()} into the first bake: the local control plane
   * starts it exactly {@link Timings#PROVISIONING} after the update begins, which the observer sees.
   */
  private static AtomicBoolean armTrip(PollingWorld world, PollingScenario scenario) {
    AtomicBoolean tripped = new AtomicBoolean();
    if (scenario.trip() == null) {
      return tripped;
    }
    AtomicBoolean armed = new AtomicBoolean();
    world.time.onStep(now -> {
      List<EndpointObserver.Change> changes = world.observer.changes();
      EndpointObserver.Change last = changes.get(changes.size() - 1);
      if (!armed.get() && "Updating".equals(last.status())) {
        armed.set(true);
        world.time.at(last.at().plus(Timings.PROVISIONING).plus(scenario.trip()), () -> {
          world.plane.service(CloudWatchService.class).trip(PollingWorld.REGION, PollingWorld.ALARM);
          tripped.set(true);
        });
      }
    });
    return tripped;
  }

  private static Instant tripTime(PollingWorld world, PollingScenario scenario) {
    EndpointObserver.Change updating = world.observer.changes().stream().filter(c -> "Updating".equals(c.status()))
        .findFirst().orElseThrow();
    return updating.at().plus(Timings.PROVISIONING).plus(scenario.trip());
  }

  // ---------------------------------------------------------------- the rollback sweep

  /** What the canary-rollback sweep found. */
  private record Sweep(List<Duration> ours, List<Duration> waiter, long ourCalls, long waiterCalls) {}

  private Sweep sweep(PollingPolicy policy, boolean print) throws Exception {
    PollingScenario base = PollingScenario.standard(true, options.trip).stream()
        .filter(s -> s.name().equals("canary-rollback")).findFirst().orElseThrow();
    if (print) {
      System.out.printf(Locale.ROOT, "Canary rollback sweep: the alarm goes off at different moments of the 10-minute "
          + "canary bake; the local control plane reads it at the next whole minute of the bake and rolls back.%n%n");
      System.out.println("| alarm at (into the bake) | rollback at | ours: alarm seen after | ours: rollback seen "
          + "after | ours: DescribeEndpoint + DescribeAlarms | waiter: rollback seen after, median / max | waiter: calls "
          + "| waiter says |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---|");
    }
    List<Duration> ourLags = new ArrayList<>();
    List<Duration> waiterLags = new ArrayList<>();
    long ourCalls = 0;
    long waiterCalls = 0;
    for (Duration at : options.sweep) {
      PollingMeasurement m = ours(base.withTrip(at), policy);
      Instant bakeStart = m.requestAt().plus(Timings.PROVISIONING);
      EndpointObserver.Change rollback = m.scheduledChanges().stream().filter(c -> !c.at().isBefore(m.tripAt()))
          .findFirst().orElseThrow(() -> new IllegalStateException("no rollback after the alarm at " + at));
      PollingMeasurement.Detection detection = m.detections().stream().filter(d -> d.change() == rollback)
          .findFirst().orElseThrow();
      Instant alarmSeen = m.alarmSeen();
      ourLags.add(detection.ours());
      List<Duration> theirs = detection.waiter().stream().filter(d -> d != null).toList();
      waiterLags.addAll(theirs);
      ourCalls += m.waitCalls("DescribeEndpoint") + m.waitCalls("DescribeAlarms");
      waiterCalls += m.waiterCalls();
      if (print) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d + %d | %s / %s | %d | %s |%n", PollingScenario.text(at),
            clock(Duration.between(bakeStart, rollback.at())),
            alarmSeen == null ? "not seen" : seconds(Duration.between(m.tripAt(), alarmSeen)),
            seconds(detection.ours()), m.waitCalls("DescribeEndpoint"), m.waitCalls("DescribeAlarms"),
            seconds(median(theirs)), seconds(max(theirs)), m.waiterCalls(),
            m.waiter().outcome().equals("InService") ? "success" : m.waiter().outcome());
      }
    }
    if (print) {
      System.out.println();
      System.out.printf(Locale.ROOT, "Rollback seen after: ours median %s, max %s; waiter median %s, max %s. Calls "
          + "while waiting, all runs: ours %d, waiter %d (%.2f).%n%n", seconds(median(ourLags)), seconds(max(ourLags)),
          seconds(median(waiterLags)), seconds(max(waiterLags)), ourCalls, waiterCalls,
          (double) ourCalls / waiterCalls);
    }
    return new Sweep(ourLags, waiterLags, ourCalls, waiterCalls);
  }

  /**
   * For each scenario with bakes: a rollback at any second of its bakes, SageMaker acting the
   * instant the alarm fires, would be seen after (see {@link PollingMeasurement#rollbackAnywhere}).
   */
  private static void rollbackAnywhere(List<PollingMeasurement> measured) {
    System.out.println("A rollback at any second of the bakes, SageMaker acting the instant the alarm fires: how long "
        + "until the next look (ours: DescribeEndpoint or DescribeAlarms of the run above; waiter: its polls, all phases)");
    System.out.println();
    System.out.println("| scenario | bakes | ours: median / max | waiter: median / max |");
    System.out.println("|---|---:|---:|---:|");
    for (PollingMeasurement m : measured) {
      if (m.bakes().isEmpty() || m.tripAt() != null) {
        continue;
      }
      List<Duration> ours = m.rollbackAnywhere();
      List<Duration> theirs = m.waiterRollbackAnywhere();
      Duration baking = m.bakes().stream().map(b -> Duration.between(b[0], b[1])).reduce(Duration.ZERO, Duration::plus);
      System.out.printf(Locale.ROOT, "| %s | %s | %s / %s | %s / %s |%n", m.scenario().name(), clock(baking),
          seconds(median(ours)), seconds(max(ours)), seconds(median(theirs)), seconds(max(theirs)));
    }
    System.out.println();
  }

  /**
   * The price of a prompter rollback: for each alarm watch, the canary's calls and how soon a
   * rollback is seen, at any second of its bakes and in the local control plane's sweep.
   */
  private void alarmWatchTradeOff(PollingPolicy policy) throws Exception {
    PollingScenario canary = PollingScenario.standard(true, options.trip).stream()
        .filter(s -> s.name().equals("canary")).findFirst().orElseThrow();
    System.out.println("Alarm watch trade-off (canary with its rollback alarm; the rest of the policy as above)");
    System.out.println();
    System.out.println("| alarm watch | canary: DescribeEndpoint + DescribeAlarms | ours / waiter | rollback at any "
        + "second, SageMaker acting at once: median / max | local sweep: median / max | sweep calls, ours / waiter |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    PollingMeasurement last = null;
    for (Duration watch : options.alarmWatches) {
      PollingPolicy p = policy.withAlarmWatch(watch);
      PollingMeasurement m = ours(canary, p);
      Sweep sweep = options.noSweep ? null : sweep(p, false);
      List<Duration> anywhere = m.rollbackAnywhere();
      System.out.printf(Locale.ROOT, "| %s | %d + %d = %d | %.2f | %s / %s | %s | %s |%n", PollingScenario.text(watch),
          m.waitCalls("DescribeEndpoint"), m.waitCalls("DescribeAlarms"), m.waitCalls().size(),
          (double) m.waitCalls().size() / m.waiterCalls(), seconds(median(anywhere)), seconds(max(anywhere)),
          sweep == null ? "-" : seconds(median(sweep.ours())) + " / " + seconds(max(sweep.ours())),
          sweep == null ? "-" : String.format(Locale.ROOT, "%.2f", (double) sweep.ourCalls() / sweep.waiterCalls()));
      last = m;
    }
    if (last != null) {
      List<Duration> theirs = last.waiterRollbackAnywhere();
      System.out.printf(Locale.ROOT, "| waiter (30 s) | %d | 1.00 | %s / %s | (as above) | 1.00 |%n", last.waiterCalls(),
          seconds(median(theirs)), seconds(max(theirs)));
    }
    System.out.println();
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
