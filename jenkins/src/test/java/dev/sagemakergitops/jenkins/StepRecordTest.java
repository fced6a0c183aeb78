package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The record persisted with a step is written by the Pipeline engine on its own thread while a tick
 * may append to it; the save must see it whole, never fail.
 */
class StepRecordTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);
  private static final BuildInfo BUILD = new BuildInfo("https://jenkins.example.com/job/models/42/", "jenkins");

  @Test
  void serialization_whileATickAppends_writesTheRecordAsItWasAndDoesNotFail() throws Exception {
    StepRecord record = StepRecord.start("sagemakerTrain", CLOCK);
    record.add(List.of(event("InProgress", "created training job churn-prod-1"),
        event("InProgress", "training job churn-prod-1 is Training")));
    // The tick appends exactly while the engine is half-way through writing the events, as it does
    // when a poll ends during a save the Pipeline engine runs on the CPS VM thread.
    Thread[] tick = new Thread[1];
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream engine = new AppendingWhileWriting(bytes, record, tick)) {
      engine.writeObject(record);
    }
    tick[0].join(TimeUnit.SECONDS.toMillis(10));

    StepRecord saved;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      saved = (StepRecord) in.readObject();
    }
    assertThat(tick[0].isAlive()).isFalse();
    assertThat(saved.recorder(CLOCK, BUILD).events()).extracting(OperationEvent::message)
        .containsExactly("created training job churn-prod-1", "training job churn-prod-1 is Training");
    assertThat(record.recorder(CLOCK, BUILD).events()).extracting(OperationEvent::message)
        .containsExactly("created training job churn-prod-1", "training job churn-prod-1 is Training",
            "training job churn-prod-1 is Completed");
  }

  @Test
  void serialization_ofEventsWithFacts_keepsTheFactsAndWhichEventsAreQuiet() throws Exception {
    StepRecord record = StepRecord.start("safeDeploy", CLOCK);
    java.util.Map<String, Object> step = new java.util.LinkedHashMap<>();
    step.put("kind", "trafficStep");
    step.put("step", 1);
    step.put("sharePercent", 25);
    record.add(List.of(OperationEvent.withFacts(CLOCK.instant(), "DEPLOYING", "traffic step 1 of 2: Baking", step),
        OperationEvent.quiet(CLOCK.instant(), "DEPLOYING", "rollback alarms OK",
            java.util.Map.of("kind", "alarmLook", "state", "OK", "inAlarm", List.of()))));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(record);
    }
    StepRecord saved;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      saved = (StepRecord) in.readObject();
    }

    assertThat(saved.recorder(CLOCK, BUILD).events()).extracting(OperationEvent::facts, OperationEvent::quiet)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(step, false), org.assertj.core.groups.Tuple.tuple(
            java.util.Map.of("kind", "alarmLook", "state", "OK", "inAlarm", List.of()), true));
  }

  private static OperationEvent event(String phase, String message) {
    return new OperationEvent(CLOCK.instant(), phase, message);
  }

  /**
   * An object stream that, on the first event it writes, lets another thread (the tick) append to
   * the record and gives it a moment to do so before it carries on writing.
   */
  private static final class AppendingWhileWriting extends ObjectOutputStream {
    private final StepRecord record;
    private final Thread[] tick;

    AppendingWhileWriting(OutputStream out, StepRecord record, Thread[] tick) throws IOException {
      super(out);
      this.record = record;
      this.tick = tick;
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (tick[0] == null && obj.getClass().getName().endsWith("StepRecord$Event")) {
        tick[0] = new Thread(() -> record.add(List.of(event("Completed", "training job churn-prod-1 is Completed"))));
        tick[0].start();
        try {
          // Long enough for an unguarded append to land; a guarded one waits for the save instead.
          tick[0].join(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return obj;
    }
  }
}
