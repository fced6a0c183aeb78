package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.local.LocalControlPlane;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The fleet benchmark's way into the command line: runs it in-process on a local control plane's
 * virtual clock (as the command-line tests do), so the benchmark can read the process's threads and
 * heap and count every AWS call with an SDK interceptor. Lives in the command line's package
 * because the runtime it hands over ({@code CommandRuntime}) is not public API.
 */
public final class FleetCommandLine {
  private FleetCommandLine() {}

  /** How a command ended: its exit code, how many lines it printed, and its standard error. */
  public record Run(int exitCode, String out, String err) {}

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
    CommandRuntime runtime = new CommandRuntime(plane.clock(), plane::advance, Map.of(),
        PollingPolicy.defaults().withoutJitter(), new Random(7), List.of(calls));
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
}
