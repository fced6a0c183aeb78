package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.lineage.DeploymentRecorder;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationEvent;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deployment record of a step's run while it is being written: when the run started, the
 * lineage and region of the manifest it read, and every progress event so far. Persisted with the
 * execution (after every poll, with the operation's state), so the record a step writes after a
 * controller restart still starts when the run started and lists every event, not only those since
 * the restart. Plain strings only: no credential, no client, nothing that the Pipeline engine
 * could not restore.
 *
 * <p>A plain class, not a record: the Pipeline engine restores persisted fields reflectively.
 *
 * <p>Thread-safe, serialization included: the Pipeline engine writes the program on its own thread
 * (workflow-cps {@code CpsThreadGroup.saveProgram}, after {@code StepContext.saveState()}) while a
 * tick may be appending events here. It writes through {@link #writeObject}, which holds the same
 * monitor as every mutator, so it sees the record between two ticks' changes, never in the middle of
 * one; an unguarded list would fail that save, and so the build, with a
 * {@code ConcurrentModificationException}.
 */
final class StepRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String startedAt;
  private String region;
  private final TreeMap<String, String> lineage = new TreeMap<>();
  private final ArrayList<Event> events = new ArrayList<>();
  // What changed since the execution last asked to be saved; a fresh or restored record has nothing new.
  private transient boolean changed;

  private StepRecord(String operation, Instant startedAt) {
    this.operation = operation;
    this.startedAt = startedAt.toString();
  }

  /** The record of a run of {@code operation} that starts now. */
  static StepRecord start(String operation, Clock clock) {
    return new StepRecord(operation, clock.instant());
  }

  String operation() {
    return operation;
  }

  /** Keeps what the run's manifest says about where things come from and where they go. */
  synchronized void manifestRead(Lineage manifestLineage, String manifestRegion) {
    lineage.clear();
    manifestLineage.fields().forEach((field, value) -> lineage.put(Lineage.TAG_PREFIX + field, value));
    region = manifestRegion;
    changed = true;
  }

  /** The lineage of the manifest the run read; {@link Lineage#none()} before it read one. */
  synchronized Lineage lineage() {
    return Lineage.fromTags(Map.copyOf(lineage));
  }

  /** The region the run's resources live in, or {@code null} before the manifest was read. */
  synchronized String region() {
    return region;
  }

  synchronized void add(List<OperationEvent> more) {
    for (OperationEvent event : more) {
      events.add(new Event(event));
      changed = true;
    }
  }

  /** True when the record changed since the last call: the execution saves only what changed. */
  synchronized boolean takeChanges() {
    boolean was = changed;
    changed = false;
    return was;
  }

  /** A recorder that carries on from what was kept: the same start, the events so far. */
  synchronized DeploymentRecorder recorder(Clock clock, BuildInfo build) {
    return new DeploymentRecorder(operation, clock, build, Instant.parse(startedAt),
        events.stream().map(Event::toEvent).toList());
  }

  /** Serializes under the record's monitor, so that no tick changes it while it is written (see the class doc). */
  private synchronized void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
  }

  /** One progress event, as plain strings. */
  private static final class Event implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String at;
    private final String phase;
    private final String message;
    // The event's facts (plain values) and whether it is for the record only; absent from an
    // event saved by an earlier version, which then reads back as a plain log line.
    private final java.util.LinkedHashMap<String, Object> facts;
    private final boolean quiet;

    Event(OperationEvent event) {
      this.at = event.at().toString();
      this.phase = event.phase();
      this.message = event.message();
      this.facts = event.facts().isEmpty() ? null : new java.util.LinkedHashMap<>(event.facts());
      this.quiet = event.quiet();
    }

    OperationEvent toEvent() {
      return new OperationEvent(Instant.parse(at), phase, message, facts, quiet);
    }
  }
}
