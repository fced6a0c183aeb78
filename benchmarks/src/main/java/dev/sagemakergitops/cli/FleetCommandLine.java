package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.ClientRateLimits;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.ScaledClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import picocli.CommandLine;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The fleet benchmark's way into the command line: runs it in-process on a local control plane (as
 * the command-line tests do), so the benchmark can read the process's threads and heap and count
 * every AWS call with an SDK interceptor. Lives in the command line's package because the runtime
 * it hands over ({@code CommandRuntime}) is not public API.
 *
 * <p>Two ways to wait ({@link Waits}): by moving the plane's clock to each wake-up (a virtual clock:
 * a wait costs no wall time), or on the path the command takes on AWS, against a plane on a
 * {@link ScaledClock}: the time is read from that clock and every wait is really slept, a simulated
 * duration d as d / scale of real time, with the parallel sync's rate limits on.
 */
public final class FleetCommandLine {
  private FleetCommandLine() {}

  /** How a command ended: its exit code, how many lines it printed, and its standard error. */
  public record Run(int exitCode, String out, String err) {}

  /**
   * How the command line waits between polls.
   *
   * @param scale 0: by advancing the plane's clock (virtual, or a scaled one shifted forward); above
   *     0: by really sleeping d / scale for a simulated d, on a plane whose clock is scaled by as much
   */
  public record Waits(double scale) {
    /** Waits by advancing the plane's clock: what the command-line tests and the benchmark always did. */
    public static final Waits ADVANCE = new Waits(0);

    public Waits {
      if (!(scale >= 0) || Double.isInfinite(scale)) {
        throw new IllegalArgumentException("scale: expected 0 (advance the clock) or above, got " + scale);
      }
    }

    /** Really sleeps, on a clock {@code scale} times faster than real time. */
    public static Waits sleep(double scale) {
      if (!(scale > 0)) {
        throw new IllegalArgumentException("a time scale must be above 0, got " + scale);
      }
      return new Waits(scale);
    }

    public boolean sleeps() {
      return scale > 0;
    }
  }

  /** Counts lines and keeps nothing. */
  private static final class LineCounter extends java.io.Writer {
    private long lines;

    @Override
    public void write(char[] buffer, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        if (buffer[i] == '\n') {
          lines++;
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /**
   * Runs {@code args} against {@code plane} with {@code --repo}, {@code --endpoint-url} and
   * {@code --region} added, waiting by advancing the plane's clock, counting calls with {@code calls}.
   */
  public static Run run(LocalControlPlane plane, Path repository, String region, ExecutionInterceptor calls,
      String... args) {
    return run(plane, Waits.ADVANCE, repository, region, calls, args);
  }

  /**
   * Runs {@code args} as {@link #run(LocalControlPlane, Path, String, ExecutionInterceptor, String...)}
   * does, waiting as {@code waits} says. Sleeping needs a plane on {@code SimulationClock.scaled} of
   * the same scale: the clock is then only read, never moved, so the simulated time a sync takes
   * is its wall time times the scale.
   */
  public static Run run(LocalControlPlane plane, Waits waits, Path repository, String region,
      ExecutionInterceptor calls, String... args) {
    CommandRuntime runtime;
    if (waits.sleeps()) {
      if (!(plane.clock() instanceof ScaledClock scaled) || scaled.scale() != waits.scale()) {
        throw new IllegalArgumentException("sleeping at a scale of " + waits.scale()
            + " needs a control plane on SimulationClock.scaled(" + waits.scale() + "), not " + plane.clock());
      }
      runtime = new CommandRuntime(plane.clock(), sleeper(waits.scale()),
          Map.of(ClientRateLimits.VARIABLE, scaledRateLimits(waits.scale())), PollingPolicy.defaults().withoutJitter(),
          new Random(7), List.of(calls));
    } else {
      runtime = new CommandRuntime(plane.clock(), plane::advance, Map.of(), PollingPolicy.defaults().withoutJitter(),
          new Random(7), List.of(calls));
    }
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--repo", repository.toString(), "--endpoint-url", plane.endpoint().toString(),
        "--region", region));
    CommandLine commandLine = Main.commandLine(runtime);
    // Standard output (the progress lines of hundreds of deployments) is counted, not kept: the benchmark measures the heap.
    StringWriter err = new StringWriter();
    LineCounter out = new LineCounter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(all.toArray(new String[0]));
    return new Run(exitCode, out.lines + " lines", err.toString());
  }

  /**
   * The parallel sync's default rate limits, {@code scale} times higher: what AWS sped up that many
   * times would allow. The command turns its limits off on any clock but the system's (their
   * seconds are real ones); on a sped-up AWS the real-second limits would slow it {@code scale}
   * times more than AWS does, so they are given as the environment variable, scaled.
   */
  public static String scaledRateLimits(double scale) {
    return ClientRateLimits.defaults().rates().entrySet().stream()
        .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.3f", e.getValue() * scale))
        .collect(Collectors.joining(","));
  }

  /**
   * Sleeps {@code d / scale} of real time for a simulated {@code d}. Parks for the nanoseconds
   * rather than {@code Thread.sleep}, which rounds up to a whole millisecond on Java 17: at a scale
   * of 6,000 that is 6 simulated seconds late at every wake-up.
   */
  static Sleeper sleeper(double scale) {
    return duration -> {
      long deadline = System.nanoTime() + (long) (duration.toNanos() / scale);
      for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          throw new InterruptedException("interrupted while sleeping " + duration + " of simulated time");
        }
      }
    };
  }
}
