package dev.sagemakergitops.core.operation;

import java.time.Instant;
import java.util.Objects;

/**
 * A status change an operation observed, for example a training job's secondary status or a
 * deployment's traffic step.
 *
 * @param at when it was observed (or when AWS says it happened, when AWS says so)
 * @param phase the operation's phase at that moment
 * @param message one line for a build log, for example
 *     {@code Baking: 540 s left (canary: 1 of 4 instances)}
 */
public record OperationEvent(Instant at, String phase, String message) {
  public OperationEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(message, "message");
  }
}
