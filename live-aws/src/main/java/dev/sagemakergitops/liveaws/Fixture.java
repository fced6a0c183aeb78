package dev.sagemakergitops.liveaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A probe's expected answers, {@code live-aws/src/test/resources/live-aws-fixtures/<probe>.json}:
 *
 * <pre>
 * { "probe": "oci-media-types",
 *   "source": "documentation" | "recorded",
 *   "sources": ["https://..."],                      (documentation: where the reading comes from)
 *   "recordedAt": "2026-...Z", "region": "us-east-1", (recorded)
 *   "note": "what the documentation says, and what it leaves open",
 *   "observations": [ { "name", "request", "outcome", "answer", "errorCode", "errorMessage",
 *                       "informational" } ] }
 * </pre>
 *
 * A documentation fixture encodes the reading the local control plane takes today; what AWS does not
 * document is written {@value #UNDOCUMENTED} and not compared. A live run replaces the fixture with
 * AWS's answers ({@code "source": "recorded"}); from then on every field is compared. Any expected
 * value may instead be {@code {"matches": "<regex>"}}, for a part AWS generates (an id).
 * {@code informational} fields are never compared.
 */
public final class Fixture {
  /** The expected value of a field AWS does not document; not compared. */
  public static final String UNDOCUMENTED = "<undocumented>";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Fixture() {}

  /** The file name of a probe's fixture. */
  public static String fileName(String probeId) {
    return probeId + ".json";
  }

  /** Writes what AWS answered as the probe's fixture, replacing the documentation's reading. */
  public static void writeRecorded(Path folder, String probeId, String region, Instant at, List<Observation> observations) {
    ObjectNode root = JSON.createObjectNode();
    root.put("probe", probeId);
    root.put("source", "recorded");
    root.put("recordedAt", at.toString());
    root.put("region", region);
    ArrayNode list = root.putArray("observations");
    observations.forEach(o -> list.add(JSON.valueToTree(o)));
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(fileName(probeId)), JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The differences between {@code actual} (a probe's observations on some target) and the
   * {@code expected} fixture, one sentence each; empty when they agree.
   */
  public static List<String> differences(JsonNode expected, List<Observation> actual) {
    List<String> differences = new ArrayList<>();
    List<String> actualNames = actual.stream().map(Observation::name).toList();
    List<String> expectedNames = new ArrayList<>();
    expected.path("observations").forEach(o -> expectedNames.add(o.path("name").asText()));
    if (!actualNames.equals(expectedNames)) {
      differences.add("observations " + actualNames + " but the fixture has " + expectedNames);
      return differences;
    }
    for (int i = 0; i < actual.size(); i++) {
      JsonNode want = expected.path("observations").get(i);
      JsonNode got = JSON.valueToTree(actual.get(i));
      String name = actual.get(i).name();
      List<String> informational = new ArrayList<>();
      want.path("informational").forEach(f -> informational.add(f.asText()));
      compare(name + ": request", want.path("request"), got.path("request"), List.of(), differences);
      for (String field : List.of("outcome", "errorCode", "errorMessage")) {
        compare(name + ": " + field, want.path(field), got.path(field), List.of(), differences);
      }
      compare(name + ": answer", want.path("answer"), got.path("answer"), informational, differences);
    }
    return differences;
  }

  private static void compare(String where, JsonNode want, JsonNode got, List<String> skipped, List<String> out) {
    if (want.isTextual() && want.asText().equals(UNDOCUMENTED)) {
      return;
    }
    if (want.isObject() && want.size() == 1 && want.has("matches")) {
      String text = got.isMissingNode() || got.isNull() ? "" : got.asText();
      if (!Pattern.compile(want.get("matches").asText()).matcher(text).matches()) {
        out.add(where + ": " + text + " does not match " + want.get("matches").asText());
      }
      return;
    }
    if (want.isObject() && got.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = want.fields(); fields.hasNext();) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!skipped.contains(field.getKey())) {
          compare(where + "." + field.getKey(), field.getValue(), got.path(field.getKey()), List.of(), out);
        }
      }
      got.fieldNames().forEachRemaining(f -> {
        if (!want.has(f) && !skipped.contains(f)) {
          out.add(where + "." + f + ": " + got.get(f) + " is not in the fixture");
        }
      });
      return;
    }
    if (want.isNumber() && got.isNumber()) {
      // 1 and 1L are the same answer: JSON has one kind of number, Jackson's trees have several.
      if (want.decimalValue().compareTo(got.decimalValue()) != 0) {
        out.add(where + ": expected " + want + ", got " + got);
      }
      return;
    }
    boolean absent = want.isMissingNode() || want.isNull();
    boolean gotAbsent = got.isMissingNode() || got.isNull();
    if (absent && gotAbsent) {
      return;
    }
    if (!want.equals(got)) {
      out.add(where + ": expected " + want + ", got " + (gotAbsent ? "nothing" : got.toString()));
    }
  }
}
