package dev.sagemakergitops.liveaws;

import dev.sagemakergitops.liveaws.probe.Probe;
import dev.sagemakergitops.liveaws.probe.ProbeRun;
import dev.sagemakergitops.liveaws.probe.Probes;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code mvn -Plive-aws verify}: the probes against a real AWS account. Prints the cost estimate
 * first, refuses to make any call without {@code -Dlive-aws.region} and
 * {@code -Dlive-aws.confirm=I-UNDERSTAND-THIS-COSTS-MONEY}, names and tags everything for the run,
 * deletes it all at the end (after a failure or an interrupt too), and writes each probe's answers
 * as its fixture. {@code -Dlive-aws.mode=cleanup} deletes what interrupted runs left. See
 * docs/live-aws.md.
 */
public final class LiveAws {
  private final Function<LiveAwsSettings, ProbeTarget> targets;
  private final PrintStream out;
  private final Clock clock;

  /**
   * @param targets builds the target for the settings (a {@link RealAccount} in {@link #main})
   */
  public LiveAws(Function<LiveAwsSettings, ProbeTarget> targets, PrintStream out, Clock clock) {
    this.targets = targets;
    this.out = out;
    this.clock = clock;
  }

  public static void main(String[] args) {
    LiveAwsSettings settings = LiveAwsSettings.from(System.getProperties());
    int status = new LiveAws(RealAccount::new, System.out, Clock.systemUTC()).run(settings, Probes.all());
    if (status != 0) {
      // Thrown, not System.exit: under exec:java the Maven build fails with this message.
      throw new IllegalStateException("the live AWS checks did not complete (exit status " + status + "); see above");
    }
  }

  /** Runs {@code settings.mode()}; answers 0 on success, 1 when a probe failed or something is left, 2 when refused. */
  public int run(LiveAwsSettings settings, List<Probe> allProbes) {
    List<Probe> probes = selected(settings, allProbes);
    if (probes == null) {
      return 2;
    }
    if (!settings.mode().equals("cleanup")) {
      out.println("live AWS checks: " + probes.size() + " probes; cost estimate:");
      CostEstimate.describe(probes).forEach(out::println);
    }
    List<String> problems = settings.problems(probes.stream().map(Probe::id).toList());
    if (!problems.isEmpty()) {
      out.println("refused, nothing was called:");
      problems.forEach(p -> out.println("  " + p));
      return 2;
    }
    if (settings.mode().equals("estimate")) {
      return 0;
    }
    ProbeTarget target = targets.apply(settings);
    if (settings.mode().equals("cleanup")) {
      out.println("cleaning up what earlier runs left in " + settings.region() + ":");
      List<String> deleted = new Cleanup(target, out).run(null);
      out.println(deleted.isEmpty() ? "  nothing left by earlier runs" : "  " + deleted.size() + " deleted");
      return 0;
    }
    return runProbes(settings, target, probes);
  }

  private List<Probe> selected(LiveAwsSettings settings, List<Probe> allProbes) {
    if (settings.probes().isEmpty()) {
      return allProbes;
    }
    List<Probe> probes = new ArrayList<>();
    for (String id : settings.probes()) {
      var probe = allProbes.stream().filter(p -> p.id().equals(id)).findFirst();
      if (probe.isEmpty()) {
        out.println("refused: -Dlive-aws.probes names " + id + ", which is not a probe; the probes are "
            + allProbes.stream().map(Probe::id).toList());
        return null;
      }
      probes.add(probe.get());
    }
    return probes;
  }

  private int runProbes(LiveAwsSettings settings, ProbeTarget target, List<Probe> probes) {
    RunLedger ledger = new RunLedger(RunLedger.newRunId(clock));
    out.println("run " + ledger.runId() + " in " + settings.region() + "; every resource is named " + ledger.prefix()
        + "* and tagged " + RunLedger.TAG_KEY + "=" + ledger.runId());
    Thread interrupted = new Thread(() -> {
      out.println("interrupted: deleting what run " + ledger.runId() + " created");
      ledger.deleteAll(out);
    });
    Runtime.getRuntime().addShutdownHook(interrupted);
    int failed = 0;
    List<RunLedger.Resource> left;
    try {
      ProbeRun run = new ProbeRun(target, ledger, line -> out.println("    " + line));
      for (Probe probe : probes) {
        out.println(probe.id() + ": " + probe.question());
        try {
          List<Observation> observations = probe.run(run);
          observations.forEach(o -> out.println("  " + o.name() + ": " + o.outcome()
              + (o.outcome().equals(Observation.REFUSED) ? " " + o.errorCode() + ": " + o.errorMessage() : " " + o.answer())));
          Fixture.writeRecorded(settings.fixtures(), probe.id(), settings.region(), clock.instant(), observations);
          out.println("  recorded in " + settings.fixtures().resolve(Fixture.fileName(probe.id())));
        } catch (RuntimeException e) {
          failed++;
          out.println("  FAILED, its fixture is left as it was: " + e);
        }
      }
    } finally {
      out.println("deleting what run " + ledger.runId() + " created:");
      left = ledger.deleteAll(out);
      Runtime.getRuntime().removeShutdownHook(interrupted);
    }
    if (!left.isEmpty()) {
      out.println(left.size() + " resources could not be deleted; run again with -Dlive-aws.mode=cleanup"
          + " -Dlive-aws.region=" + settings.region() + ", or delete them by hand (names above)");
    }
    return failed == 0 && left.isEmpty() ? 0 : 1;
  }
}
