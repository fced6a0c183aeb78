package dev.sagemakergitops.core.operation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A status change an operation observed, for example a training job's secondary status or a
 * deployment's traffic step.
 *
 * <p>Some events also carry {@code facts}: the same change as plain values (a traffic step's number
 * and share, a bake's length, an alarm look's states), so that a deployment's report can draw it
 * without reading the log line. A {@code quiet} event is such facts with no line for the build log:
 * a look at the rollback alarms that found nothing new happens every minute of a bake, which the
 * report shows but a log would only repeat; hosts print only events that are not quiet.
 *
 * @param at when it was observed (or when AWS says it happened, when AWS says so)
 * @param phase the operation's phase at that moment
 * @param message one line for a build log, for example
 *     {@code Baking: 540 s left (canary: 1 of 4 instances)}
 * @param facts the change as plain values ({@link PlainValues}), in a reader's order; empty when the
 *     line says it all. The key {@code kind} names what the facts describe
 * @param quiet true when the event is for the record only, never a line of the build log
 */
public record OperationEvent(Instant at, String phase, String message, Map<String, Object> facts, boolean quiet) {
  public OperationEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(message, "message");
    facts = facts == null ? Map.of() : Map.copyOf(PlainValues.toMap(facts));
  }

  /** An event for the build log, without facts. */
  public OperationEvent(Instant at, String phase, String message) {
    this(at, phase, message, Map.of(), false);
  }

  /** An event for the build log that also carries its facts. */
  public static OperationEvent withFacts(Instant at, String phase, String message, Map<String, Object> facts) {
    return new OperationEvent(at, phase, message, facts, false);
  }

  /** An event for the record only: hosts do not print it. */
  public static OperationEvent quiet(Instant at, String phase, String message, Map<String, Object> facts) {
    return new OperationEvent(at, phase, message, facts, true);
  }
}
