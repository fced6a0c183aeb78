package dev.sagemakergitops.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StateCodec codec = new StateCodec();

  enum Phase { STARTING, WAITING, DONE }

  /** A state like the operations keep: names, a phase, deadlines, counters, lists and maps. */
  record SampleState(Phase step, String jobName, Instant deadline, Duration bake, List<String> alarms,
      Map<String, Integer> instances, Integer attempts, String failureReason, List<Seen> seen)
      implements OperationState {
    @Override
    public String phase() {
      return step.name().toLowerCase();
    }

    /** A helper as state records have them; it must not become a field of the saved state. */
    public boolean isFinished() {
      return step == Phase.DONE;
    }

    public String getDisplayName() {
      return "job " + jobName;
    }
  }

  /** A nested record, with a helper of its own. */
  record Seen(Instant at, String status) {
    public boolean isTerminal() {
      return status.equals("Completed");
    }
  }

  private static SampleState sample() {
    Map<String, Integer> instances = new LinkedHashMap<>();
    instances.put("blue", 4);
    instances.put("green", 1);
    return new SampleState(Phase.WAITING, "churn-prod-0123456789ab", Instant.parse("2026-11-02T09:10:00.250Z"),
        Duration.ofMinutes(10), List.of("churn-prod-5xx", "churn-prod-latency"), instances, 3, null,
        List.of(new Seen(Instant.parse("2026-11-02T09:01:00Z"), "Starting"), new Seen(Instant.parse("2026-11-02T09:09:00Z"),
            "Completed")));
  }

  @Test
  void read_whenWrittenByWrite_givesTheSameState() {
    SampleState state = sample();

    SampleState read = codec.read("safeDeploy", SampleState.class, codec.write("safeDeploy", state));

    assertThat(read).isEqualTo(state);
    assertThat(read.instances()).containsExactly(Map.entry("blue", 4), Map.entry("green", 1));
  }

  @Test
  void write_writesTheEnvelopeAndInstantsAsText() throws Exception {
    JsonNode json = JSON.readTree(codec.write("safeDeploy", sample()));

    assertThat(json.get("operation").asText()).isEqualTo("safeDeploy");
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(StateCodec.SCHEMA_VERSION);
    assertThat(json.get("state").get("deadline").asText()).isEqualTo("2026-11-02T09:10:00.250Z");
    assertThat(json.get("state").get("step").asText()).isEqualTo("WAITING");
  }

  @Test
  void write_whenTheRecordHasHelperMethods_savesOnlyItsComponents() throws Exception {
    JsonNode state = JSON.readTree(codec.write("safeDeploy", sample())).get("state");

    List<String> names = new java.util.ArrayList<>();
    state.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("step", "jobName", "deadline", "bake", "alarms", "instances", "attempts",
        "failureReason", "seen");
    assertThat(state.get("seen").get(0).has("terminal")).isFalse();
  }

  @Test
  void read_whenSavedByAnotherOperation_refusesWithTheDocumentedMessage() {
    String saved = codec.write("train", sample());

    assertThatThrownBy(() -> codec.read("safeDeploy", SampleState.class, saved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the saved state is of operation 'train', not 'safeDeploy'; delete it or use the operation that wrote it");
  }

  @Test
  void read_whenSavedInAnotherSchemaVersion_refusesWithTheDocumentedMessage() throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(codec.write("safeDeploy", sample()));
    envelope.put("schemaVersion", StateCodec.SCHEMA_VERSION + 1);

    assertThatThrownBy(() -> codec.read("safeDeploy", SampleState.class, envelope.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the saved state of safeDeploy has schema version 2 but this version of sagemaker-gitops reads 1;"
            + " finish the run with the version that started it, or delete the state to start again");
  }

  @Test
  void read_whenTheStateHasAnUnknownField_refuses() throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(codec.write("safeDeploy", sample()));
    ((ObjectNode) envelope.get("state")).put("credentials", "AKIA...");

    assertThatThrownBy(() -> codec.read("safeDeploy", SampleState.class, envelope.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the saved state of safeDeploy is not readable")
        .hasMessageContaining("credentials");
  }

  @Test
  void read_whenTextIsNotJson_refuses() {
    assertThatThrownBy(() -> codec.read("safeDeploy", SampleState.class, "phase: waiting"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the saved state of safeDeploy is not readable");
  }
}
