package dev.sagemakergitops.local.sagemaker.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources.S3Location;
import dev.sagemakergitops.local.spi.LocalModel;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What a transform job computes once its instances are up: every input object, split into records,
 * filtered, scored by the {@link LocalModel}, joined, filtered again and assembled into one
 * {@code .out} object per input object. Pure: it reads through the {@link ObjectStore} and answers
 * the objects to write, so that nothing is written unless every input succeeded ("partial outputs
 * are never uploaded").
 */
final class BatchRun {
  /** A failure that becomes the job's {@code FailureReason}. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String reason) {
      super(reason);
    }
  }

  /** One object to write. */
  record Output(String bucket, String key, byte[] content, String contentType) {}

  private BatchRun() {}

  static List<Output> run(JsonNode request, ObjectStore store, LocalModel model) throws Failure {
    JsonNode input = request.path("TransformInput");
    JsonNode source = input.path("DataSource").path("S3DataSource");
    String dataType = source.path("S3DataType").asText("S3Prefix");
    String uri = source.path("S3Uri").asText();
    S3Location location = S3Location.parse(uri);
    Map<String, String> objects = inputObjects(dataType, uri, location, store);
    if (objects.isEmpty()) {
      throw new Failure("ClientError: No S3 objects found under S3 URL \"" + uri + "\" given in input data source. "
          + "Please ensure that the bucket exists in the selected region, that objects exist under that S3 prefix.");
    }
    String splitType = input.path("SplitType").asText("None");
    if (!splitType.equals("None") && !splitType.equals("Line")) {
      throw new Failure("ClientError: SplitType " + splitType + " is not supported by the local control plane; "
          + "use None or Line.");
    }
    boolean gzip = input.path("CompressionType").asText("None").equals("Gzip");
    JsonNode processing = request.path("DataProcessing");
    CsvPath inputFilter = CsvPath.parse(Json.text(processing, "InputFilter"));
    CsvPath outputFilter = CsvPath.parse(Json.text(processing, "OutputFilter"));
    boolean join = processing.path("JoinSource").asText("None").equals("Input");
    JsonNode output = request.path("TransformOutput");
    boolean assembleLines = output.path("AssembleWith").asText("None").equals("Line");
    S3Location outputPath = S3Location.parse(output.path("S3OutputPath").asText());
    String accept = output.path("Accept").asText("text/csv");

    List<Output> outputs = new ArrayList<>();
    for (Map.Entry<String, String> object : objects.entrySet()) {
      S3Location key = S3Location.parse(object.getKey());
      byte[] bytes = store.get(key.bucket(), key.key())
          .orElseThrow(() -> new Failure("ClientError: Failed to download input object " + object.getKey() + "."));
      String text = new String(gzip ? gunzip(bytes, object.getKey()) : bytes, StandardCharsets.UTF_8);
      List<String> records = splitType.equals("Line") ? nonBlankLines(text) : List.of(text);
      StringBuilder assembled = new StringBuilder();
      for (String record : records) {
        String response = respond(record, model, inputFilter, outputFilter, join, object.getKey());
        assembled.append(response);
        if (assembleLines && !response.endsWith("\n")) {
          assembled.append('\n');
        }
      }
      S3Location target = outputPath.resolve(object.getValue() + ".out");
      outputs.add(new Output(target.bucket(), target.key(), assembled.toString().getBytes(StandardCharsets.UTF_8),
          accept));
    }
    return outputs;
  }

  /**
   * One request's answer: for each CSV line of the record, the input filter's fields are scored;
   * with {@code JoinSource=Input} the prediction is appended after the line's input columns; then the
   * output filter selects the fields to keep. Lines of one record are answered one per line.
   */
  private static String respond(String record, LocalModel model, CsvPath inputFilter, CsvPath outputFilter,
      boolean join, String objectUri) throws Failure {
    StringBuilder answer = new StringBuilder();
    for (String line : nonBlankLines(record)) {
      List<String> fields = Arrays.asList(line.split(",", -1));
      try {
        String prediction = model.predictCsvLine(String.join(",", inputFilter.select(fields)));
        List<String> joined = new ArrayList<>();
        if (join) {
          joined.addAll(fields);
        }
        joined.add(prediction);
        answer.append(String.join(",", outputFilter.select(joined))).append('\n');
      } catch (IndexOutOfBoundsException e) {
        throw new Failure("ClientError: Failed to process record \"" + line + "\" of " + objectUri + ": "
            + e.getMessage() + ".");
      }
    }
    return answer.toString();
  }

  /**
   * The input objects as S3 URI to the path relative to the input prefix's folder: an S3Prefix is
   * listed; a ManifestFile is the documented JSON array {@code [{"prefix": "s3://b/p/"}, "rel1", ...]}.
   */
  private static Map<String, String> inputObjects(String dataType, String uri, S3Location location, ObjectStore store)
      throws Failure {
    Map<String, String> objects = new LinkedHashMap<>();
    switch (dataType) {
      case "S3Prefix" -> {
        String folder = location.key().contains("/")
            ? location.key().substring(0, location.key().lastIndexOf('/') + 1) : "";
        for (String key : store.list(location.bucket(), location.key())) {
          if (!key.endsWith("/")) {
            objects.put("s3://" + location.bucket() + "/" + key, key.substring(folder.length()));
          }
        }
      }
      case "ManifestFile" -> {
        byte[] manifest = store.get(location.bucket(), location.key())
            .orElseThrow(() -> new Failure("ClientError: Failed to download manifest file " + uri + "."));
        try {
          JsonNode entries = Json.MAPPER.readTree(manifest);
          String prefix = entries.path(0).path("prefix").asText();
          S3Location base = S3Location.parse(prefix);
          for (int i = 1; i < entries.size(); i++) {
            String relative = entries.get(i).asText();
            objects.put(base.resolve(relative).uri(), relative);
          }
        } catch (IOException | IllegalArgumentException e) {
          throw new Failure("ClientError: The manifest file " + uri + " is not a JSON array starting with "
              + "{\"prefix\": \"s3://...\"}.");
        }
      }
      default -> throw new Failure("ClientError: S3DataType " + dataType
          + " is not supported by the local control plane; use S3Prefix or ManifestFile.");
    }
    return objects;
  }

  private static List<String> nonBlankLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static byte[] gunzip(byte[] bytes, String uri) throws Failure {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new Failure("ClientError: " + uri + " is not gzip-compressed although CompressionType is Gzip.");
    }
  }
}
