package dev.sagemakergitops.core.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An endpoint's history as an inline SVG: one row per run, oldest at the top, a bar from its start
 * to its end in its outcome's colour on a time axis from the first start to the last end, so the
 * runs that rolled back stand out in red among the green ones.
 */
final class HistoryChart {
  private static final int WIDTH = TimelineChart.WIDTH;
  private static final int LEFT = 150;
  private static final int RIGHT = 24;
  private static final int ROW = 22;
  private static final int TOP = 10;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private HistoryChart() {}

  static void write(Html html, List<RecordedRun> runs) {
    Instant first = runs.stream().map(RecordedRun::startedAt).min(Instant::compareTo).orElseThrow();
    Instant last = runs.stream().map(RecordedRun::finishedAt).max(Instant::compareTo).orElseThrow();
    double span = Math.max(1000, Duration.between(first, last).toMillis());
    int height = TOP * 2 + runs.size() * ROW + 24;
    html.raw("<svg class=\"history\" role=\"img\"").attr("width", WIDTH).attr("height", height)
        .attr("viewBox", "0 0 " + WIDTH + " " + height).raw(">");
    html.raw("<title>").text("History of " + runs.get(0).subject()).raw("</title>");
    double plot = WIDTH - LEFT - RIGHT;
    for (int i = 0; i < runs.size(); i++) {
      RecordedRun run = runs.get(i);
      double y = TOP + i * ROW;
      double from = LEFT + Duration.between(first, run.startedAt()).toMillis() / span * plot;
      double to = LEFT + Duration.between(first, run.finishedAt()).toMillis() / span * plot;
      html.raw("<g").attr("class", "run " + run.outcome()).raw("><title>")
          .text(WHEN.format(run.startedAt()) + " " + run.operation() + " " + TimelineChart.outcomeWord(run.outcome())
              + (run.failureMessage() == null ? "" : ": " + run.failureMessage())).raw("</title>");
      html.raw("<text class=\"when\"").attr("x", 8).attr("y", y + 15).raw(">").text(WHEN.format(run.startedAt()))
          .raw("</text>");
      html.raw("<rect").attr("x", from).attr("y", y + 4).attr("width", Math.max(4, to - from)).attr("height", ROW - 8)
          .raw(" rx=\"3\"/></g>");
    }
    double axis = TOP + runs.size() * ROW + 4;
    html.raw("<line class=\"axis\"").attr("x1", LEFT).attr("y1", axis).attr("x2", WIDTH - RIGHT).attr("y2", axis)
        .raw("/>");
    html.raw("<text class=\"tick-label\"").attr("x", LEFT).attr("y", axis + 16).raw(">").text(WHEN.format(first))
        .raw("</text>");
    html.raw("<text class=\"tick-label\"").attr("x", WIDTH - RIGHT).attr("y", axis + 16).raw(" text-anchor=\"end\">")
        .text(WHEN.format(last)).raw("</text>");
    html.raw("</svg>");
  }
}
