package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** One run of the real command line in-process, with what it printed and its exit code. */
record CommandLineRun(int exitCode, String out, String err) {

  /** A run on the command tree the process builds for {@code args} ({@code Main.run}'s). */
  static CommandLineRun of(String... args) {
    return of(Main.commandLine(CommandRuntime.system(), args), args);
  }

  /** A run whose commands use {@code runtime}: a virtual clock, a sleeper that advances it. */
  static CommandLineRun of(CommandRuntime runtime, String... args) {
    return of(Main.commandLine(runtime, args), args);
  }

  /** A run of {@code args} on {@code commandLine}, a tree a test built. */
  static CommandLineRun of(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CommandLineRun(exitCode, out.toString(), err.toString());
  }

  /** Standard output parsed as JSON. */
  JsonNode json() {
    try {
      return new ObjectMapper().readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("standard output is not JSON: " + out + "\nstandard error: " + err, e);
    }
  }
}
