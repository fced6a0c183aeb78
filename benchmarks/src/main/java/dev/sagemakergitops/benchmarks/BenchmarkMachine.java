package dev.sagemakergitops.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every benchmark prints about the machine it ran on, so its figures can be compared later. */
final class BenchmarkMachine {
  private BenchmarkMachine() {}

  /** nproc, CPU, memory, load, OS and the harness JVM; {@code extra} adds tool versions (label, command). */
  static Map<String, String> describe(String[]... extra) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("nproc", firstLine(tryCapture("nproc")) + " (JVM sees " + Runtime.getRuntime().availableProcessors() + ")");
    out.put("cpu", procLine("/proc/cpuinfo", "model name"));
    out.put("memory", procLine("/proc/meminfo", "MemTotal"));
    out.put("load", tryRead("/proc/loadavg"));
    out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    out.put("harness", "java " + System.getProperty("java.vm.version") + ", " + System.getProperty("java.vm.name"));
    for (String[] tool : extra) {
      String[] command = java.util.Arrays.copyOfRange(tool, 1, tool.length);
      out.put(tool[0], tryCapture(command).strip().replace("\n", " | "));
    }
    return out;
  }

  static void print(Map<String, String> machine) {
    machine.forEach((k, v) -> System.out.printf(java.util.Locale.ROOT, "  %-10s %s%n", k, v));
  }

  static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text.strip() : text.substring(0, newline).strip();
  }

  /** A command's combined output, or "unknown (...)" when it cannot run: machine facts are best effort. */
  static String tryCapture(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out;
    } catch (IOException | InterruptedException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String procLine(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String tryRead(String file) {
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
