package dev.sagemakergitops.core.report;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page that pictures deployment records: for each run its outcome (and
 * why), its lineage graph and its timeline; for several runs of one endpoint, that endpoint's
 * history first (what ran when, which runs rolled back); for several endpoints, one section each.
 *
 * <p>The page needs no network at all: its CSS is inline, its pictures are inline SVG, and it has
 * no script, font, image or stylesheet to fetch, so it opens from a CI artifact store, a mail
 * attachment or a Jenkins page alike. Every text from a record is escaped ({@link Html}).
 *
 * <pre>{@code
 * List<RecordedRun> runs = new RecordReader().read(List.of(Path.of("records")));
 * Files.writeString(Path.of("report.html"), DeploymentReport.of(runs).html());
 * }</pre>
 */
public final class DeploymentReport {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Map<String, List<RecordedRun>> bySubject;

  private DeploymentReport(Map<String, List<RecordedRun>> bySubject) {
    this.bySubject = bySubject;
  }

  /** The report of {@code runs}, grouped by endpoint (or manifest), each group oldest run first. */
  public static DeploymentReport of(List<RecordedRun> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one deployment record");
    }
    List<RecordedRun> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparing(RecordedRun::startedAt).thenComparing(r -> r.file() == null ? "" : r.file().toString()));
    Map<String, List<RecordedRun>> groups = new LinkedHashMap<>();
    for (RecordedRun run : sorted) {
      groups.computeIfAbsent(run.subject(), k -> new ArrayList<>()).add(run);
    }
    groups.replaceAll((k, v) -> List.copyOf(v));
    return new DeploymentReport(groups);
  }

  /** The endpoints (or manifests) pictured, each with its runs, oldest first. */
  public Map<String, List<RecordedRun>> subjects() {
    return java.util.Collections.unmodifiableMap(bySubject);
  }

  /** The page: a whole HTML document. */
  public String html() {
    Html html = new Html();
    html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .raw("<title>").text(title()).raw("</title>\n</head>\n<body>\n");
    body(html);
    html.raw("</body>\n</html>\n");
    return html.toString();
  }

  /**
   * The same picture as an HTML fragment for another page (a Jenkins build page): its style
   * element, scoped to the report's own element, and that element.
   */
  public String fragment() {
    Html html = new Html();
    body(html);
    return html.toString();
  }

  private void body(Html html) {
    html.raw("<style>").raw(ReportStyle.CSS).raw("</style>\n<div class=\"").raw(ReportStyle.ROOT).raw("\">\n");
    html.element("h1", null, title());
    for (Map.Entry<String, List<RecordedRun>> group : bySubject.entrySet()) {
      section(html, group.getKey(), group.getValue());
    }
    html.raw("<footer>Written by sagemaker-gitops report from ").text(count(bySubject.values().stream()
        .mapToInt(List::size).sum(), "deployment record")).raw(".</footer>\n</div>\n");
  }

  private String title() {
    return bySubject.size() == 1 ? title(bySubject.keySet().iterator().next(), bySubject.values().iterator().next())
        : "Deployments of " + bySubject.size() + " endpoints";
  }

  /** The part of the page about one endpoint: its history when it has several runs, then each run, newest first. */
  private static void section(Html html, String subject, List<RecordedRun> runs) {
    html.raw("<section class=\"subject\">\n");
    html.element("h2", null, capitalized(subject));
    if (runs.size() > 1) {
      long rolledBack = runs.stream().filter(RecordedRun::rolledBack).count();
      html.element("p", "summary", count(runs.size(), "run") + " from " + WHEN.format(runs.get(0).startedAt()) + " to "
          + WHEN.format(runs.get(runs.size() - 1).finishedAt()) + "; " + count((int) rolledBack, "rollback") + ".");
      HistoryChart.write(html, runs);
      html.raw("\n<table class=\"history\"><thead><tr><th>started</th><th>operation</th><th>outcome</th>")
          .raw("<th>commit</th><th>endpoint configuration</th><th>duration</th></tr></thead><tbody>\n");
      for (RecordedRun run : newestFirst(runs)) {
        html.raw("<tr").attr("class", run.outcome()).raw("><td><a").attr("href", "#" + anchor(run)).raw(">")
            .text(WHEN.format(run.startedAt())).raw("</a></td><td>").text(run.operation()).raw("</td><td>")
            .raw("<span").attr("class", "badge " + run.outcome()).raw(">").text(TimelineChart.outcomeWord(run.outcome()))
            .raw("</span></td><td>").text(run.lineage().get("commit") == null ? "" : LineageGraph.shortCommit(run.lineage().get("commit")))
            .raw("</td><td>").text(configOf(run)).raw("</td><td>").text(duration(run.duration())).raw("</td></tr>\n");
      }
      html.raw("</tbody></table>\n");
    }
    for (RecordedRun run : newestFirst(runs)) {
      article(html, run);
    }
    html.raw("</section>\n");
  }

  private static void article(Html html, RecordedRun run) {
    html.raw("<article").attr("class", "run " + run.outcome()).attr("id", anchor(run)).raw(">\n<h3><span")
        .attr("class", "badge " + run.outcome()).raw(">").text(TimelineChart.outcomeWord(run.outcome())).raw("</span> ")
        .text(run.operation() + (run.lineage().get("manifestPath") == null ? "" : " of " + run.lineage().get("manifestPath")))
        .raw("</h3>\n");
    html.raw("<dl class=\"facts\">");
    fact(html, "started", WHEN.format(run.startedAt()));
    fact(html, "duration", duration(run.duration()));
    fact(html, "commit", run.lineage().get("commit"));
    fact(html, "build", run.buildUrl());
    fact(html, "run id", run.runId());
    fact(html, "record", run.file() == null ? null : String.valueOf(run.file().getFileName()));
    html.raw("</dl>\n");
    if (run.failureKind() != null) {
      html.raw("<div class=\"reason\">");
      html.element("p", "kind", run.failureKind());
      if (run.failureMessage() != null) {
        html.element("p", "message", run.failureMessage());
      }
      if (run.failureReason() != null && !run.failureReason().isBlank()) {
        html.element("p", "sagemaker", "SageMaker: " + run.failureReason());
      }
      if (!run.alarms().isEmpty()) {
        html.element("p", "alarms", "Alarms in ALARM: " + String.join(", ", run.alarms()));
      }
      if (!run.problems().isEmpty()) {
        html.raw("<ul class=\"problems\">");
        run.problems().forEach(p -> html.element("li", null, p));
        html.raw("</ul>");
      }
      html.raw("</div>\n");
    }
    html.raw("<div class=\"pictures\"><div class=\"picture\">");
    html.element("h4", null, "Timeline");
    TimelineChart.write(html, run);
    steps(html, run);
    html.raw("</div>\n<div class=\"picture\">");
    html.element("h4", null, "Lineage");
    LineageGraph.write(html, run);
    html.raw("</div></div>\n");
    html.raw("<details><summary>").text(count((int) run.events().stream().filter(e -> !e.quiet()).count(), "event"))
        .raw(" of the build log</summary><ol class=\"events\">");
    for (RecordedEvent event : run.events()) {
      if (!event.quiet()) {
        html.raw("<li><time>").text(WHEN.format(event.at())).raw("</time> ").text(event.message()).raw("</li>");
      }
    }
    html.raw("</ol></details>\n</article>\n");
  }

  /** The timeline in words: each traffic step with its share and bake, the alarm looks, the rollback. */
  private static void steps(Html html, RecordedRun run) {
    List<TimelineChart.Step> steps = TimelineChart.steps(run);
    List<RecordedEvent> looks = run.events().stream().filter(e -> e.kind().equals("alarmLook")).toList();
    RecordedEvent rollback = run.events().stream().filter(e -> e.kind().equals("rollback")).findFirst().orElse(null);
    if (steps.isEmpty() && looks.isEmpty() && rollback == null) {
      return;
    }
    html.raw("<ol class=\"steps\">");
    for (TimelineChart.Step step : steps) {
      long stepLooks = looks.stream().filter(l -> l.number("step", 0) == step.number()).count();
      long inAlarm = looks.stream().filter(l -> l.number("step", 0) == step.number() && "ALARM".equals(l.text("state")))
          .count();
      html.raw("<li class=\"step\">").element("span", "step-name", step.label()).text(", from "
          + WHEN.format(step.start()) + (step.bakeSeconds() > 0 ? ", bake " + step.bakeSeconds() + " s" : "")
          + (stepLooks == 0 ? "" : "; " + count((int) stepLooks, "alarm look")
              + (inAlarm == 0 ? ", none in ALARM" : ", " + inAlarm + " in ALARM")))
          .raw("</li>");
    }
    if (rollback != null) {
      html.raw("<li class=\"rollback\">").text("Rolled back at " + WHEN.format(rollback.at())
          + (rollback.texts("alarms").isEmpty() ? "" : " on alarm(s) " + String.join(", ", rollback.texts("alarms"))))
          .raw("</li>");
    }
    html.raw("</ol>\n");
  }

  private static List<RecordedRun> newestFirst(List<RecordedRun> runs) {
    List<RecordedRun> out = new ArrayList<>(runs);
    java.util.Collections.reverse(out);
    return out;
  }

  private static void fact(Html html, String name, String value) {
    if (value != null) {
      html.raw("<dt>").text(name).raw("</dt><dd>").text(value).raw("</dd>");
    }
  }

  private static String configOf(RecordedRun run) {
    String config = run.result().getOrDefault("endpointConfigName", run.result().get("requestedConfig"));
    return config != null ? config : run.resource("endpoint-config") == null ? "" : run.resource("endpoint-config");
  }

  private static String anchor(RecordedRun run) {
    return "run-" + (run.runId() == null ? Integer.toHexString(System.identityHashCode(run)) : run.runId());
  }

  private static String title(String subject, List<RecordedRun> runs) {
    return runs.size() == 1 ? runs.get(0).operation() + " of " + subject + ": "
        + TimelineChart.outcomeWord(runs.get(0).outcome()) : "History of " + subject;
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
  }
}
