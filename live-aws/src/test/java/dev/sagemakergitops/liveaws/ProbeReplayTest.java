package dev.sagemakergitops.liveaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.liveaws.probe.Probe;
import dev.sagemakergitops.liveaws.probe.ProbeRun;
import dev.sagemakergitops.liveaws.probe.Probes;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every probe, run against the local control plane, answers what its fixture says AWS answers
 * (recorded on a real account, or the documented reading until then), and deletes everything it
 * created. The control plane runs with a consistency delay, as AWS's eventual consistency may
 * show, so the probes' waiting paths run too.
 */
@IntegrationPhase
class ProbeReplayTest {
  /** Long enough that a create-then-use chain meets it, short against the probes' patience. */
  static final Duration CONSISTENCY_DELAY = Duration.ofSeconds(5);

  /**
   * Where the local control plane is known to answer otherwise than its fixture, each with its reason:
   * differences starting with these are reported, not failed. Keep it empty whenever possible.
   */
  static final Map<String, List<String>> KNOWN_LOCAL_DIFFERENCES = Map.of();

  static Stream<Probe> probes() {
    return Probes.all().stream();
  }

  static JsonNode fixture(String probeId) throws IOException {
    try (InputStream in = ProbeReplayTest.class.getResourceAsStream("/live-aws-fixtures/" + Fixture.fileName(probeId))) {
      assertThat(in).as("the fixture of probe " + probeId).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void probe_whenRunAgainstTheLocalControlPlane_answersAsItsFixtureSays(Probe probe) throws IOException {
    JsonNode fixture = fixture(probe.id());
    try (LocalTarget target = new LocalTarget(CONSISTENCY_DELAY)) {
      RunLedger ledger = new RunLedger("replay");
      List<Observation> observations = probe.run(new ProbeRun(target, ledger));
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      List<RunLedger.Resource> left = ledger.deleteAll(new PrintStream(log, true, StandardCharsets.UTF_8));

      List<String> known = KNOWN_LOCAL_DIFFERENCES.getOrDefault(probe.id(), List.of());
      assertThat(Fixture.differences(fixture, observations)).as("local answers against the " + fixture.path("source")
          + " fixture " + probe.id()).allMatch(d -> known.stream().anyMatch(d::startsWith));
      // Only what the local plane cannot delete stays (DeleteRepository, DeleteInferenceExperiment: not implemented).
      String deletions = log.toString(StandardCharsets.UTF_8);
      assertThat(deletions.lines().filter(l -> l.contains("NOT deleted"))).as(deletions)
          .hasSize(left.size()).allMatch(l -> l.contains("UnknownOperationException: The local control plane does not"
              + " implement"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void fixture_whenShipped_isEitherRecordedOrDocumentedWithItsSources(Probe probe) throws IOException {
    JsonNode fixture = fixture(probe.id());

    assertThat(fixture.path("probe").asText()).isEqualTo(probe.id());
    assertThat(fixture.path("source").asText()).isIn("documentation", "recorded");
    if (fixture.path("source").asText().equals("documentation")) {
      assertThat(fixture.path("sources")).as("the documentation it encodes").isNotEmpty()
          .allMatch(url -> url.asText().startsWith("https://"));
    } else {
      assertThat(fixture.path("recordedAt").asText()).isNotBlank();
    }
  }
}
