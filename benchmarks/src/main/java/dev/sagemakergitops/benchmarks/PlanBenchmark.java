package dev.sagemakergitops.benchmarks;

import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.plan.GitOpsPlan;
import dev.sagemakergitops.core.plan.PlanBuilder;
import dev.sagemakergitops.core.plan.PlanRenderer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The {@code plan} benchmark of the foundation issue: a GitOps repository of 1,000 manifests and
 * 10,000 commits, planned between refs 1 and 1,000 commits apart, in process (warm), as a cold CLI
 * run, and side by side with native git doing the same logical work (list the changed files, read
 * both sides of each). The in-process plan, its Git part and native git's cat-file --batch are run
 * interleaved, so each run's ratio compares figures taken in the same second on a shared machine.
 *
 * <p>Run it with {@code benchmarks/run.sh}; see {@code docs/benchmarks.md}. Options:
 * <pre>
 *   --dir DIR            where generated repositories live (default benchmarks/target/repos)
 *   --manifests N        manifests in the repository (default 1000)
 *   --commits N          commits in the repository (default 10000)
 *   --seed N             random seed of the history (default 42)
 *   --warmup N           in-process warm-up iterations per scenario (default 10)
 *   --runs N             measured runs per scenario and method (default 15)
 *   --cold-runs N        cold CLI runs per scenario (default 10)
 *   --jar FILE           the CLI jar (default cli/target/sagemaker-gitops.jar)
 *   --launcher FILE      also time this launcher script (default cli/target/sagemaker-gitops, when present)
 *   --skip-cold          in-process and native git only
 *   --native-per-file    also time native git with one process per file (minutes under load)
 *   --generate-only      make the repository and stop
 * </pre>
 */
public final class PlanBenchmark {

  private final Options options;

  private PlanBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    new PlanBenchmark(Options.parse(args)).run();
  }

  private void run() throws Exception {
    Path repo = new PlanHistory(options.dir, options.manifests, options.commits, options.seed).ensure();
    if (options.generateOnly) {
      return;
    }
    System.out.println();
    System.out.println("Machine");
    BenchmarkMachine.print(BenchmarkMachine.describe(new String[] {"java", "java", "-version"}, new String[] {"git", "git", "--version"}));
    System.out.println();

    List<Scenario> scenarios = List.of(new Scenario("1 commit apart", "HEAD~1", "HEAD"),
        new Scenario("1,000 commits apart", "HEAD~1000", "HEAD"));
    List<Row> rows = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      List<String> changed = changedFiles(repo, scenario);
      System.out.printf(Locale.ROOT, "Scenario %s (%s..%s): %d changed manifests%n", scenario.name, scenario.base,
          scenario.head, changed.size());
      // The three warm figures are taken interleaved (plan, Git alone, native git, plan, ...), so load from
      // other processes falls on all three alike; each run's plan / native ratio is kept for its spread.
      List<Stats> warm = measureInterleaved(options.warmup, options.runs,
          new Method("in-process plan + JSON", () -> planInProcess(repo, scenario, changed.size())),
          new Method("  of which Git diff + last commits", () -> gitInProcess(repo, scenario)),
          new Method("native git, cat-file --batch", () -> nativeBatch(repo, scenario)));
      Stats nativePerFile = !options.nativePerFile ? null : measure("native git, one process per file", 1,
          Math.min(options.runs, 7), () -> nativePerFile(repo, scenario));
      Stats cold = options.skipCold ? null : measure("cold CLI, java -jar", 1, options.coldRuns,
          () -> coldCli(repo, scenario, List.of("java", "-jar", options.jar.toString())));
      Stats launcher = options.skipCold || options.launcher == null || !Files.isExecutable(options.launcher) ? null
          : measure("cold CLI, launcher", 1, options.coldRuns,
              () -> coldCli(repo, scenario, List.of(options.launcher.toString())));
      rows.add(new Row(scenario, changed.size(), warm.get(0), warm.get(1), warm.get(2), nativePerFile, cold,
          launcher));
    }
    printTable(rows);
  }

  // ---------------------------------------------------------------------------------------------
  // What is measured

  private record Scenario(String name, String base, String head) {}

  private static Object planInProcess(Path repo, Scenario scenario, int expectedModels) {
    try (GitRepository git = GitRepository.open(repo)) {
      GitOpsPlan plan = PlanBuilder.offline().plan(git, scenario.base, scenario.head, List.of());
      String json = PlanRenderer.json(plan);
      if (plan.models().size() != expectedModels || plan.hasProblems()) {
        throw new IllegalStateException("plan of " + scenario.name + " has " + plan.models().size()
            + " models (expected " + expectedModels + "), problems: " + plan.hasProblems());
      }
      return json.length();
    }
  }

  /** Part of the in-process figure: Git alone (tree diff, blob reads, last-commit walk), no YAML, no JSON. */
  private static Object gitInProcess(Path repo, Scenario scenario) {
    try (GitRepository git = GitRepository.open(repo)) {
      return git.diff(scenario.base, scenario.head, List.of()).changes().size();
    }
  }

  private List<String> changedFiles(Path repo, Scenario scenario) throws IOException, InterruptedException {
    String out = new String(Commands.capture(repo, "git", "diff", "--name-only", scenario.base, scenario.head),
        StandardCharsets.UTF_8);
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
  }

  /** git diff --name-only, then git show head:path and base:path, one process each. */
  private Object nativePerFile(Path repo, Scenario scenario) throws Exception {
    String base = revParse(repo, scenario.base);
    String head = revParse(repo, scenario.head);
    long bytes = 0;
    for (String path : changedFiles(repo, List.of(base, head))) {
      bytes += showIfPresent(repo, head + ":" + path);
      bytes += showIfPresent(repo, base + ":" + path);
    }
    return bytes;
  }

  /** git diff --name-only, then one git cat-file --batch for every side of every file. */
  private Object nativeBatch(Path repo, Scenario scenario) throws Exception {
    String base = revParse(repo, scenario.base);
    String head = revParse(repo, scenario.head);
    List<String> files = changedFiles(repo, List.of(base, head));
    Process process = new ProcessBuilder("git", "cat-file", "--batch").directory(repo.toFile()).start();
    Thread feeder = new Thread(() -> {
      try (OutputStream in = new BufferedOutputStream(process.getOutputStream())) {
        for (String path : files) {
          in.write((head + ":" + path + "\n" + base + ":" + path + "\n").getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    feeder.start();
    long bytes = process.getInputStream().transferTo(OutputStream.nullOutputStream());
    feeder.join();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("git cat-file --batch failed");
    }
    return bytes;
  }

  private List<String> changedFiles(Path repo, List<String> baseAndHead) throws IOException, InterruptedException {
    String out = new String(Commands.capture(repo, "git", "diff", "--name-only", baseAndHead.get(0), baseAndHead.get(1)),
        StandardCharsets.UTF_8);
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
  }

  private static String revParse(Path repo, String ref) throws IOException, InterruptedException {
    return new String(Commands.capture(repo, "git", "rev-parse", "--verify", ref + "^{commit}"), StandardCharsets.UTF_8).trim();
  }

  private static long showIfPresent(Path repo, String object) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("git", "show", object).directory(repo.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long bytes = process.getInputStream().transferTo(OutputStream.nullOutputStream());
    process.waitFor();
    return bytes; // a file added or removed between the refs has one side only; git show then fails
  }

  private Object coldCli(Path repo, Scenario scenario, List<String> command) throws Exception {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of("plan", "--repo", repo.toString(), "--offline", "--base", scenario.base, "--head",
        scenario.head, "--format", "json"));
    Process process = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long bytes = process.getInputStream().transferTo(OutputStream.nullOutputStream());
    int code = process.waitFor();
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", full) + " exited with " + code);
    }
    return bytes;
  }

  // ---------------------------------------------------------------------------------------------
  // Timing and reporting

  /**
   * One timed figure; {@code ratios} are the per-run ratios to the last method of an interleaved
   * measurement (median, minimum, maximum), empty otherwise.
   */
  private record Stats(String label, double medianMs, double p90Ms, int runs, double[] ratios) {
    Stats(String label, double medianMs, double p90Ms, int runs) {
      this(label, medianMs, p90Ms, runs, new double[0]);
    }
  }

  private record Method(String label, Callable<Object> action) {}

  /**
   * Runs every method once per run, in the given order, {@code warmup} untimed runs first; the per-run
   * ratios are taken against the last method (the reference).
   */
  private static List<Stats> measureInterleaved(int warmup, int runs, Method... methods) throws Exception {
    for (int i = 0; i < warmup; i++) {
      for (Method method : methods) {
        method.action().call();
      }
    }
    double[][] ms = new double[methods.length][runs];
    for (int run = 0; run < runs; run++) {
      for (int m = 0; m < methods.length; m++) {
        long start = System.nanoTime();
        methods[m].action().call();
        ms[m][run] = (System.nanoTime() - start) / 1e6;
      }
    }
    double[] reference = ms[methods.length - 1];
    List<Stats> stats = new ArrayList<>();
    for (int m = 0; m < methods.length; m++) {
      double[] ratios = new double[runs];
      for (int run = 0; run < runs; run++) {
        ratios[run] = ms[m][run] / reference[run];
      }
      double[] sorted = ms[m].clone();
      Arrays.sort(sorted);
      Arrays.sort(ratios);
      Stats figure = new Stats(methods[m].label(), Percentile.of(sorted, 50), Percentile.of(sorted, 90), runs,
          m == methods.length - 1 ? new double[0]
              : new double[] {Percentile.of(ratios, 50), ratios[0], ratios[runs - 1]});
      System.out.printf(Locale.ROOT, "  %-40s median %8.1f ms  p90 %8.1f ms  (%d runs, %d warm-up, interleaved)%s%n",
          figure.label, figure.medianMs, figure.p90Ms, runs, warmup, figure.ratios.length == 0 ? ""
              : String.format(Locale.ROOT, "  / native per run: median %.2f, %.2f to %.2f", figure.ratios[0],
                  figure.ratios[1], figure.ratios[2]));
      stats.add(figure);
    }
    return stats;
  }

  private static Stats measure(String label, int warmup, int runs, Callable<Object> action) throws Exception {
    Object sink = null;
    for (int i = 0; i < warmup; i++) {
      sink = action.call();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      sink = action.call();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    Stats stats = new Stats(label, Percentile.of(ms, 50), Percentile.of(ms, 90), runs);
    System.out.printf(Locale.ROOT, "  %-40s median %8.1f ms  p90 %8.1f ms  (%d runs, %d warm-up)%s%n", label,
        stats.medianMs, stats.p90Ms, runs, warmup, sink == null ? "" : "");
    return stats;
  }

  private record Row(Scenario scenario, int changed, Stats inProcess, Stats diffOnly, Stats nativeBatch,
      Stats nativePerFile, Stats cold, Stats launcher) {}

  private static void printTable(List<Row> rows) {
    System.out.println();
    System.out.println("| scenario | changed | method | median ms | p90 ms | / native batch (medians) |"
        + " / native batch per run: median, min to max | / native per file |");
    System.out.println("|---|---:|---|---:|---:|---:|---:|---:|");
    for (Row row : rows) {
      line(row, row.inProcess, true);
      line(row, row.diffOnly, true);
      line(row, row.cold, true);
      line(row, row.launcher, true);
      line(row, row.nativeBatch, false);
      line(row, row.nativePerFile, false);
    }
  }

  private static void line(Row row, Stats stats, boolean ratio) {
    if (stats == null) {
      return;
    }
    String vsBatch = ratio ? String.format(Locale.ROOT, "%.2f", stats.medianMs / row.nativeBatch.medianMs) : "";
    String perRun = stats.ratios.length == 0 ? "" : String.format(Locale.ROOT, "%.2f, %.2f to %.2f",
        stats.ratios[0], stats.ratios[1], stats.ratios[2]);
    String vsPerFile = ratio && row.nativePerFile != null
        ? String.format(Locale.ROOT, "%.2f", stats.medianMs / row.nativePerFile.medianMs) : "";
    System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %s | %s | %s |%n", row.scenario.name,
        row.changed, stats.label.strip(), stats.medianMs, stats.p90Ms, vsBatch, perRun, vsPerFile);
  }

  // ---------------------------------------------------------------------------------------------

  private static final class Options {
    Path dir = Path.of("benchmarks/target/repos");
    int manifests = 1000;
    int commits = 10_000;
    long seed = 42;
    int warmup = 10;
    int runs = 15;
    int coldRuns = 10;
    Path jar = Path.of("cli/target/sagemaker-gitops.jar");
    Path launcher = Path.of("cli/target/sagemaker-gitops");
    boolean skipCold;
    boolean nativePerFile;
    boolean generateOnly;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--dir" -> o.dir = Path.of(args[++i]);
          case "--manifests" -> o.manifests = Integer.parseInt(args[++i]);
          case "--commits" -> o.commits = Integer.parseInt(args[++i]);
          case "--seed" -> o.seed = Long.parseLong(args[++i]);
          case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
          case "--runs" -> o.runs = Integer.parseInt(args[++i]);
          case "--cold-runs" -> o.coldRuns = Integer.parseInt(args[++i]);
          case "--jar" -> o.jar = Path.of(args[++i]);
          case "--launcher" -> {
            String value = args[++i];
            o.launcher = value.isEmpty() ? null : Path.of(value);
          }
          case "--skip-cold" -> o.skipCold = true;
          case "--native-per-file" -> o.nativePerFile = true;
          case "--generate-only" -> o.generateOnly = true;
          default -> throw new IllegalArgumentException("unknown option " + arg + "; see PlanBenchmark's javadoc");
        }
      }
      if (o.commits < 1001) {
        throw new IllegalArgumentException("--commits must be above 1000: the benchmark plans HEAD~1000..HEAD");
      }
      return o;
    }
  }
}
