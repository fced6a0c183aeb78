package dev.sagemakergitops.benchmarks;

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
import dev.sagemakergitops.core.operation.deploy.DeploymentSchedule;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Options:
 * <pre>
 *   --scenario NAME[,NAME]  create, all-at-once, canary, linear, rolling, canary-rollback (default: all)
 *   --alarm-watch D         the longest wait during a bake watched by rollback alarms (default: the
 *                           schedule's default)
 *   --no-jitter             poll without jitter (default: the policy's 10 %, drawn from --seed)
 *   --seed N                the jitter's seed (default 7)
 *   --no-alarms             the updates without a rollback alarm (canary-rollback keeps its alarm)
 *   --trip D                when the alarm goes off in canary-rollback, into the canary bake (default 4m30s)
 *   --sweep D[,D]           canary-rollback again with the alarm at each of these moments (default
 *                           30s,1m30s,...,9m30s); --no-sweep skips it
 *   --no-waiter-run         only compute the waiter, do not run it
 *   --events                print each deploy's progress log
 * </pre>
 */
public final class PollingBenchmark {
  private final Options options;

  private PollingBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    new PollingBenchmark(Options.parse(args)).run();
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.println("Machine");
    BenchmarkMachine.print(BenchmarkMachine.describe());
    System.out.println();
    PollingPolicy policy = policy();
    System.out.printf(Locale.ROOT, "Polling policy: %s; alarm watch %s; seed %d%n", describe(policy),
        PollingScenario.text(alarmWatch()), options.seed);
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
      PollingMeasurement m = ours(scenario);
      if (!options.noWaiterRun) {
        m = m.withWaiterRun(waiter(scenario));
      }
      measured.add(m);
      report(m, (System.nanoTime() - wall) / 1e9);
    }
    if (!measured.isEmpty()) {
      summary(measured);
    }
    if (!options.noSweep && (options.scenarios.isEmpty() || options.scenarios.contains("canary-rollback"))) {
      sweep();
    }
  }

  private PollingPolicy policy() {
    return options.noJitter ? PollingPolicy.defaults().withoutJitter() : PollingPolicy.defaults();
  }

  private Duration alarmWatch() {
    return options.alarmWatch != null ? options.alarmWatch : DeploymentSchedule.DEFAULT_ALARM_WATCH;
  }

  private SafeDeployOperation operation(OperationContext context) {
    return new SafeDeployOperation(context, new DeploymentSchedule(context.polling(), alarmWatch()));
  }

  // ---------------------------------------------------------------- runs

  /** The deploy, run by the OperationRunner, on a fresh world. */
  private PollingMeasurement ours(PollingScenario scenario) throws Exception {
    Path dir = Files.createTempDirectory("polling-benchmark");
    try (PollingWorld world = new PollingWorld(dir)) {
      OperationContext context = world.context(policy(), options.seed);
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
  private PollingMeasurement.WaiterRun waiter(PollingScenario scenario) throws Exception {
    Path dir = Files.createTempDirectory("polling-benchmark");
    try (PollingWorld world = new PollingWorld(dir)) {
      OperationContext context = world.context(policy(), options.seed);
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

  private void sweep() throws Exception {
    PollingScenario base = PollingScenario.standard(true, options.trip).stream()
        .filter(s -> s.name().equals("canary-rollback")).findFirst().orElseThrow();
    System.out.printf(Locale.ROOT, "Canary rollback sweep: the alarm goes off at different moments of the 10-minute "
        + "canary bake; the local control plane reads it at the next whole minute of the bake and rolls back.%n%n");
    System.out.println("| alarm at (into the bake) | rollback at | ours: alarm seen after | ours: rollback seen after "
        + "| ours: DescribeEndpoint + DescribeAlarms | waiter: rollback seen after, median / max | waiter: calls | waiter "
        + "says |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---|");
    List<Duration> ourLags = new ArrayList<>();
    List<Duration> waiterLags = new ArrayList<>();
    long ourCalls = 0;
    long waiterCalls = 0;
    for (Duration at : options.sweep) {
      PollingMeasurement m = ours(base.withTrip(at));
      Instant bakeStart = m.requestAt().plus(Timings.PROVISIONING);
      EndpointObserver.Change rollback = m.scheduledChanges().stream().filter(c -> !c.at().isBefore(m.tripAt()))
          .findFirst().orElseThrow(() -> new IllegalStateException("no rollback after the alarm at " + at));
      PollingMeasurement.Detection detection = m.detections().stream().filter(d -> d.change() == rollback)
          .findFirst().orElseThrow();
      Instant alarmSeen = m.alarmSeen();
      ourLags.add(detection.ours());
      List<Duration> theirs = detection.waiter().stream().filter(d -> d != null).toList();
      waiterLags.addAll(theirs);
      long calls = m.waitCalls("DescribeEndpoint") + m.waitCalls("DescribeAlarms");
      ourCalls += calls;
      waiterCalls += m.waiterCalls();
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d + %d | %s / %s | %d | %s |%n", PollingScenario.text(at),
          clock(Duration.between(bakeStart, rollback.at())),
          alarmSeen == null ? "not seen" : seconds(Duration.between(m.tripAt(), alarmSeen)), seconds(detection.ours()),
          m.waitCalls("DescribeEndpoint"), m.waitCalls("DescribeAlarms"), seconds(median(theirs)), seconds(max(theirs)),
          m.waiterCalls(), m.waiter().outcome().equals("InService") ? "success" : m.waiter().outcome());
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "Rollback seen after: ours median %s, max %s; waiter median %s, max %s. Calls while "
        + "waiting, all runs: ours %d, waiter %d (%.2f).%n%n", seconds(median(ourLags)), seconds(max(ourLags)),
        seconds(median(waiterLags)), seconds(max(waiterLags)), ourCalls, waiterCalls, (double) ourCalls / waiterCalls);
  }

  // ---------------------------------------------------------------- report

  private void report(PollingMeasurement m, double wallSeconds) {
    PollingScenario s = m.scenario();
    System.out.printf(Locale.ROOT, "== %s: %s%n", s.name(), s.description());
    System.out.printf(Locale.ROOT, "Ground truth, times from the %s; lag: from the change to the first poll after it "
        + "(waiter: the median over its %d start phases)%n", s.update() ? "UpdateEndpoint" : "CreateEndpoint",
        WaiterModel.PHASES);
    System.out.printf(Locale.ROOT, "  %9s  %8s  %8s  %s%n", "at", "ours", "waiter", "state");
    m.truth().stream().filter(c -> c.at().equals(m.requestAt())).forEach(c -> System.out.printf(Locale.ROOT,
        "  %9s  %8s  %8s  %s (the deploy's own request)%n", "+0:00", "", "", c.summary()));
    for (PollingMeasurement.Detection d : m.detections()) {
      System.out.printf(Locale.ROOT, "  %9s  %8s  %8s  %s%n", "+" + clock(Duration.between(m.requestAt(), d.change().at())),
          seconds(d.ours()), seconds(d.waiterMedian()), d.change().summary());
    }
    if (m.tripAt() != null) {
      Instant seen = m.alarmSeen();
      System.out.printf(Locale.ROOT, "  alarm %s went off at +%s; the deploy saw it in ALARM %s%n", PollingWorld.ALARM,
          clock(Duration.between(m.requestAt(), m.tripAt())),
          seen == null ? "never (it saw the rollback first)" : "after " + seconds(Duration.between(m.tripAt(), seen)));
    }
    WaiterModel.Figures waiter = m.waiter();
    long describe = m.waitCalls("DescribeEndpoint");
    long alarms = m.waitCalls("DescribeAlarms");
    long other = m.waitCalls().size() - describe - alarms;
    System.out.printf(Locale.ROOT, "Calls while waiting: ours %d DescribeEndpoint + %d DescribeAlarms%s = %d; waiter %d "
        + "(median over its phases; called at the request: %d computed%s); ours / waiter %.2f (DescribeEndpoint alone "
        + "%.2f)%n", describe, alarms, other == 0 ? "" : " + " + other + " other", m.waitCalls().size(), m.waiterCalls(),
        waiter.calls(), m.waiterRun() == null ? "" : ", " + m.waiterRun().calls() + " run",
        (double) m.waitCalls().size() / m.waiterCalls(), (double) describe / m.waiterCalls());
    List<Duration> ours = m.ourLags();
    List<Duration> theirs = m.waiterLags();
    System.out.printf(Locale.ROOT, "Lag over %d changes: ours median %s, max %s; waiter (all phases) median %s, max %s%n",
        ours.size(), seconds(median(ours)), seconds(max(ours)), seconds(median(theirs)), seconds(max(theirs)));
    System.out.printf(Locale.ROOT, "Outcome: ours %s at +%s; waiter called at the request: computed %s at +%s%s%n",
        m.outcome(), clock(Duration.between(m.requestAt(), m.ourEnd())), waiter.outcome(),
        clock(Duration.between(m.requestAt(), waiter.end())), m.waiterRun() == null ? ""
            : ", run " + m.waiterRun().outcome() + " at +" + clock(Duration.between(m.waiterRun().start(),
                m.waiterRun().end())));
    System.out.printf(Locale.ROOT, "Whole deploy: %d calls (%s); %.1f s of wall time for this scenario%n",
        m.calls().size(), callMix(m.calls()), wallSeconds);
    if (options.events) {
      m.events().forEach(e -> System.out.printf(Locale.ROOT, "    %s  [%s] %s%n",
          clock(Duration.between(m.requestAt(), e.at())), e.phase(), e.message()));
    }
    System.out.println();
  }

  private void summary(List<PollingMeasurement> measured) {
    System.out.println("Summary: calls while waiting for the deployment, and the lag from each change to its detection");
    System.out.println();
    System.out.println("| scenario | length | changes | ours: DescribeEndpoint + DescribeAlarms | waiter: DescribeEndpoint "
        + "| ours / waiter | lag ours: median / max | lag waiter: median / max | outcome: ours / waiter |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for (PollingMeasurement m : measured) {
      WaiterModel.Figures waiter = m.waiter();
      List<Duration> ours = m.ourLags();
      List<Duration> theirs = m.waiterLags();
      String waiterCalls = String.valueOf(m.waiterCalls());
      System.out.printf(Locale.ROOT, "| %s | %s | %d | %d + %d = %d | %s | %.2f | %s / %s | %s / %s | %s / %s |%n",
          m.scenario().name(), clock(m.length()), ours.size(), m.waitCalls("DescribeEndpoint"),
          m.waitCalls("DescribeAlarms"), m.waitCalls().size(), waiterCalls,
          (double) m.waitCalls().size() / m.waiterCalls(), seconds(median(ours)), seconds(max(ours)),
          seconds(median(theirs)), seconds(max(theirs)), m.outcome(),
          waiter.outcome().equals("InService") ? "success" : waiter.outcome());
    }
    System.out.println();
  }

  private static String callMix(List<CallLog.Call> calls) {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    calls.forEach(c -> counts.merge(c.operation().substring(c.operation().indexOf('.') + 1), 1L, Long::sum));
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  private static String describe(PollingPolicy p) {
    return String.format(Locale.ROOT, "interval %s, minimum %s, maximum %s, provisioning estimate %s, jitter %.0f %%, "
        + "throttled maximum %s", PollingScenario.text(p.interval()), PollingScenario.text(p.minimum()),
        PollingScenario.text(p.maximum()), PollingScenario.text(p.provisioningEstimate()), p.jitter() * 100,
        PollingScenario.text(p.throttledMaximum()));
  }

  static Duration median(List<Duration> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Duration> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }

  static Duration max(List<Duration> values) {
    return values.stream().max(Comparator.naturalOrder()).orElse(null);
  }

  /** {@code 4.2 s}, or {@code -} for nothing. */
  static String seconds(Duration d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** {@code 29:00} or {@code 29:00.4}, minutes and seconds. */
  static String clock(Duration d) {
    long millis = d.toMillis();
    String base = String.format(Locale.ROOT, "%d:%02d", millis / 60_000, (millis / 1000) % 60);
    long rest = millis % 1000;
    return rest == 0 ? base : base + String.format(Locale.ROOT, ".%d", rest / 100);
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- options

  private static final class Options {
    List<String> scenarios = new ArrayList<>();
    Duration alarmWatch;
    boolean noJitter;
    long seed = 7;
    boolean noAlarms;
    Duration trip = PollingScenario.DEFAULT_TRIP;
    List<Duration> sweep = defaultSweep();
    boolean noSweep;
    boolean noWaiterRun;
    boolean events;

    static List<Duration> defaultSweep() {
      List<Duration> out = new ArrayList<>();
      for (int s = 30; s < 600; s += 60) {
        out.add(Duration.ofSeconds(s));
      }
      return out;
    }

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--scenario" -> o.scenarios.addAll(List.of(args[++i].split(",")));
          case "--alarm-watch" -> o.alarmWatch = duration(args[++i]);
          case "--no-jitter" -> o.noJitter = true;
          case "--seed" -> o.seed = Long.parseLong(args[++i]);
          case "--no-alarms" -> o.noAlarms = true;
          case "--trip" -> o.trip = duration(args[++i]);
          case "--sweep" -> o.sweep = Stream.of(args[++i].split(",")).map(Options::duration).toList();
          case "--no-sweep" -> o.noSweep = true;
          case "--no-waiter-run" -> o.noWaiterRun = true;
          case "--events" -> o.events = true;
          default -> throw new IllegalArgumentException("unknown option " + arg + " (see PollingBenchmark's javadoc)");
        }
      }
      return o;
    }

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    static Duration duration(String text) {
      Matcher m = DURATION.matcher(text);
      if (text.isEmpty() || !m.matches()) {
        throw new IllegalArgumentException("expected a duration such as 30s, 2m or 4m30s, got " + text);
      }
      long seconds = 0;
      for (int g = 1; g <= 3; g++) {
        if (m.group(g) != null) {
          seconds += Long.parseLong(m.group(g)) * (g == 1 ? 3600 : g == 2 ? 60 : 1);
        }
      }
      return Duration.ofSeconds(seconds);
    }
  }
}
