package dev.sagemakergitops.core.operation.shadow;

import java.time.Duration;
import java.time.Instant;

/**
 * The interval a shadow test is judged on, aligned to CloudWatch periods.
 *
 * <p>CloudWatch keeps 1-minute data points for 15 days and 5-minute ones for 63 days; a query
 * whose start is older than 15 days must use a multiple of 300 seconds or gets no data. The window
 * is shrunk inwards to whole periods, so no period half outside the experiment is counted.
 *
 * @param start the first instant counted (a period boundary)
 * @param end the end, exclusive (a period boundary)
 * @param periodSeconds 60, or 300 when the start is more than 15 days before the query
 */
public record MetricWindow(Instant start, Instant end, int periodSeconds) {

  static final Duration ONE_MINUTE_RETENTION = Duration.ofDays(15);

  /** The whole periods within {@code from} to {@code to}, as a query at {@code now} sees them. */
  public static MetricWindow within(Instant from, Instant to, Instant now) {
    int period = from.isBefore(now.minus(ONE_MINUTE_RETENTION)) ? 300 : 60;
    long start = Math.floorDiv(from.getEpochSecond() + period - 1, period) * period;
    long end = Math.floorDiv(to.getEpochSecond(), period) * period;
    return new MetricWindow(Instant.ofEpochSecond(start), Instant.ofEpochSecond(Math.max(start, end)), period);
  }

  public boolean isEmpty() {
    return !end.isAfter(start);
  }
}
