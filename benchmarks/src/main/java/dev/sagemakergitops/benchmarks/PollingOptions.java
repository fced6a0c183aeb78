package dev.sagemakergitops.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The {@link PollingBenchmark}'s options, as its javadoc lists them. */
final class PollingOptions {
  List<String> scenarios = new ArrayList<>();
  String polling = "";
  Duration alarmWatch;
  boolean noJitter;
  long seed = 7;
  boolean noAlarms;
  Duration trip = PollingScenario.DEFAULT_TRIP;
  List<Duration> sweep = defaultSweep();
  boolean noSweep;
  boolean noWaiterRun;
  boolean events;
  List<Duration> alarmWatches = List.of();
  List<Double> launchBackoffs = List.of(0.0, 0.1);

  static List<Duration> defaultSweep() {
    List<Duration> out = new ArrayList<>();
    for (int s = 30; s < 600; s += 60) {
      out.add(Duration.ofSeconds(s));
    }
    return out;
  }

  static PollingOptions parse(String[] args) {
    PollingOptions o = new PollingOptions();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--scenario" -> o.scenarios.addAll(List.of(args[++i].split(",")));
        case "--polling" -> o.polling = args[++i];
        case "--alarm-watch" -> o.alarmWatch = duration(args[++i]);
        case "--no-jitter" -> o.noJitter = true;
        case "--seed" -> o.seed = Long.parseLong(args[++i]);
        case "--no-alarms" -> o.noAlarms = true;
        case "--trip" -> o.trip = duration(args[++i]);
        case "--sweep" -> o.sweep = Stream.of(args[++i].split(",")).map(PollingOptions::duration).toList();
        case "--no-sweep" -> o.noSweep = true;
        case "--launch-backoffs" -> o.launchBackoffs = Stream.of(args[++i].split(",")).map(Double::valueOf).toList();
        case "--alarm-watches" -> o.alarmWatches = Stream.of(args[++i].split(",")).map(PollingOptions::duration).toList();
        case "--no-waiter-run" -> o.noWaiterRun = true;
        case "--events" -> o.events = true;
        default -> throw new IllegalArgumentException("unknown option " + arg + " (see PollingBenchmark's javadoc)");
      }
    }
    return o;
  }

  private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("expected a duration such as 30s, 2m or 4m30s, got " + text);
    }
    long seconds = 0;
    for (int g = 1; g <= 3; g++) {
      if (m.group(g) != null) {
        seconds += Long.parseLong(m.group(g)) * (g == 1 ? 3600 : g == 2 ? 60 : 1);
      }
    }
    return Duration.ofSeconds(seconds);
  }
}
