package dev.sagemakergitops.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cold-start benchmark of issue 5 (point 1): how long {@code sagemaker-gitops} takes as a fresh
 * process, for {@code --help}, {@code validate --offline}, {@code explain <endpoint>} and a
 * {@code deploy} that changes nothing (the endpoint already serves the manifest: every call is a
 * read), each started with {@code java -jar} and with the launcher and its class-data-sharing
 * archive; side by side with the AWS CLI's cold start for the equivalent read
 * ({@code aws sagemaker describe-endpoint}) and a bare {@code java -version}.
 *
 * <p>The commands run against {@link ColdStartWorld}: the local control plane in this process on
 * a loopback port and a virtual clock. Every child process gets {@code AWS_ENDPOINT_URL}, dummy keys,
 * {@code AWS_REGION} and {@code SAGEMAKER_GITOPS_SIMULATED_TIME=local}; the launcher is timed once
 * more without that variable ("real clock": the process's own clock, as against AWS, where no
 * local clock is set up; none of these commands waits, so the clock is only read). Runs are
 * interleaved (one run of every case per round), so load from other work on the machine spreads
 * over all of them alike.
 *
 * <p>A program, not a timed test: run it with {@code benchmarks/run.sh cold}; see
 * {@code docs/benchmarks.md}, section "Cold start". Options:
 * <pre>
 *   --runs N             measured rounds (default 10)
 *   --warmup N           rounds run first and not counted (default 1)
 *   --jar FILE           the CLI jar (default cli/target/sagemaker-gitops.jar)
 *   --launcher FILE      the launcher (default cli/target/sagemaker-gitops; '' skips it). When a
 *                        -Paot build left a JDK AOT cache next to it, the launcher (which then uses
 *                        the cache) is also timed with JAVA=java, which takes the archive instead
 *   --before DIR         also time an earlier build's launcher: DIR holds a copy of its
 *                        sagemaker-gitops.jar and its launcher sagemaker-gitops; the harness makes the
 *                        archive again there, with that jar's own CdsTraining as the build does (an
 *                        archive only serves the jar path it was made for)
 *   --before-label TEXT  what the --before rows are called (default "before"), for an experiment
 *                        built by hand rather than an earlier commit
 *   --commands LIST      which of help,validate,explain,deploy (default all)
 *   --no-real-clock      skip the launcher runs without SAGEMAKER_GITOPS_SIMULATED_TIME (what a run
 *                        against AWS does; none of these commands waits, so the clock is only read)
 *   --aws-cli CMD        the AWS CLI (default aws, through pyenv's own path when pyenv knows it: its
 *                        shim, a shell script, would add 0.1 s to every run; '' skips the reference)
 *   --hold               set the world up, print its environment and keep it until interrupted, for
 *                        runs by hand (-Xlog:class+load, a profiler) instead of measuring
 * </pre>
 */
public final class ColdStartBenchmark {

  private static final List<String> ALL_COMMANDS = List.of("help", "validate", "explain", "deploy");
  private static final String SIMULATED_TIME = "SAGEMAKER_GITOPS_SIMULATED_TIME";

  private final Options options;

  private ColdStartBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    new ColdStartBenchmark(Options.parse(args)).run();
    // The control plane's server threads are gone; the SDK's daemon threads need not be waited for.
    System.exit(0);
  }

  /** One thing timed: a command line and what its environment adds to the world's. */
  private record Case(String command, String method, List<String> argv, Map<String, String> environment) {}

  private record Stats(double medianMs, double p90Ms, double minMs) {}

  private void run() throws Exception {
    Path work = Files.createTempDirectory("sagemaker-gitops-cold");
    System.out.println("Machine");
    BenchmarkMachine.print(BenchmarkMachine.describe(new String[] {"java", "java", "-version"},
        new String[] {"aws cli", options.awsCli.isEmpty() ? "true" : options.awsCli, "--version"}));
    System.out.println("  aws path   " + options.awsCli);
    System.out.println();
    try (ColdStartWorld world = new ColdStartWorld(work)) {
      System.out.println("Local control plane at " + world.plane.endpoint() + "; repository " + world.repository);
      List<Case> cases = cases(world);
      if (options.before != null) {
        archive(options.before);
      }
      for (Path launcher : new Path[] {options.launcher, options.before == null ? null
          : options.before.resolve("sagemaker-gitops")}) {
        if (launcher != null) {
          checkArchive(world, launcher, work);
        }
      }
      deployOnce(world, cases);
      if (options.hold) {
        hold(world);
        return;
      }
      String before = world.endpointFingerprint();

      Map<Case, double[]> times = new LinkedHashMap<>();
      cases.forEach(c -> times.put(c, new double[options.runs]));
      System.out.printf(Locale.ROOT, "%d case(s), %d warm-up and %d measured round(s), interleaved%n", cases.size(),
          options.warmup, options.runs);
      for (int round = -options.warmup; round < options.runs; round++) {
        for (Case c : cases) {
          double ms = time(world, c, work);
          if (round >= 0) {
            times.get(c)[round] = ms;
          }
        }
        System.out.printf(Locale.ROOT, round < 0 ? "  warm-up round done%n" : "  round %d of %d done%n", round + 1,
            options.runs);
      }

      String after = world.endpointFingerprint();
      if (!before.equals(after)) {
        throw new IllegalStateException("the deploys changed the endpoint: " + before + " -> " + after);
      }
      System.out.println("Endpoint unchanged by the measured deploys: " + after);
      printTable(summarise(times));
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What is measured

  private List<Case> cases(ColdStartWorld world) {
    Map<String, List<String>> methods = new LinkedHashMap<>();
    if (options.before != null) {
      // java -jar of an earlier build runs the same classes without an archive: only its launcher differs.
      methods.put(options.beforeLabel + ": launcher", List.of(options.before.resolve("sagemaker-gitops").toString()));
    }
    methods.put("java -jar", List.of("java", "-jar", options.jar.toString()));
    if (options.launcher != null) {
      methods.put("launcher", List.of(options.launcher.toString()));
    }
    Map<String, String> realClock = Map.of(SIMULATED_TIME, "");
    // A launcher with a JDK AOT cache (a -Paot build) starts the JDK that made it; JAVA=java makes the same
    // launcher take the class-data-sharing archive and the java on the PATH, so both are timed side by side.
    boolean aot = options.launcher != null && hasAotCache(options.launcher);
    Map<String, String> archiveOnly = Map.of("JAVA", "java");
    List<Case> cases = new ArrayList<>();
    for (String command : options.commands) {
      List<String> arguments = arguments(world, command);
      methods.forEach((method, prefix) -> cases.add(new Case(command, method, concat(prefix, arguments), Map.of())));
      if (aot) {
        cases.add(new Case(command, "launcher, archive (JAVA=java)",
            concat(methods.get("launcher"), arguments), archiveOnly));
      }
      if (options.realClock) {
        methods.forEach((method, prefix) -> {
          if (method.endsWith("launcher")) {
            cases.add(new Case(command, method + ", real clock", concat(prefix, arguments), realClock));
          }
        });
        if (aot) {
          Map<String, String> both = new LinkedHashMap<>(realClock);
          both.putAll(archiveOnly);
          cases.add(new Case(command, "launcher, archive (JAVA=java), real clock",
              concat(methods.get("launcher"), arguments), both));
        }
      }
    }
    if (!options.awsCli.isEmpty()) {
      cases.add(new Case("reference", "aws sagemaker describe-endpoint", List.of(options.awsCli, "sagemaker",
          "describe-endpoint", "--endpoint-name", ColdStartWorld.ENDPOINT, "--endpoint-url",
          world.plane.endpoint().toString(), "--region", ColdStartWorld.REGION), Map.of()));
    }
    cases.add(new Case("reference", "java -version", List.of("java", "-version"), Map.of()));
    return cases;
  }

  private static List<String> arguments(ColdStartWorld world, String command) {
    String repo = world.repository.toString();
    return switch (command) {
      case "help" -> List.of("--help");
      case "validate" -> List.of("validate", "--offline", "--repo", repo);
      case "explain" -> List.of("explain", ColdStartWorld.ENDPOINT);
      case "deploy" -> List.of("deploy", "--repo", repo, ColdStartWorld.PATH);
      default -> throw new IllegalArgumentException("unknown command " + command);
    };
  }

  /**
   * The deploy that makes the endpoint serve the manifest (with the first CLI method), then one
   * more that must find nothing to do: what every measured deploy repeats.
   */
  private void deployOnce(ColdStartWorld world, List<Case> cases) throws IOException, InterruptedException {
    Case deploy = cases.stream().filter(c -> c.method.equals("java -jar")).findFirst().orElseThrow();
    List<String> argv = concat(deploy.argv.subList(0, 3), arguments(world, "deploy"));
    Path out = Files.createTempFile("cold-deploy", ".txt");
    long start = System.nanoTime();
    exec(world, argv, Map.of(), out);
    System.out.printf(Locale.ROOT, "First deploy (creates the endpoint, on virtual time) took %.1f s%n",
        (System.nanoTime() - start) / 1e9);
    exec(world, argv, Map.of(), out);
    String text = Files.readString(out, StandardCharsets.UTF_8);
    if (!text.contains("no update needed")) {
      throw new IllegalStateException("the second deploy did something; its output:\n" + text);
    }
    System.out.println("A second deploy changes nothing: "
        + Arrays.stream(text.split("\n")).filter(l -> l.contains("no update needed")).findFirst().orElse("").strip());
    Files.delete(out);
  }

  /** Makes {@code dir}'s archive as cli/pom.xml does, with the training of the jar in {@code dir}. */
  private static void archive(Path dir) throws IOException, InterruptedException {
    Path jsa = dir.resolve("sagemaker-gitops.jsa");
    Files.deleteIfExists(jsa);
    ProcessBuilder builder = new ProcessBuilder("java", "-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off", "-cp", dir.resolve("sagemaker-gitops.jar").toString(),
        "dev.sagemakergitops.cli.CdsTraining").inheritIO();
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    long start = System.nanoTime();
    if (builder.start().waitFor() != 0 || !Files.exists(jsa)) {
      throw new IllegalStateException("could not make the archive of " + dir);
    }
    System.out.printf(Locale.ROOT, "Made %s (%d MB) in %.1f s%n", jsa, Files.size(jsa) >> 20,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Fails unless {@code launcher} maps its archive: with {@code -Xshare:on} the JVM refuses to start
   * when the archive is missing or was made for another jar, where the launcher would silently
   * start without it and be measured as something it is not.
   */
  private static void checkArchive(ColdStartWorld world, Path launcher, Path work)
      throws IOException, InterruptedException {
    if (!Files.exists(launcher.resolveSibling("sagemaker-gitops.jsa"))) {
      throw new IllegalStateException("no archive next to " + launcher + ": the launcher would start without one");
    }
    exec(world, List.of(launcher.toString(), "--version"), Map.of("SAGEMAKER_GITOPS_JAVA_OPTS", "-Xshare:on",
        "JAVA", "java"), work.resolve("archive-check.txt"));
    if (hasAotCache(launcher)) {
      // -XX:AOTMode=on: the JVM refuses to start unless it maps the cache, as -Xshare:on does for the archive.
      exec(world, List.of(launcher.toString(), "--version"), Map.of("SAGEMAKER_GITOPS_JAVA_OPTS", "-XX:AOTMode=on"),
          work.resolve("aot-check.txt"));
    }
  }

  /** Whether a -Paot build left a JDK AOT cache the launcher will use (see cli/src/main/dist/sagemaker-gitops). */
  private static boolean hasAotCache(Path launcher) {
    Path cache = launcher.resolveSibling("sagemaker-gitops.aot");
    try {
      return Files.exists(cache) && Files.exists(launcher.resolveSibling("sagemaker-gitops.aot.java"))
          && Files.getLastModifiedTime(cache).compareTo(
              Files.getLastModifiedTime(launcher.resolveSibling("sagemaker-gitops.jar"))) > 0;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void hold(ColdStartWorld world) throws InterruptedException {
    System.out.println("The world is up; in another shell:");
    world.environment().forEach((k, v) -> System.out.println("export " + k + "=" + v));
    System.out.println("# for example: cli/target/sagemaker-gitops deploy --repo " + world.repository + " "
        + ColdStartWorld.PATH);
    System.out.println("Ctrl-C stops it.");
    Thread.currentThread().join();
  }

  private double time(ColdStartWorld world, Case c, Path work) throws IOException, InterruptedException {
    Path out = work.resolve("last-output.txt");
    long start = System.nanoTime();
    exec(world, c.argv, c.environment, out);
    return (System.nanoTime() - start) / 1e6;
  }

  /** Runs {@code argv} to its end in the world's environment; fails with its output unless it exits 0. */
  private static void exec(ColdStartWorld world, List<String> argv, Map<String, String> extra, Path out)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(out.toFile()));
    builder.environment().putAll(world.environment());
    extra.forEach((k, v) -> {
      if (v.isEmpty()) {
        builder.environment().remove(k);
      } else {
        builder.environment().put(k, v);
      }
    });
    int code = builder.start().waitFor();
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " exited with " + code + ":\n"
          + Files.readString(out, StandardCharsets.UTF_8));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reporting

  private static Map<Case, Stats> summarise(Map<Case, double[]> times) {
    Map<Case, Stats> stats = new LinkedHashMap<>();
    times.forEach((c, ms) -> {
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      stats.put(c, new Stats(Percentile.of(sorted, 50), Percentile.of(sorted, 90), sorted[0]));
    });
    return stats;
  }

  private static void printTable(Map<Case, Stats> stats) {
    Stats aws = find(stats, "aws sagemaker describe-endpoint");
    Stats java = find(stats, "java -version");
    System.out.println();
    System.out.println("| command | method | median ms | p90 ms | min ms | / aws cli | / java -version |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    stats.forEach((c, s) -> System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %s | %s |%n",
        label(c.command), c.method, s.medianMs, s.p90Ms, s.minMs, ratio(s, aws), ratio(s, java)));
  }

  private static Stats find(Map<Case, Stats> stats, String method) {
    return stats.entrySet().stream().filter(e -> e.getKey().method.equals(method)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  private static String ratio(Stats s, Stats reference) {
    return reference == null ? "" : String.format(Locale.ROOT, "%.2f", s.medianMs / reference.medianMs);
  }

  private static String label(String command) {
    return switch (command) {
      case "help" -> "`--help`";
      case "validate" -> "`validate --offline`";
      case "explain" -> "`explain churn-prod`";
      case "deploy" -> "`deploy`, no change";
      default -> command;
    };
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // ---------------------------------------------------------------------------------------------

  private static final class Options {
    int runs = 10;
    int warmup = 1;
    Path jar = Path.of("cli/target/sagemaker-gitops.jar");
    Path launcher = Path.of("cli/target/sagemaker-gitops");
    Path before;
    String beforeLabel = "before";
    List<String> commands = ALL_COMMANDS;
    boolean realClock = true;
    String awsCli;
    boolean hold;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--runs" -> o.runs = Integer.parseInt(args[++i]);
          case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
          case "--jar" -> o.jar = Path.of(args[++i]);
          case "--launcher" -> {
            String value = args[++i];
            o.launcher = value.isEmpty() ? null : Path.of(value);
          }
          case "--before" -> o.before = Path.of(args[++i]);
          case "--before-label" -> o.beforeLabel = args[++i];
          case "--commands" -> o.commands = List.of(args[++i].split(","));
          case "--no-real-clock" -> o.realClock = false;
          case "--aws-cli" -> o.awsCli = args[++i];
          case "--hold" -> o.hold = true;
          default -> throw new IllegalArgumentException("unknown option " + arg + "; see ColdStartBenchmark's javadoc");
        }
      }
      Set<String> unknown = o.commands.stream().filter(c -> !ALL_COMMANDS.contains(c)).collect(Collectors.toSet());
      if (!unknown.isEmpty() || o.runs < 1) {
        throw new IllegalArgumentException("--commands takes " + String.join(",", ALL_COMMANDS) + " (got " + unknown
            + "); --runs at least 1");
      }
      if (o.awsCli == null) {
        String real = BenchmarkMachine.tryCapture("pyenv", "which", "aws").strip();
        o.awsCli = real.startsWith("/") && Files.isExecutable(Path.of(real)) ? real : "aws";
      }
      o.jar = o.jar.toAbsolutePath();
      o.launcher = o.launcher == null || !Files.isExecutable(o.launcher) ? null : o.launcher.toAbsolutePath();
      o.before = o.before == null ? null : o.before.toAbsolutePath();
      return o;
    }
  }
}
