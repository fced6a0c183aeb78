package dev.sagemakergitops.liveaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a probe's observations are compared with its fixture, and how answers are normalized. */
class FixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode fixture(String observations) throws Exception {
    return JSON.readTree("{\"probe\": \"p\", \"source\": \"documentation\", \"observations\": " + observations + "}");
  }

  private static final Observation REFUSED = Observation.refused("CreateModel naming an OCI image manifest",
      Map.of("ModelName", "<run>oci"), "ValidationException", "Unsupported manifest media type x for image y.");

  @Test
  void differences_whenTheAnswerIsAsRecorded_areNone() throws Exception {
    JsonNode expected = fixture("[{\"name\": \"CreateModel naming an OCI image manifest\", \"request\": {\"ModelName\":"
        + " \"<run>oci\"}, \"outcome\": \"refused\", \"answer\": {}, \"errorCode\": \"ValidationException\","
        + " \"errorMessage\": \"Unsupported manifest media type x for image y.\"}]");

    assertThat(Fixture.differences(expected, List.of(REFUSED))).isEmpty();
  }

  @Test
  void differences_whenTheTextDiffers_nameTheObservationAndField() throws Exception {
    JsonNode expected = fixture("[{\"name\": \"CreateModel naming an OCI image manifest\", \"request\": {\"ModelName\":"
        + " \"<run>oci\"}, \"outcome\": \"refused\", \"answer\": {}, \"errorCode\": \"ValidationException\","
        + " \"errorMessage\": \"Unsupported manifest media type x for image z.\"}]");

    assertThat(Fixture.differences(expected, List.of(REFUSED))).singleElement().asString()
        .startsWith("CreateModel naming an OCI image manifest: errorMessage: expected");
  }

  @Test
  void differences_whenUndocumentedOrInformationalOrMatching_skipOrMatchThoseFields() throws Exception {
    Observation race = Observation.answered("race", Map.of(), Map.of("accepted", true, "seconds", 7,
        "config", "sagemaker-made-1a2b")).informational("seconds");
    JsonNode expected = fixture("[{\"name\": \"race\", \"request\": {}, \"outcome\": \"answered\", \"answer\":"
        + " {\"accepted\": \"<undocumented>\", \"seconds\": 1, \"config\": {\"matches\": \"sagemaker-made-[0-9a-f]+\"}},"
        + " \"errorCode\": null, \"errorMessage\": null, \"informational\": [\"seconds\"]}]");
    JsonNode stricter = fixture("[{\"name\": \"race\", \"request\": {}, \"outcome\": \"answered\", \"answer\":"
        + " {\"accepted\": false, \"seconds\": 1}, \"errorCode\": null, \"errorMessage\": null,"
        + " \"informational\": [\"seconds\"]}]");

    assertThat(Fixture.differences(expected, List.of(race))).isEmpty();
    assertThat(Fixture.differences(stricter, List.of(race))).containsExactly(
        "race: answer.accepted: expected false, got true", "race: answer.config: \"sagemaker-made-1a2b\" is not in the fixture");
  }

  @Test
  void differences_whenACountIsALongAndTheFixtureAnInt_compareTheNumbers() throws Exception {
    Observation counted = Observation.answered("deploy", Map.of(), Map.of("UpdateEndpoint", 1L, "AddTags", 2L));
    JsonNode same = fixture("[{\"name\": \"deploy\", \"request\": {}, \"outcome\": \"answered\", \"answer\":"
        + " {\"UpdateEndpoint\": 1, \"AddTags\": 2}, \"errorCode\": null, \"errorMessage\": null}]");
    JsonNode other = fixture("[{\"name\": \"deploy\", \"request\": {}, \"outcome\": \"answered\", \"answer\":"
        + " {\"UpdateEndpoint\": 1, \"AddTags\": 1}, \"errorCode\": null, \"errorMessage\": null}]");

    assertThat(Fixture.differences(same, List.of(counted))).isEmpty();
    assertThat(Fixture.differences(other, List.of(counted))).containsExactly("deploy: answer.AddTags: expected 1, got 2");
  }

  @Test
  void differences_whenAnObservationIsMissing_sayWhichWereMade() throws Exception {
    assertThat(Fixture.differences(fixture("[]"), List.of(REFUSED))).singleElement().asString()
        .contains("observations [CreateModel naming an OCI image manifest] but the fixture has []");
  }

  @Test
  void writeRecorded_whenWritten_isReadBackAsTheSameObservations(@TempDir Path folder) throws Exception {
    Fixture.writeRecorded(folder, "p", "eu-west-1", Instant.parse("2026-12-07T04:00:00Z"), List.of(REFUSED));
    JsonNode written = JSON.readTree(folder.resolve("p.json").toFile());

    assertThat(written.path("source").asText()).isEqualTo("recorded");
    assertThat(Fixture.differences(written, List.of(REFUSED))).isEmpty();
  }

  @Test
  void normalize_whenGivenAnAnswer_hidesAccountRegionAndRunOnly() {
    Normalizer normalizer = new Normalizer("sgl-live-2612070400abcd-", "eu-west-1");

    assertThat(normalizer.normalize("Could not find model \"arn:aws:sagemaker:eu-west-1:111122223333:model/"
        + "sgl-live-2612070400abcd-m\". Image 111122223333.dkr.ecr.eu-west-1.amazonaws.com/r@sha256:ab"))
        .isEqualTo("Could not find model \"arn:aws:sagemaker:<region>:<account>:model/<run>m\". Image"
            + " <account>.dkr.ecr.<region>.amazonaws.com/r@sha256:ab");
  }
}
