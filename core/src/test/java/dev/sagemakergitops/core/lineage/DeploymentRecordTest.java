package dev.sagemakergitops.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records as operations write them: built by a {@link DeploymentRecorder} on a clock, written by the
 * {@link DeploymentRecordWriter}, and checked against {@code docs/deployment-record.schema.json}.
 */
class DeploymentRecordTest {
  private static final Path SCHEMA = Path.of("../docs/deployment-record.schema.json");
  private static final Path DOCS = Path.of("../docs/deployment-record.md");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
  private static final BuildInfo BUILD = new BuildInfo("https://ci.example.com/job/models/42/", "jenkins");
  private static final String ENDPOINT_CONFIG = "churn-prod-0123456789ab";

  @TempDir Path directory;

  private final MutableClock clock = MutableClock.at(START);

  /** What a safe deploy's result contributes; the real ones live in the operation packages. */
  private record DeployResult(String endpoint, String configName) implements Recordable {
    @Override
    public Map<String, Object> recordSummary() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("endpoint", endpoint);
      summary.put("endpointConfig", configName);
      summary.put("updateEndpointCalls", 1);
      summary.put("changed", true);
      summary.put("liveSince", START.plusSeconds(605));
      summary.put("bake", Duration.ofMinutes(10));
      summary.put("variants", List.of(Map.of("name", "AllTraffic", "instances", 4)));
      return summary;
    }

    @Override
    public List<RecordedResource> recordResources() {
      return List.of(
          RecordedResource.reused("model", "churn-prod-aaaaaaaaaaaa",
              "arn:aws:sagemaker:us-east-1:123456789012:model/churn-prod-aaaaaaaaaaaa"),
          RecordedResource.created("endpoint-config", configName,
              "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/" + configName),
          RecordedResource.updated("endpoint", endpoint, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/" + endpoint));
    }

    @Override
    public Optional<Lineage> recordLineage() {
      return Optional.of(new Lineage(null, null, null, null, null, null, null, LineageTest.FULL.modelArtifact(), null,
          null, null));
    }
  }

  /** A failed deploy's state: it knows what it created before SageMaker rolled back. */
  private record DeployState(String phase, String configName) implements OperationState, Recordable {
    @Override
    public Map<String, Object> recordSummary() {
      return Map.of("endpointConfig", configName);
    }

    @Override
    public List<RecordedResource> recordResources() {
      return List.of(RecordedResource.created("endpoint-config", configName, null));
    }
  }

  @Test
  void toJson_whenRunSucceeded_isValidAndCarriesEveryField() throws IOException {
    DeploymentRecorder recorder = new DeploymentRecorder("safeDeploy", clock, BUILD);
    Lineage lineage = LineageTest.FULL.withModelArtifact(null);
    recorder.accept(new OperationEvent(START.plusSeconds(1), "creating", "creating endpoint config " + ENDPOINT_CONFIG));
    clock.advance(Duration.ofSeconds(605));
    recorder.accept(new OperationEvent(clock.instant(), "done", "InService on " + ENDPOINT_CONFIG));
    Step<DeployState, DeployResult> last = new Step.Succeeded<>(new DeployState("done", ENDPOINT_CONFIG), List.of(),
        new DeployResult("churn-prod", ENDPOINT_CONFIG));

    DeploymentRecord record = recorder.finish(lineage, "us-east-1", last);
    JsonNode json = valid(record);

    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.get("operation").asText()).isEqualTo("safeDeploy");
    assertThat(json.get("region").asText()).isEqualTo("us-east-1");
    assertThat(json.get("outcome").asText()).isEqualTo("succeeded");
    assertThat(json.has("failure")).isFalse();
    assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-02T09:00:00Z");
    assertThat(json.get("finishedAt").asText()).isEqualTo("2026-11-02T09:10:05Z");
    assertThat(json.get("durationSeconds").asLong()).isEqualTo(605);
    assertThat(json.get("build").get("url").asText()).isEqualTo(BUILD.url());
    assertThat(json.get("build").get("system").asText()).isEqualTo("jenkins");
    JsonNode recordedLineage = json.get("lineage");
    assertThat(fieldNames(recordedLineage)).containsExactly("repository", "commit", "manifestPath", "manifestBlob",
        "manifestName", "image", "imageDigest", "modelArtifact", "trainingJob", "modelPackage", "build");
    assertThat(recordedLineage.get("modelArtifact").asText()).as("completed by the result")
        .isEqualTo(LineageTest.FULL.modelArtifact());
    assertThat(recordedLineage.get("commit").asText()).isEqualTo(LineageTest.FULL.commit());
    assertThat(json.get("resources")).extracting(r -> r.get("action").asText())
        .containsExactly("reused", "created", "updated");
    assertThat(json.get("resources").get(0).get("kind").asText()).isEqualTo("model");
    assertThat(fieldNames(json.get("result"))).containsExactly("endpoint", "endpointConfig", "updateEndpointCalls",
        "changed", "liveSince", "bake", "variants");
    assertThat(json.get("result").get("liveSince").asText()).isEqualTo("2026-11-02T09:10:05Z");
    assertThat(json.get("result").get("bake").asText()).isEqualTo("PT10M");
    assertThat(json.get("result").get("updateEndpointCalls").asInt()).isEqualTo(1);
    assertThat(json.get("events")).hasSize(2);
    assertThat(json.get("events").get(1).get("message").asText()).isEqualTo("InService on " + ENDPOINT_CONFIG);
    assertThat(fieldNames(json)).containsExactly("schemaVersion", "operation", "runId", "region", "outcome", "startedAt",
        "finishedAt", "durationSeconds", "build", "lineage", "resources", "result", "events");
  }

  @Test
  void recorder_resumedWithItsStartAndEvents_recordsTheWholeRun() throws IOException {
    OperationEvent before = new OperationEvent(START.plusSeconds(1), "creating", "creating endpoint " + ENDPOINT_CONFIG);
    clock.advance(Duration.ofMinutes(30));
    DeploymentRecorder resumed = new DeploymentRecorder("safeDeploy", clock, BUILD, START, List.of(before));
    resumed.accept(new OperationEvent(clock.instant(), "done", "InService on " + ENDPOINT_CONFIG));

    JsonNode json = valid(resumed.finish(LineageTest.FULL, "us-east-1", new Step.Succeeded<>(
        new DeployState("done", ENDPOINT_CONFIG), List.of(), new DeployResult("churn-prod", ENDPOINT_CONFIG))));

    assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-02T09:00:00Z");
    assertThat(json.get("durationSeconds").asLong()).isEqualTo(1800);
    assertThat(json.get("events")).extracting(e -> e.get("phase").asText()).containsExactly("creating", "done");
  }

  @Test
  void toJson_whenRolledBack_namesTheKindTheReasonAndTheAlarms() throws IOException {
    DeploymentRecorder recorder = new DeploymentRecorder("safeDeploy", clock, BUILD);
    clock.advance(Duration.ofMinutes(7));
    OperationFailure failure = new OperationFailure(OperationFailure.Kind.ROLLED_BACK,
        "SageMaker rolled the deployment back; Git and the endpoint now differ",
        "Rolled back the update to endpoint configuration \"" + ENDPOINT_CONFIG + "\": alarm(s) [churn-prod-5xx] in ALARM",
        List.of("churn-prod-5xx"));

    DeploymentRecord record = recorder.finish(LineageTest.FULL, "us-east-1",
        new Step.Failed<DeployState, DeployResult>(new DeployState("rolled-back", ENDPOINT_CONFIG), List.of(), failure));
    JsonNode json = valid(record);

    assertThat(json.get("outcome").asText()).isEqualTo("rolledBack");
    assertThat(json.get("failure").get("kind").asText()).isEqualTo("ROLLED_BACK");
    assertThat(json.get("failure").get("failureReason").asText()).contains("alarm(s) [churn-prod-5xx]");
    assertThat(json.get("failure").get("alarms")).extracting(JsonNode::asText).containsExactly("churn-prod-5xx");
    assertThat(json.get("resources")).hasSize(1);
    assertThat(json.get("resources").get(0).has("arn")).isFalse();
    assertThat(json.get("result").get("endpointConfig").asText()).isEqualTo(ENDPOINT_CONFIG);
  }

  @Test
  void toJson_whenEachFailureKindEnds_mapsToItsOutcome() throws IOException {
    for (OperationFailure.Kind kind : OperationFailure.Kind.values()) {
      DeploymentRecord record = new DeploymentRecorder("train", clock, BUILD).finish(Lineage.none(), "us-east-1",
          DeploymentRecord.Outcome.of(OperationFailure.of(kind, "it ended")), null);

      JsonNode json = valid(record);

      String expected = kind == OperationFailure.Kind.ROLLED_BACK ? "rolledBack"
          : kind == OperationFailure.Kind.CANCELLED ? "cancelled" : "failed";
      assertThat(json.get("outcome").asText()).as(kind.name()).isEqualTo(expected);
      assertThat(json.get("failure").get("kind").asText()).isEqualTo(kind.name());
    }
  }

  @Test
  void toJson_whenRefused_listsTheLocatedProblemsAndNoRegion() throws IOException {
    OperationInputException refusal = new OperationInputException(new ManifestProblem("models/churn/prod.yaml", 9, 5,
        "spec.image", "image churn-xgb:9.9 not found"));

    DeploymentRecord record = new DeploymentRecorder("batchTransform", clock, BUILD).refused(Lineage.none(), null, refusal);
    JsonNode json = valid(record);

    assertThat(json.get("outcome").asText()).isEqualTo("refused");
    assertThat(json.get("failure").get("kind").asText()).isEqualTo("INVALID_INPUT");
    assertThat(json.get("failure").get("problems").get(0).asText()).startsWith("models/churn/prod.yaml:9:5");
    assertThat(json.has("region")).isFalse();
    assertThat(json.get("lineage").size()).isZero();
    assertThat(json.get("durationSeconds").asLong()).isZero();
  }

  @Test
  void toJson_whenAnExceptionStoppedTheRun_isAFailureOfKindError() throws IOException {
    DeploymentRecord record = new DeploymentRecorder("register", clock, BUILD).finish(LineageTest.FULL, "us-east-1",
        DeploymentRecord.Outcome.error(new IllegalStateException("AccessDeniedException: not authorized")), null);

    JsonNode json = valid(record);

    assertThat(json.get("outcome").asText()).isEqualTo("failed");
    assertThat(json.get("failure").get("kind").asText()).isEqualTo("ERROR");
    assertThat(json.get("failure").get("message").asText())
        .isEqualTo("IllegalStateException: AccessDeniedException: not authorized");
  }

  @Test
  void toJson_whenTextsCarryUrlsWithCredentials_writesThemWithout() throws IOException {
    String secretUrl = "https://x-access-token:ghs_S3cr3t@github.com/acme/models.git";
    BuildInfo build = new BuildInfo("https://jenkins:apitoken@ci.example.com/job/models/42/", "jenkins");
    DeploymentRecorder recorder = new DeploymentRecorder("train", clock, build);
    recorder.accept(new OperationEvent(START, "starting", "fetched " + secretUrl + " at main"));
    Recordable result = () -> Map.of("source", secretUrl, "nested", List.of(Map.of("url", secretUrl)));

    DeploymentRecord record = recorder.finish(LineageTest.FULL.or(Lineage.none()), "us-east-1",
        new DeploymentRecord.Outcome(DeploymentRecord.Status.FAILED, "FAILED", "could not fetch " + secretUrl, null,
            List.of(), List.of()), result);
    String text = record.toJson();
    valid(record);

    assertThat(text).doesNotContain("ghs_S3cr3t").doesNotContain("apitoken").doesNotContain("x-access-token")
        .contains("https://github.com/acme/models.git").contains("https://ci.example.com/job/models/42/");
  }

  @Test
  void new_whenResultHoldsSomethingElseThanPlainValues_refusesNamingWhere() {
    Recordable result = () -> Map.of("response", List.of(new Object()));

    assertThatThrownBy(() -> new DeploymentRecorder("train", clock, BUILD).finish(Lineage.none(), "us-east-1",
        DeploymentRecord.Outcome.succeeded(), result))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("result.response[0] is a java.lang.Object");
  }

  @Test
  void new_whenOperationNameOrOutcomeIsInconsistent_refuses() {
    assertThatThrownBy(() -> new DeploymentRecorder("safe deploy", clock, BUILD).finish(Lineage.none(), null,
        DeploymentRecord.Outcome.succeeded(), null)).hasMessageContaining("camel-case");
    assertThatThrownBy(() -> new DeploymentRecord.Outcome(DeploymentRecord.Status.SUCCEEDED, "FAILED", "x", null,
        List.of(), List.of())).hasMessageContaining("failure kind");
  }

  @Test
  void schema_whenRecordsBreakTheOutcomeRule_refusesThem() throws IOException {
    DeploymentRecord succeeded = new DeploymentRecorder("train", clock, BUILD).finish(LineageTest.FULL, "us-east-1",
        DeploymentRecord.Outcome.succeeded(), null);
    ObjectNode withFailure = (ObjectNode) JSON.readTree(succeeded.toJson());
    withFailure.putObject("failure").put("kind", "FAILED").putArray("alarms");
    withFailure.withArray("/failure/problems");
    ObjectNode failedWithout = (ObjectNode) JSON.readTree(succeeded.toJson());
    failedWithout.put("outcome", "failed");
    ObjectNode tokenInRepository = (ObjectNode) JSON.readTree(succeeded.toJson());
    ((ObjectNode) tokenInRepository.get("lineage")).put("repository", "https://u:p@github.com/acme/models.git");

    assertThat(schema().validate(withFailure)).isNotEmpty();
    assertThat(schema().validate(failedWithout)).isNotEmpty();
    assertThat(schema().validate(tokenInRepository)).isNotEmpty();
  }

  @Test
  void docs_whenTheyShowARecord_showAValidOne() throws IOException {
    Matcher blocks = Pattern.compile("(?ms)^```json\\n(.*?)^```").matcher(Files.readString(DOCS));
    int seen = 0;
    while (blocks.find()) {
      seen++;
      assertThat(schema().validate(JSON.readTree(blocks.group(1)))).as("example %d", seen).isEmpty();
    }
    assertThat(seen).isPositive();
  }

  @Test
  void schema_whenCheckedAgainstDraft202012_isValid() throws IOException {
    JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(metaSchema.validate(JSON.readTree(Files.readString(SCHEMA)))).isEmpty();
  }

  @Test
  void writeInto_whenDirectoryIsMissing_createsItAndNamesTheFileByTimeOperationAndManifest() throws IOException {
    clock.advance(Duration.ofSeconds(59));
    DeploymentRecord record = new DeploymentRecorder("safeDeploy", clock, BUILD).finish(LineageTest.FULL, "us-east-1",
        DeploymentRecord.Outcome.succeeded(), null);

    Path file = new DeploymentRecordWriter().writeInto(directory.resolve("records/run-1"), record);

    assertThat(file.getFileName().toString()).isEqualTo("20261102T090059Z-safeDeploy-churn-prod-"
        + record.runId().replace("-", "").substring(0, 8) + ".json");
    assertThat(Files.readString(file)).isEqualTo(record.toJson());
  }

  @Test
  void writeInto_whenTwoRunsStartInTheSameSecond_writesTwoRecordsWithTheirOwnRunIds() throws IOException {
    DeploymentRecord first = new DeploymentRecorder("safeDeploy", clock, BUILD).finish(LineageTest.FULL, "us-east-1",
        DeploymentRecord.Outcome.succeeded(), null);
    DeploymentRecord second = new DeploymentRecorder("safeDeploy", clock, BUILD).finish(LineageTest.FULL, "us-east-1",
        DeploymentRecord.Outcome.error(new IllegalStateException("lost")), null);

    Path one = new DeploymentRecordWriter().writeInto(directory, first);
    Path two = new DeploymentRecordWriter().writeInto(directory, second);

    assertThat(first.runId()).isNotEqualTo(second.runId());
    assertThat(one).isNotEqualTo(two);
    assertThat(JSON.readTree(Files.readString(one)).get("runId").asText()).isEqualTo(first.runId());
    assertThat(JSON.readTree(Files.readString(two)).get("outcome").asText()).isEqualTo("failed");
  }

  @Test
  void writeInto_whenTheNameIsTaken_keepsTheFirstRecordAndWritesTheNextBesideIt() throws IOException {
    DeploymentRecord record = new DeploymentRecorder("shadowTest", clock, BUILD).finish(LineageTest.FULL, "eu-west-1",
        DeploymentRecord.Outcome.succeeded(), null);
    Path taken = directory.resolve(DeploymentRecordWriter.fileName(record));
    Files.writeString(taken, "{\"old\": true}");

    Path file = new DeploymentRecordWriter().writeInto(directory, record);

    assertThat(Files.readString(taken)).isEqualTo("{\"old\": true}");
    assertThat(file.getFileName().toString()).endsWith("-2.json");
    assertThat(JSON.readTree(Files.readString(file)).get("operation").asText()).isEqualTo("shadowTest");
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactlyInAnyOrder(taken, file);
    }
  }

  private static JsonNode valid(DeploymentRecord record) throws IOException {
    JsonNode json = JSON.readTree(record.toJson());
    Set<ValidationMessage> errors = schema().validate(json);
    assertThat(errors).as(record.toJson()).isEmpty();
    return json;
  }

  private static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(Files.readString(SCHEMA)));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
