package dev.sagemakergitops.core.operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host that keeps everything in memory: the log, every saved state, the one pending tick, and how
 * the run ended. Tests play the scheduler: they take the pending delay, move virtual time on by it
 * and tick.
 */
final class RecordingHost implements OperationHost {
  final List<String> log = new ArrayList<>();
  final List<String> saved = new ArrayList<>();
  final List<Duration> scheduled = new ArrayList<>();
  private Duration pending;
  Map<String, Object> result;
  String failure;
  Throwable unexpected;

  @Override
  public void log(String line) {
    log.add(line);
  }

  @Override
  public void save(String stateJson) {
    saved.add(stateJson);
  }

  @Override
  public void schedule(Duration delay) {
    if (pending != null) {
      throw new AssertionError("a second tick was scheduled before the first ran");
    }
    pending = delay;
    scheduled.add(delay);
  }

  @Override
  public void succeeded(Map<String, Object> value) {
    ended();
    result = value;
  }

  @Override
  public void failed(String message, Throwable cause) {
    ended();
    failure = message;
    unexpected = cause;
  }

  /** The pending tick's delay, now taken: the test runs it. */
  Optional<Duration> takePending() {
    Optional<Duration> next = Optional.ofNullable(pending);
    pending = null;
    return next;
  }

  String lastSaved() {
    return saved.isEmpty() ? null : saved.get(saved.size() - 1);
  }

  boolean ended() {
    return result != null || failure != null;
  }

  /** Everything the host was told, as one text, to search for what must never be there. */
  String everything() {
    return String.join("\n", log) + "\n" + String.join("\n", saved) + "\n" + result + "\n" + failure;
  }
}
