package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransformCommandTest extends LocalWorldTest {
  private String modelPackage;

  @BeforeEach
  void setUp() {
    modelPackage = Churn.trainAndRegister(world);
  }

  @Test
  void transform_whenManifestHasOneTransform_runsItAndAttachesOnTheSameCommit() {
    world.commit(Churn.PATH, Churn.serving(modelPackage, ""), "Churn: serve and score");

    CommandLineRun run = world.run("transform", "--json", Churn.PATH);
    CommandLineRun again = world.run("transform", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("operation").asText()).isEqualTo("batchTransform");
    assertThat(json.at("/result/transformName").asText()).isEqualTo("nightly");
    assertThat(json.at("/result/outputS3Uri").asText()).startsWith("s3://ml-predictions/churn/");
    assertThat(again.json().at("/result/jobName").asText()).isEqualTo(json.at("/result/jobName").asText());
    assertThat(world.calls().count("CreateTransformJob")).isEqualTo(1);
    assertThat(run.err()).containsPattern("(?m)^2026-11-02T\\d\\d:\\d\\d:\\d\\dZ batchTransform churn-prod  ");
  }

  @Test
  void transform_whenRunAgain_recordsTheModelAndJobCreatedThenReused() throws Exception {
    world.commit(Churn.PATH, Churn.serving(modelPackage, ""), "Churn: serve and score");

    CommandLineRun first = world.run("transform", "--json", Churn.PATH);
    CommandLineRun again = world.run("transform", "--json", Churn.PATH);

    assertThat(resources(first)).containsExactly("model created", "transform-job created");
    assertThat(resources(again)).containsExactly("model reused", "transform-job reused");
  }

  private static List<String> resources(CommandLineRun run) throws IOException {
    JsonNode record = new ObjectMapper().readTree(Path.of(run.json().get("record").asText()).toFile());
    List<String> out = new ArrayList<>();
    record.get("resources").forEach(r -> out.add(r.get("kind").asText() + " " + r.get("action").asText()));
    return out;
  }

  @Test
  void transform_whenRunKeyDiffers_startsAnotherJob() {
    world.commit(Churn.PATH, Churn.serving(modelPackage, ""), "Churn: serve and score");

    CommandLineRun first = world.run("transform", "--name", "nightly", "--run-key", "2026-11-02", "--json", Churn.PATH);
    CommandLineRun second = world.run("transform", "--name", "nightly", "--run-key", "2026-11-03", "--json", Churn.PATH);

    assertThat(first.exitCode()).isZero();
    assertThat(second.exitCode()).isZero();
    assertThat(second.json().at("/result/jobName").asText()).isNotEqualTo(first.json().at("/result/jobName").asText());
    assertThat(second.json().at("/result/runKey").asText()).isEqualTo("2026-11-03");
  }

  @Test
  void transform_whenNameIsUnknown_exitsTwoAtTheTransformsLine() {
    world.commit(Churn.PATH, Churn.serving(modelPackage, ""), "Churn: serve and score");

    CommandLineRun run = world.run("transform", "--name", "weekly", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).containsPattern("models/churn/prod\\.yaml:\\d+:\\d+: spec.batchTransforms: there is no batch"
        + " transform named 'weekly'; this manifest defines nightly");
    assertThat(world.calls().count("CreateTransformJob")).isZero();
  }

  @Test
  void transform_whenManifestHasNoTransforms_exitsTwo() {
    CommandLineRun run = world.run("transform", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("spec: this manifest has no batchTransforms, so there is nothing to run");
  }
}
