package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.cli.FleetCommandLine;
import dev.sagemakergitops.core.aws.ClientRateLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The fleet benchmark's goal (issue 17): 40 bumped endpoints at {@code --parallel 8} against one
 * deployment of the same fleet, simulated and wall time, as ratios measured in the same run on one
 * JVM. On the virtual clock every wait costs nothing, so the wall ratio is a CPU ratio; on a scaled
 * clock ({@code --time-scale}) the command line sleeps its waits as it does on AWS, and the wall ratio
 * says whether the process keeps up with AWS sped up that many times. Split out of
 * {@link FleetBenchmark}, which runs the table of sizes.
 */
final class FleetGoal {
  private FleetGoal() {}

  /** What one goal run measured, for the medians. */
  record Outcome(FleetCommandLine.Waits waits, double simulatedRatio, double wallRatio, double cpuRatio,
      long inService) {}

  /**
   * The goal {@code runs} times at each of {@code waits}, interleaved (run 1 at every scale, then run
   * 2 ...) so that a change of the machine's load falls on every scale alike; then, with more than
   * one run, the medians per scale.
   */
  static void runAll(List<FleetCommandLine.Waits> waits, int runs, String profile) throws IOException {
    Map<FleetCommandLine.Waits, List<Outcome>> outcomes = new LinkedHashMap<>();
    waits.forEach(w -> outcomes.put(w, new ArrayList<>()));
    for (int run = 1; run <= runs; run++) {
      for (FleetCommandLine.Waits each : waits) {
        outcomes.get(each).add(run(run, each, profile));
      }
    }
    if (runs > 1) {
      System.out.println();
      outcomes.forEach((each, list) -> {
        double[] wall = sorted(list, Outcome::wallRatio);
        if (!each.sleeps()) {
          System.out.printf("Goal, wall-time ratio over %d runs: median %.2fx (min %.2fx, max %.2fx); load now %s%n",
              runs, CallRate.median(wall), wall[0], wall[wall.length - 1], BenchmarkMachine.describe().get("load"));
          return;
        }
        System.out.printf("Goal, %s, over %d runs: wall-time ratio median %.2fx (min %.2fx, max %.2fx); simulated"
            + " median %.2fx; CPU median %.2fx; InService on the new configuration: %s of 40%n", clock(each), runs,
            CallRate.median(wall), wall[0], wall[wall.length - 1], CallRate.median(sorted(list, Outcome::simulatedRatio)),
            CallRate.median(sorted(list, Outcome::cpuRatio)),
            list.stream().map(o -> Long.toString(o.inService())).reduce((a, b) -> a + ", " + b).orElse(""));
      });
      if (waits.stream().anyMatch(FleetCommandLine.Waits::sleeps)) {
        System.out.printf("Load now %s%n", BenchmarkMachine.describe().get("load"));
      }
    }
  }

  private static double[] sorted(List<Outcome> outcomes, ToDoubleFunction<Outcome> value) {
    return outcomes.stream().mapToDouble(value).sorted().toArray();
  }

  private static String clock(FleetCommandLine.Waits waits) {
    return waits.sleeps() ? String.format("time scale %s (real sleeps)", scale(waits)) : "virtual clock";
  }

  private static String scale(FleetCommandLine.Waits waits) {
    double scale = waits.scale();
    return scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
  }

  /**
   * The goal, once. With {@code profile}, a flight recording (the JDK's "profile" settings)
   * covers the two measured syncs alone, appended to that file's name as {@code -<run>.jfr} (and the
   * scale, when the command sleeps).
   */
  static Outcome run(int run, FleetCommandLine.Waits waits, String profile) throws IOException {
    try (Fleet fleet = new Fleet(40, waits)) {
      String first = fleet.names().get(0);
      fleet.bump(List.of(first), "churn/2");
      Fleet.Measured one;
      Fleet.Measured all;
      String name = waits.sleeps() ? run + "-x" + scale(waits) : Integer.toString(run);
      try (Profile recording = Profile.start(profile, name)) {
        one = fleet.measure("sync", Fleet.path(first));
        // Every manifest must change in the measured commit, or the sync deploys 39: fleet-1 goes back
        // to churn/1 while the others move to churn/2 (as FleetSyncIT does).
        all = fleet.bumpEveryOne("churn/1", "churn/2", 8);
      }
      double ratio = (double) all.wall().toNanos() / one.wall().toNanos();
      double simulatedRatio = (double) all.simulated().toMillis() / one.simulated().toMillis();
      double cpuRatio = (double) all.cpu().toNanos() / one.cpu().toNanos();
      System.out.println();
      System.out.printf("Goal, run %d%s: 40 bumped endpoints at --parallel 8 against one deployment (fleet-1 alone,"
          + " same run):%n", run, waits.sleeps() ? ", " + clock(waits) : "");
      System.out.printf("  simulated %s vs %s: %.2fx (goal: at most 6x)%n", Fleet.minutes(all.simulated()),
          Fleet.minutes(one.simulated()), simulatedRatio);
      System.out.printf("  wall %d ms vs %d ms: %.2fx (goal: at most 6x)%n", all.wall().toMillis(),
          one.wall().toMillis(), ratio);
      if (waits.sleeps()) {
        // The clock is only read in this mode: simulated time must be the wall time times the scale.
        System.out.printf("  simulated / (wall x %s): %.4f and %.4f (1 when nothing moved the clock); rate limits %s%n",
            scale(waits), all.simulated().toNanos() / (all.wall().toNanos() * waits.scale()),
            one.simulated().toNanos() / (one.wall().toNanos() * waits.scale()),
            ClientRateLimits.DEFAULTS + " per simulated second");
        // Whether the limits can have held a call back: the busiest second of each service against its limit.
        System.out.printf("  peak calls per wall second, 40 at --parallel 8: %s (limits: %s per wall second)%n",
            all.peakWall(), FleetCommandLine.scaledRateLimits(waits.scale()));
      }
      System.out.printf("  CPU of the process (control plane and JIT included) %d ms vs %d ms: %.2fx; per AWS call"
          + " %.2f ms vs %.2f ms (%d and %d calls)%n", all.cpu().toMillis(), one.cpu().toMillis(), cpuRatio,
          all.cpu().toNanos() / 1e6 / all.calls(), one.cpu().toNanos() / 1e6 / one.calls(), all.calls(), one.calls());
      System.out.printf("  threads added: %d (40 at --parallel 8), %d (one deployment)%n", all.threadsAdded(),
          one.threadsAdded());
      System.out.println("  AWS calls by API: one deployment | 40 at --parallel 8, per endpoint");
      Set<String> apis = new LinkedHashSet<>(all.byOperation().keySet());
      apis.addAll(one.byOperation().keySet());
      for (String api : apis) {
        System.out.printf("    %-45s %4d | %6.2f%n", api, one.byOperation().getOrDefault(api, 0L),
            all.byOperation().getOrDefault(api, 0L) / 40.0);
      }
      long inService = fleet.inServiceOnLastCommit();
      System.out.printf("  InService on their new configuration: %d of 40; load %s%n", inService,
          BenchmarkMachine.describe().get("load"));
      return new Outcome(waits, simulatedRatio, ratio, cpuRatio, inService);
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

    static Profile start(String name, String run) throws IOException {
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
}
