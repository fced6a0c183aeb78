package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Data capture of invocations into S3, in SageMaker's layout and record format:
 * {@code <DestinationS3Uri>/<EndpointName>/<VariantName>/yyyy/MM/dd/HH/<time>-<eventId>.jsonl}, one
 * JSON line per captured invocation with {@code captureData.endpointInput}/{@code endpointOutput}
 * ({@code observedContentType}, {@code mode}, {@code data}, {@code encoding} CSV) and
 * {@code eventMetadata} ({@code eventId}, {@code inferenceTime}). SageMaker buffers several records
 * per object; the simulation writes one object per record, so a capture is visible at once.
 * {@code InitialSamplingPercentage} is applied deterministically (20% captures every fifth call).
 */
final class DataCapture {
  private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("mm-ss-SSS").withZone(ZoneOffset.UTC);

  private DataCapture() {}

  static void capture(ObjectStore store, Endpoint endpoint, EndpointConfig config, String variant, String contentType,
      String input, String output, Instant at) {
    JsonNode settings = config.spec().get("DataCaptureConfig");
    if (settings == null || settings.isNull() || !settings.path("EnableCapture").asBoolean(true)) {
      return;
    }
    double share = settings.path("InitialSamplingPercentage").asDouble(0) / 100.0;
    if (!endpoint.accumulate("capture/" + variant, share)) {
      return;
    }
    boolean in = false;
    boolean out = false;
    for (JsonNode option : settings.path("CaptureOptions")) {
      String mode = option.path("CaptureMode").asText();
      in |= mode.equals("Input") || mode.equals("InputAndOutput");
      out |= mode.equals("Output") || mode.equals("InputAndOutput");
    }
    long sequence = ++endpoint.capturedRecords;
    String eventId = UUID.nameUUIDFromBytes((endpoint.arn + "/" + sequence).getBytes(StandardCharsets.UTF_8)).toString();
    ObjectNode record = Json.object();
    ObjectNode data = record.putObject("captureData");
    if (in) {
      data.set("endpointInput", part(contentType == null ? "text/csv" : contentType, "INPUT", input));
    }
    if (out) {
      data.set("endpointOutput", part("text/csv", "OUTPUT", output));
    }
    record.putObject("eventMetadata").put("eventId", eventId).put("inferenceTime", at.toString());
    record.put("eventVersion", "0");
    String destination = settings.path("DestinationS3Uri").asText();
    String rest = destination.startsWith("s3://") ? destination.substring(5) : destination;
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
    String key = (prefix.isEmpty() ? "" : prefix + "/") + endpoint.name + "/" + variant + "/" + HOUR_PATH.format(at)
        + "/" + FILE_TIME.format(at) + "-" + eventId + ".jsonl";
    store.put(bucket, key, (record + "\n").getBytes(StandardCharsets.UTF_8), "application/jsonlines");
  }

  private static ObjectNode part(String contentType, String mode, String data) {
    ObjectNode part = Json.object();
    part.put("observedContentType", contentType);
    part.put("mode", mode);
    part.put("data", data);
    part.put("encoding", "CSV");
    return part;
  }

  private static String trimSlashes(String text) {
    String out = text;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
