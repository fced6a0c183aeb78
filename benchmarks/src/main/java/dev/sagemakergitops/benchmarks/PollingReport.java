package dev.sagemakergitops.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What the {@link PollingBenchmark} prints: per scenario, the summary table, and the figures' formats. */
final class PollingReport {
  private PollingReport() {}

  /** One scenario: its ground truth, the calls while waiting, the lags and the outcomes, both ways. */
  static void report(PollingMeasurement m, double wallSeconds, boolean events) {
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
    if (m.waiterRun() != null && (m.waiterRun().calls() != waiter.calls()
        || !Duration.between(m.waiterRun().start(), m.waiterRun().end()).equals(Duration.between(m.requestAt(),
            waiter.end())))) {
      System.out.println("WARNING: the waiter run disagrees with the computed waiter called at the request");
    }
    System.out.printf(Locale.ROOT, "Whole deploy: %d calls (%s); %.1f s of wall time for this scenario%n",
        m.calls().size(), callMix(m.calls()), wallSeconds);
    if (events) {
      m.events().forEach(e -> System.out.printf(Locale.ROOT, "    %s  [%s] %s%n",
          clock(Duration.between(m.requestAt(), e.at())), e.phase(), e.message()));
    }
    System.out.println();
  }

  /** The table of every scenario measured, one row each. */
  static void summary(List<PollingMeasurement> measured) {
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
}
