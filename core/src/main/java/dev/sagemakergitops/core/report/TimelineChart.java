package dev.sagemakergitops.core.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's timeline as an inline SVG on a time axis from its start to its end, drawn from the facts
 * its events carry ({@code events[].facts}, see {@code docs/deployment-record.md}):
 *
 * <ul>
 *   <li>the request (CreateEndpoint or UpdateEndpoint) as a mark;
 *   <li>the launch of the new fleet as a grey band;
 *   <li>each traffic step as a bar (class {@code step}) from its start to the next step, as tall as
 *       the share of the fleet it serves, labelled with that share; its bake as a band under it;
 *   <li>the final bake before the old fleet is terminated;
 *   <li>every look at the rollback alarms as a dot on its own lane, green when none was in ALARM,
 *       red when one was;
 *   <li>the rollback as a red line, and the end of the run as a line in the outcome's colour.
 * </ul>
 *
 * <p>A record written before events carried facts still gets a timeline: each logged event as a
 * dot, its line as the dot's tooltip.
 */
final class TimelineChart {
  static final int WIDTH = 840;
  private static final int LEFT = 96;
  private static final int RIGHT = 24;
  private static final int LANE_TOP = 34;
  private static final int LANE_HEIGHT = 70;
  private static final int ALARM_LANE = LANE_TOP + LANE_HEIGHT + 22;
  private static final int AXIS = ALARM_LANE + 26;
  private static final int HEIGHT = AXIS + 30;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private TimelineChart() {}

  /** A traffic step as the chart and the list under it show it. */
  record Step(int number, int of, int sharePercent, String share, Instant start, Instant end, Instant bakeEnd,
      long bakeSeconds) {
    String label() {
      return "Traffic step " + number + " of " + of + ": " + share;
    }
  }

  /** The traffic steps of {@code run}, each ending where the next part of the deployment begins. */
  static List<Step> steps(RecordedRun run) {
    List<RecordedEvent> events = run.events();
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      if (!event.kind().equals("trafficStep")) {
        continue;
      }
      Instant end = run.finishedAt();
      for (int j = i + 1; j < events.size(); j++) {
        String kind = events.get(j).kind();
        if (kind.equals("trafficStep") || kind.equals("finalBake") || kind.equals("rollback")
            || (kind.equals("progress") && events.get(j).text("variantStatus") == null)) {
          end = events.get(j).at();
          break;
        }
      }
      int number = (int) event.number("step", out.size() + 1);
      int of = (int) event.number("steps", number);
      int percent = (int) event.number("sharePercent", 100);
      String share = event.text("share") != null ? event.text("share") : percent + "%";
      out.add(new Step(number, of, percent, share, event.at(), end, event.instant("bakeEndsAt"),
          event.number("bakeSeconds", 0)));
    }
    return out;
  }

  static void write(Html html, RecordedRun run) {
    Instant start = run.startedAt();
    Instant end = run.finishedAt();
    long spanMillis = Math.max(1000, Duration.between(start, end).toMillis());
    Scale x = new Scale(start, spanMillis);
    html.raw("<svg class=\"timeline\" role=\"img\"").attr("width", WIDTH).attr("height", HEIGHT)
        .attr("viewBox", "0 0 " + WIDTH + " " + HEIGHT).raw(">");
    html.raw("<title>").text("Timeline of " + run.operation() + " " + run.subject()).raw("</title>");
    html.raw("<text class=\"lane\"").attr("x", 8).attr("y", LANE_TOP + LANE_HEIGHT / 2.0 + 4).raw(">traffic</text>");
    html.raw("<text class=\"lane\"").attr("x", 8).attr("y", ALARM_LANE + 4).raw(">alarm looks</text>");
    html.raw("<rect class=\"lane-bg\"").attr("x", LEFT).attr("y", LANE_TOP).attr("width", WIDTH - LEFT - RIGHT)
        .attr("height", LANE_HEIGHT).raw("/>");
    html.raw("<line class=\"lane-line\"").attr("x1", LEFT).attr("y1", ALARM_LANE).attr("x2", WIDTH - RIGHT)
        .attr("y2", ALARM_LANE).raw("/>");
    boolean facts = run.events().stream().anyMatch(e -> !e.kind().isEmpty());
    if (facts) {
      drawFacts(html, run, x);
    } else {
      for (RecordedEvent event : run.events()) {
        html.raw("<circle class=\"event\"").attr("cx", x.at(event.at())).attr("cy", LANE_TOP + LANE_HEIGHT / 2.0)
            .raw(" r=\"4\"><title>").text(CLOCK.format(event.at()) + " " + event.message()).raw("</title></circle>");
      }
    }
    // The end of the run, in the outcome's colour.
    double endX = x.at(end);
    html.raw("<line").attr("class", "end " + run.outcome()).attr("x1", endX).attr("y1", LANE_TOP - 14)
        .attr("x2", endX).attr("y2", AXIS).raw("/>");
    boolean rolledBackShown = run.events().stream().anyMatch(e -> e.kind().equals("rollback"));
    if (!rolledBackShown) {
      html.raw("<text").attr("class", "end-label " + run.outcome()).attr("x", endX - 4).attr("y", LANE_TOP - 18)
          .raw(" text-anchor=\"end\">").text(outcomeWord(run.outcome())).raw("</text>");
    }
    axis(html, x, start, end);
    html.raw("</svg>");
  }

  private static void drawFacts(Html html, RecordedRun run, Scale x) {
    double bottom = LANE_TOP + LANE_HEIGHT;
    List<RecordedEvent> events = run.events();
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      double at = x.at(event.at());
      switch (event.kind()) {
        case "create", "update" -> {
          html.raw("<g class=\"request\"><title>").text(CLOCK.format(event.at()) + " " + event.message())
              .raw("</title>");
          html.raw("<line").attr("x1", at).attr("y1", LANE_TOP - 6).attr("x2", at).attr("y2", bottom).raw("/>");
          html.raw("<text").attr("x", at + 3).attr("y", LANE_TOP - 8).raw(">")
              .text(event.kind().equals("create") ? "CreateEndpoint" : "UpdateEndpoint").raw("</text></g>");
        }
        case "launch" -> {
          Instant until = next(events, i, run.finishedAt());
          html.raw("<rect class=\"launch\"").attr("x", at).attr("y", bottom - 10)
              .attr("width", Math.max(2, x.at(until) - at)).attr("height", 10).raw("><title>")
              .text(CLOCK.format(event.at()) + " launching the new fleet: " + event.message()).raw("</title></rect>");
        }
        case "finalBake" -> {
          Instant until = event.instant("bakeEndsAt") == null ? next(events, i, run.finishedAt())
              : min(event.instant("bakeEndsAt"), run.finishedAt());
          html.raw("<rect class=\"final-bake\"").attr("x", at).attr("y", LANE_TOP)
              .attr("width", Math.max(2, x.at(until) - at)).attr("height", LANE_HEIGHT).raw("><title>")
              .text(CLOCK.format(event.at()) + " final bake before the old fleet is terminated ("
                  + event.number("bakeSeconds", 0) + " s)").raw("</title></rect>");
        }
        case "alarmLook" -> {
          boolean alarm = "ALARM".equals(event.text("state"));
          html.raw("<circle").attr("class", "alarm-look " + (alarm ? "alarm" : "ok")).attr("cx", at)
              .attr("cy", ALARM_LANE).raw(" r=\"4\"><title>")
              .text(CLOCK.format(event.at()) + " alarm look: " + (alarm ? "in ALARM " + event.texts("inAlarm")
                  : "none of " + event.texts("alarms") + " in ALARM")).raw("</title></circle>");
        }
        case "rollback" -> {
          html.raw("<g class=\"rollback\"><title>").text(CLOCK.format(event.at()) + " SageMaker rolled back"
              + (event.texts("alarms").isEmpty() ? "" : ": alarm(s) " + event.texts("alarms"))).raw("</title>");
          html.raw("<line").attr("x1", at).attr("y1", LANE_TOP - 14).attr("x2", at).attr("y2", ALARM_LANE + 10)
              .raw("/>");
          boolean nearEnd = at > WIDTH * 0.7;
          html.raw("<text").attr("x", nearEnd ? at - 4 : at + 4).attr("y", LANE_TOP - 18)
              .raw(nearEnd ? " text-anchor=\"end\">" : ">").raw("SageMaker rolled back</text></g>");
        }
        default -> {
          // progress without a shape of its own: only its tooltip, on the lane's edge
        }
      }
    }
    for (Step step : steps(run)) {
      double from = x.at(step.start());
      double to = Math.max(from + 3, x.at(step.end()));
      double height = Math.max(8, LANE_HEIGHT * step.sharePercent() / 100.0);
      html.raw("<g").attr("class", "step").attr("data-step", Integer.toString(step.number())).raw("><title>")
          .text(CLOCK.format(step.start()) + " " + step.label()).raw("</title>");
      html.raw("<rect class=\"share\"").attr("x", from).attr("y", bottom - height).attr("width", to - from)
          .attr("height", height).raw("/>");
      html.raw("<text class=\"step-label\"").attr("x", from + 4).attr("y", Math.min(bottom - height + 14, bottom - 4))
          .raw(">").text(step.number() + ": " + step.sharePercent() + "%").raw("</text>");
      if (step.bakeEnd() != null) {
        double bakeTo = Math.max(from + 2, Math.min(to, x.at(step.bakeEnd())));
        html.raw("<rect class=\"bake\"").attr("x", from).attr("y", bottom + 3).attr("width", bakeTo - from)
            .attr("height", 6).raw("><title>").text("bake of " + step.bakeSeconds() + " s").raw("</title></rect>");
      }
      html.raw("</g>");
    }
  }

  private static Instant next(List<RecordedEvent> events, int index, Instant fallback) {
    for (int j = index + 1; j < events.size(); j++) {
      if (!events.get(j).quiet() && !events.get(j).kind().isEmpty()) {
        return events.get(j).at();
      }
    }
    return fallback;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void axis(Html html, Scale x, Instant start, Instant end) {
    html.raw("<line class=\"axis\"").attr("x1", LEFT).attr("y1", AXIS).attr("x2", WIDTH - RIGHT).attr("y2", AXIS)
        .raw("/>");
    int ticks = 6;
    for (int i = 0; i <= ticks; i++) {
      Instant at = start.plusMillis(x.spanMillis() * i / ticks);
      double px = x.at(at);
      html.raw("<line class=\"tick\"").attr("x1", px).attr("y1", AXIS).attr("x2", px).attr("y2", AXIS + 5).raw("/>");
      html.raw("<text class=\"tick-label\"").attr("x", px).attr("y", AXIS + 18)
          .raw(i == 0 ? " text-anchor=\"start\">" : i == ticks ? " text-anchor=\"end\">" : " text-anchor=\"middle\">")
          .text(CLOCK.format(at)).raw("</text>");
    }
  }

  static String outcomeWord(String outcome) {
    return switch (outcome) {
      case "succeeded" -> "succeeded";
      case "rolledBack" -> "rolled back";
      case "failed" -> "failed";
      case "cancelled" -> "cancelled";
      case "refused" -> "refused";
      default -> outcome;
    };
  }

  /** Instants to x coordinates between the chart's margins. */
  private record Scale(Instant start, long spanMillis) {
    double at(Instant instant) {
      double fraction = Duration.between(start, instant).toMillis() / (double) spanMillis;
      return LEFT + Math.max(0, Math.min(1, fraction)) * (WIDTH - LEFT - RIGHT);
    }
  }
}
