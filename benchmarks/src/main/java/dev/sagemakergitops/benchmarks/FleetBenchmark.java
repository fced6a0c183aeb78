package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.cli.FleetCommandLine;
import java.util.Arrays;
import java.util.List;

/**
 * The fleet benchmark (issue 17, docs/benchmarks.md, section "Fleet"): {@code sync --parallel N} of
 * a commit that bumps every endpoint of a fleet ({@link Fleet}), run by the real command line
 * in-process on the local control plane's virtual clock, for each fleet size and each N. Prints, per
 * run: the simulated duration, the wall time, AWS calls per endpoint, the peak calls per second per
 * service (per simulated second, what AWS would see, and per wall second), the heap (peak sampled,
 * and live after a full GC at the end) and the threads the sync added. Then the goal
 * ({@link FleetGoal}): 40 bumped endpoints at {@code --parallel 8} against one deployment, simulated
 * and wall time, as ratios measured in the same run, with the calls of each by API (per endpoint for
 * the 40).
 *
 * <p>Options: {@code --sizes 10,100,500} {@code --parallel 1,8,32} {@code --goal-only} {@code --no-goal}
 * {@code --goal-runs N} (the goal N times, each on a fleet of its own, then the median ratio: one run
 * is noisy on a shared machine) {@code --profile FILE} (a flight recording of each goal run's two
 * measured syncs, {@code FILE-<run>.jfr}) {@code --time-scale X[,Y...]} (the goal on a control plane
 * on {@code SimulationClock.scaled(X)} instead of the virtual clock, once per scale and run, the
 * runs interleaved: the command line then takes the path it takes on AWS, reading that clock and
 * really sleeping each simulated wait d as d / X, with the parallel sync's rate limits X times the
 * defaults; the medians are per scale; the table of sizes stays on the virtual clock).
 * The control plane and the command line share the JVM, so the heap and thread figures include the
 * control plane's; the thread figure is the peak during the sync minus the threads before it.
 */
public final class FleetBenchmark {
  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(10, 100, 500);
    List<Integer> parallels = List.of(1, 8, 32);
    List<FleetCommandLine.Waits> goalWaits = List.of(FleetCommandLine.Waits.ADVANCE);
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
        case "--time-scale" -> goalWaits = Arrays.stream(args[++i].split(",")).map(String::trim)
            .map(scale -> FleetCommandLine.Waits.sleep(Double.parseDouble(scale))).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --sizes 10,100,500"
            + " --parallel 1,8,32 --goal-only --no-goal --goal-runs N --profile FILE --time-scale X[,Y...]");
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
            Fleet.Measured run = fleet.bumpAll("churn/2", parallel);
            System.out.println(run.row(size, parallel));
          }
        }
      }
    }
    if (goal) {
      FleetGoal.runAll(goalWaits, goalRuns, profile);
    }
  }

  private static List<Integer> numbers(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).map(Integer::parseInt).toList();
  }
}
