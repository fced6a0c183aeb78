package dev.sagemakergitops.core.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The rollback alarms of every deployment one command follows in one region, read together: while
 * a parallel sync bakes eight deployments under their alarms, one {@code DescribeAlarms} a minute
 * answers the looks of all eight, instead of eight calls a minute (CloudWatch's query protocol, XML
 * both ways, and CloudWatch's account-wide {@code DescribeAlarms} quota at fleet size).
 *
 * <p>Each deployment that looks at its alarms is a <i>watcher</i> (named by its endpoint), and stays
 * one until a little after its next look is due. A look ({@link #read}) is served from the last read
 * when that read
 *
 * <ul>
 *   <li>covered the watcher's names,
 *   <li>was taken at most {@link #FRESHNESS} before the look, and
 *   <li>is newer than the read the watcher's previous look was served from: a look never sees again
 *       what its deployment has already seen, so a deployment that watches alone makes exactly the
 *       calls it would make without sharing.
 * </ul>
 *
 * <p>Otherwise it reads, and then the alarms of every watcher (and of every deployment that
 * announced it will bake soon, {@link #expect}), 100 names to a call, so that the next look of
 * another deployment finds them fresh. Each deployment then reads its own alarms out of the answer,
 * and only its own ({@link Reading#alarms}).
 *
 * <p><b>The grid.</b> On simulated time the clock stands still while a wave of polls runs, so one
 * read serves the wave. On the real clock, deployments whose bakes started at different moments look
 * at different seconds of the minute, and a read a few seconds old would serve none of them. So a
 * read made while nobody else watched anchors a grid, and while others watch, a deployment's next
 * look is due at the grid's last point no later than {@code alarmWatch} after the read it was served
 * from ({@link Reading#grid}, used by the deploy's schedule): concurrent deployments then look at the
 * same moments. Joining the grid costs one look at most, which may come up to {@code alarmWatch}
 * earlier than it would have; no look ever comes later than {@code alarmWatch} after the read before.
 *
 * <p><b>Freshness.</b> {@link #FRESHNESS} is 5 seconds. CloudWatch evaluates a standard alarm once a
 * minute, and an alarm with a period of 10 or 30 seconds every 10 seconds (CloudWatch User Guide,
 * "Using Amazon CloudWatch alarms":
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html), so a
 * state read 5 seconds ago is at most one evaluation behind even for a high-resolution alarm, and a
 * rollback is seen at most 5 seconds later than with a read of its own, inside the one-minute alarm
 * watch. It is long enough for the workers of one sync that wake at one grid point (a jitter of
 * under a second by default, and the calls of the deployments before them) to find the read of the
 * first.
 *
 * <p>Thread-safe: a parallel sync's workers look at once. One look at a time reads; the others wait
 * for its answer (milliseconds) rather than ask CloudWatch the same question. No global state: one
 * per {@link AwsClients} and region, gone with the command. Read-only ({@code DescribeAlarms}).
 */
public final class SharedAlarmReads {

  /** How old a read may be and still serve another deployment's look. */
  public static final Duration FRESHNESS = Duration.ofSeconds(5);

  private final AlarmLookup lookup;
  private final Duration freshness;
  private final Map<String, Watcher> watchers = new HashMap<>();
  private Snapshot last;
  private Instant grid;

  public SharedAlarmReads(CloudWatchClient cloudWatch) {
    this(new AlarmLookup(cloudWatch), FRESHNESS);
  }

  SharedAlarmReads(AlarmLookup lookup, Duration freshness) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.freshness = Objects.requireNonNull(freshness, "freshness");
  }

  /**
   * What one look found.
   *
   * @param alarms the watcher's alarms that exist, in CloudWatch's order (metric alarms, then
   *     composite ones, each by name), as a {@code DescribeAlarms} of only them answers
   * @param readAt when the read that served the look was taken, by the clock of the looks
   * @param grid while other deployments watch: the instant that anchors the session's grid of looks;
   *     null when the watcher looks alone
   */
  public record Reading(List<AlarmLookup.Alarm> alarms, Instant readAt, Instant grid) {
    public Reading {
      alarms = List.copyOf(alarms);
      Objects.requireNonNull(readAt, "readAt");
    }
  }

  /**
   * The alarms {@code names} of {@code watcher} as of at most {@link #FRESHNESS} before {@code now}.
   *
   * @param watcher the deployment looking (its endpoint name): one look of it is never served from
   *     the read of its previous look
   * @param names its rollback alarms
   * @param now the time of the look
   * @param watch the longest wait before its next look (the alarm watch): it counts as watching
   *     until then, and a little after
   * @throws AwsCallException when CloudWatch cannot be asked or refuses to answer
   */
  public synchronized Reading read(String watcher, List<String> names, Instant now, Duration watch) {
    forgetBefore(now);
    boolean others = watchers.entrySet().stream()
        .anyMatch(w -> !w.getKey().equals(watcher) && w.getValue().looking());
    Watcher previous = watchers.get(watcher);
    Instant seen = previous == null ? null : previous.seen();
    Snapshot snapshot = last;
    if (snapshot == null || !snapshot.names().containsAll(names) || snapshot.at().isBefore(now.minus(freshness))
        || (seen != null && !snapshot.at().isAfter(seen))) {
      Set<String> all = new TreeSet<>(names);
      watchers.values().forEach(w -> all.addAll(w.names()));
      snapshot = new Snapshot(now, Set.copyOf(all), lookup.read(all));
      last = snapshot;
      if (!others) {
        grid = now;
      }
    }
    watchers.put(watcher, new Watcher(List.copyOf(names), now.plus(watch).plus(freshness), snapshot.at()));
    Set<String> mine = new HashSet<>(names);
    return new Reading(snapshot.alarms().stream().filter(a -> mine.contains(a.name())).toList(), snapshot.at(),
        others ? grid : null);
  }

  /**
   * Announces that {@code watcher} will look at {@code names} from about {@code until} on (a
   * deployment whose new fleet is launching and will bake next): reads until then include them, so
   * the first looks of a wave of deployments that start baking together are one read, not one each.
   * It does not read.
   */
  public synchronized void expect(String watcher, List<String> names, Instant now, Instant until) {
    forgetBefore(now);
    Watcher previous = watchers.get(watcher);
    Instant seen = previous == null ? null : previous.seen();
    Instant keep = until.plus(freshness);
    if (previous != null && previous.until().isAfter(keep)) {
      keep = previous.until();
    }
    watchers.put(watcher, new Watcher(List.copyOf(names), keep, seen));
  }

  /** How many deployments count as watching or about to at {@code now}: for tests and benchmarks. */
  public synchronized int watchers(Instant now) {
    forgetBefore(now);
    return watchers.size();
  }

  private void forgetBefore(Instant now) {
    watchers.values().removeIf(w -> w.until().isBefore(now));
  }

  /**
   * One deployment's interest.
   *
   * @param seen when the read its last look was served from was taken; null before its first look
   */
  private record Watcher(List<String> names, Instant until, Instant seen) {
    boolean looking() {
      return seen != null;
    }
  }

  /** One read: when, of which names, and what CloudWatch answered. */
  private record Snapshot(Instant at, Set<String> names, List<AlarmLookup.Alarm> alarms) {}
}
