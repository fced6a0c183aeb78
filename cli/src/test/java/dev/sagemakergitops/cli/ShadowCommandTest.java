package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.model.ServingModels;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationPhase
class ShadowCommandTest extends LocalWorldTest {

  @BeforeEach
  void setUp() {
    Churn.twoVersions(world);
  }

  /** The shadow variant's name: the name of the model the manifest at HEAD defines. */
  private String shadowModel() {
    try (AwsClients clients = AwsClients.create(new AwsSettings(LocalWorld.REGION, null, world.local().endpoint(), null,
        null, null)); GitRepository git = GitRepository.open(world.repository())) {
      ResolvedManifest manifest = new ManifestResolver(ImagePinner.using(clients)).resolveOne(git, "HEAD", Churn.PATH);
      return new ServingModels(OperationContext.of(clients, world.local().clock(), BuildInfo.terminal()))
          .define(manifest).name();
    }
  }

  @Test
  void shadow_whenTheEndpointIsNotLive_exitsTwoAndCreatesNothing() {
    world.commit(Churn.PATH, Churn.serving("churn/2", Churn.SHADOW_TEST), "Shadow-test churn 2");

    CommandLineRun run = world.run("shadow", "--json", Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.json().get("outcome").asText()).isEqualTo("refused");
    assertThat(run.json().at("/problems/0/message").asText()).contains("churn-prod");
    assertThat(world.calls().mutating()).isEmpty();
  }

  @Test
  void shadow_whenTheShadowIsSlower_exitsFourWithTheNumbers() {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    assertThat(world.run("deploy", Churn.PATH).exitCode()).isZero();
    world.commit(Churn.PATH, Churn.serving("churn/2", Churn.SHADOW_TEST), "Shadow-test churn 2");
    world.hosting().slowVariant(Churn.NAME, shadowModel(), 3.0);

    CommandLineRun run = world.run(world.runtime(world.withTraffic(Churn.NAME, 4)), "shadow", "--json", Churn.PATH);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    JsonNode json = run.json();
    assertThat(json.get("operation").asText()).isEqualTo("shadowTest");
    assertThat(json.at("/failure/kind").asText()).isEqualTo("REJECTED");
    assertThat(json.at("/failure/message").asText()).startsWith("shadow variant rejected: average model latency");
    assertThat(world.calls().count("CreateInferenceExperiment")).isEqualTo(1);
  }

  @Test
  void shadow_whenRunAgain_recordsTheModelAndExperimentCreatedThenReused() throws Exception {
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Serve churn 1");
    assertThat(world.run("deploy", Churn.PATH).exitCode()).isZero();
    world.commit(Churn.PATH, Churn.serving("churn/2", Churn.SHADOW_TEST), "Shadow-test churn 2");
    world.hosting().slowVariant(Churn.NAME, shadowModel(), 3.0);

    CommandLineRun first = world.run(world.runtime(world.withTraffic(Churn.NAME, 4)), "shadow", "--json", Churn.PATH);
    CommandLineRun again = world.run(world.runtime(world.withTraffic(Churn.NAME, 4)), "shadow", "--json", Churn.PATH);

    assertThat(first.exitCode()).as(first.err()).isEqualTo(4);
    assertThat(again.exitCode()).as(again.err()).isEqualTo(4);
    String model = shadowModel();
    assertThat(resources(first)).containsExactly("model " + model + " created", "inference-experiment created");
    assertThat(resources(again)).containsExactly("model " + model + " reused", "inference-experiment reused");
    assertThat(world.calls().count("CreateInferenceExperiment")).isEqualTo(1);
  }

  /** The resources of the run's deployment record, as "kind action", the model's with its name. */
  private static List<String> resources(CommandLineRun run) throws IOException {
    JsonNode record = new ObjectMapper().readTree(Path.of(run.json().get("record").asText()).toFile());
    List<String> out = new ArrayList<>();
    record.get("resources").forEach(r -> out.add(r.get("kind").asText()
        + ("model".equals(r.get("kind").asText()) ? " " + r.get("name").asText() : "") + " " + r.get("action").asText()));
    return out;
  }
}
