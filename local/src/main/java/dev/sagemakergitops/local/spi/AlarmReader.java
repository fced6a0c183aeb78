package dev.sagemakergitops.local.spi;

import java.util.Optional;

/** CloudWatch alarms as deployments see them. */
public interface AlarmReader {
  /** {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA} for the alarm in {@code region}, if it exists. */
  Optional<String> stateOf(String region, String alarmName);
}
