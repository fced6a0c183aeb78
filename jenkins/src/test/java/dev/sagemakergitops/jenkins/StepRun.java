package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One operation step started through its real execution, as Pipeline starts it. */
final class StepRun {
  final OperationStepExecution execution;
  final RecordingStepContext context;

  private StepRun(OperationStepExecution execution, RecordingStepContext context) {
    this.execution = execution;
    this.context = context;
  }

  /**
   * {@code step.start(context)}, then the execution's own {@code start()}, on {@code ticks}, under
   * the administrator's settings the tests assume ({@link LocalSetup#POLICY}).
   */
  static StepRun start(OperationStep step, RecordingStepContext context, TickScheduler ticks) {
    return start(step, context, ticks, LocalSetup.POLICY);
  }

  /** {@code step.start(context)}, then the execution's own {@code start()}, on {@code ticks}, under {@code policy}. */
  static StepRun start(OperationStep step, RecordingStepContext context, TickScheduler ticks, AdminPolicy policy) {
    OperationStepExecution execution = (OperationStepExecution) step.start(context);
    execution.runOn(ticks);
    execution.runUnder(policy);
    assertThat(execution.start()).as("start() returns at once, the step still running").isFalse();
    return new StepRun(execution, context);
  }

  /** The map the step returned; fails when it did not succeed. */
  @SuppressWarnings("unchecked")
  Map<String, Object> result() {
    assertThat(context.failure()).as("the step's failure").isNull();
    assertThat(context.completions()).isEqualTo(1);
    return (Map<String, Object>) context.result();
  }

  /** The deployment record the step wrote and returned. */
  String record() {
    return read(Path.of((String) result().get("recordPath")));
  }

  /** The execution as the Pipeline engine persists it: serialized bytes. */
  byte[] persisted() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(execution);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The execution after a controller restart: read back from what was persisted, with its context
   * re-attached and its ticks on {@code ticks}; its scheduled tick died with the controller.
   */
  StepRun restarted(TickScheduler ticks) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(persisted()))) {
      OperationStepExecution after = (OperationStepExecution) in.readObject();
      after.runOn(ticks);
      after.runUnder(LocalSetup.POLICY);
      return new StepRun(after, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
