package dev.sagemakergitops.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads deployment records back from their JSON files for the report. Like every reader of the
 * format ({@code docs/deployment-record.md}, "Compatibility"), it ignores keys it does not know and
 * takes absent optional keys as "not known", so a record written by an older version reads too. A
 * record of another {@code schemaVersion}, or one without a field every record has, is refused with
 * the file, the field and what was expected.
 */
public final class RecordReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The records {@code paths} name: a file is one record; a folder gives every {@code *.json} file
   * directly in it (a {@code --record-dir}), in name order, which is start-time order.
   *
   * @throws ReportInputException for the first path that is missing or not a readable record
   */
  public List<RecordedRun> read(List<Path> paths) throws ReportInputException {
    List<RecordedRun> runs = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(path)) {
          files = listed.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
              .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        } catch (IOException e) {
          throw new ReportInputException(path, "cannot list the folder (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
          throw new ReportInputException(path, "the folder holds no deployment record (*.json); give the folder "
              + "the deploy step wrote its records into (--record-dir), or record files");
        }
        for (Path file : files) {
          runs.add(readFile(file));
        }
      } else {
        runs.add(readFile(path));
      }
    }
    return runs;
  }

  /** One record file. */
  public RecordedRun readFile(Path file) throws ReportInputException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ReportInputException(file, "no such file; give a deployment record (.json) or a folder of them", e);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
      throw new ReportInputException(file, where + "not JSON (" + e.getOriginalMessage() + "); a deployment "
          + "record is the JSON document deploy --record-dir writes", e);
    } catch (IOException e) {
      throw new ReportInputException(file, "cannot read it (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new ReportInputException(file, "expected a JSON object (a deployment record), found "
          + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isInt()) {
      throw new ReportInputException(file, "field schemaVersion: expected the record format's version (1); this "
          + "is not a deployment record");
    }
    if (version.asInt() != 1) {
      throw new ReportInputException(file, "field schemaVersion: expected 1, found " + version.asInt()
          + "; this record was written by a newer sagemaker-gitops: report it with that version");
    }
    return new RecordedRun(file, required(file, root, "operation"), text(root, "runId"),
        required(file, root, "outcome"), text(root.path("failure"), "kind"), text(root.path("failure"), "message"),
        text(root.path("failure"), "failureReason"), texts(root.path("failure").path("alarms")),
        texts(root.path("failure").path("problems")), instant(file, root, "startedAt", true),
        instant(file, root, "finishedAt", true), text(root.path("build"), "url"), lineage(root.path("lineage")),
        variants(root.path("lineage").path("variants")), resources(root.path("resources")),
        flat(root.path("result")), events(file, root.path("events")));
  }

  private static String required(Path file, JsonNode node, String field) throws ReportInputException {
    String value = text(node, field);
    if (value == null || value.isEmpty()) {
      throw new ReportInputException(file, "field " + field + ": expected a text, found none; every deployment "
          + "record has it (see docs/deployment-record.md)");
    }
    return value;
  }

  private static Instant instant(Path file, JsonNode node, String field, boolean needed) throws ReportInputException {
    String value = text(node, field);
    if (value == null) {
      if (needed) {
        throw new ReportInputException(file, "field " + field + ": expected an ISO-8601 instant, found none");
      }
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ReportInputException(file, "field " + field + ": expected an ISO-8601 instant such as "
          + "2026-11-02T09:00:00Z, found '" + value + "'", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.asText()));
    return out;
  }

  private static Map<String, String> lineage(JsonNode node) {
    Map<String, String> out = flat(node);
    out.remove("variants");
    return out;
  }

  /** The texts, numbers and booleans directly in {@code node}, in its order. */
  private static Map<String, String> flat(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    return out;
  }

  private static List<Map<String, String>> variants(JsonNode array) {
    List<Map<String, String>> out = new ArrayList<>();
    array.forEach(item -> out.add(flat(item)));
    return out;
  }

  private static List<RecordedRun.Resource> resources(JsonNode array) {
    List<RecordedRun.Resource> out = new ArrayList<>();
    array.forEach(item -> out.add(new RecordedRun.Resource(item.path("kind").asText(), item.path("name").asText(),
        item.path("action").asText())));
    return out;
  }

  private static List<RecordedEvent> events(Path file, JsonNode array) throws ReportInputException {
    List<RecordedEvent> out = new ArrayList<>();
    int index = 0;
    for (JsonNode item : array) {
      Instant at = instant(file, item, "at", false);
      if (at == null) {
        throw new ReportInputException(file, "field events[" + index + "].at: expected an ISO-8601 instant, found none");
      }
      Map<String, Object> facts = item.has("facts") && item.get("facts").isObject()
          ? JSON.convertValue(item.get("facts"), JSON.getTypeFactory().constructMapType(LinkedHashMap.class,
              String.class, Object.class))
          : Map.of();
      out.add(new RecordedEvent(at, text(item, "phase"), text(item, "message"), facts,
          item.path("quiet").asBoolean(false)));
      index++;
    }
    return out;
  }
}
