package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.ENTITY_NAME;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.JSON_PATH;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.TRANSFORM_NAME_MAX;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds {@code spec.batchTransforms}: each named transform's input, output, instances and batching,
 * with SageMaker's rules that tie them (batching needs a split type, payload times concurrency at
 * most 100 MB, filters and joins only on CSV and JSON, CSV filtering line by line), and its two KMS
 * keys: {@code output.kmsKeyId} for the results in S3 and {@code volumeKmsKeyId} for the instances'
 * storage volumes, which SageMaker refuses on instance types with local storage (botocore
 * {@code TransformResources.VolumeKmsKeyId}: "You can't request a VolumeKmsKeyId when using an
 * instance type with local storage").
 */
final class BatchTransformBinder {
  private static final List<String> DATA_PROCESSING_TYPES = List.of("text/csv", "application/json", "application/jsonlines");

  private BatchTransformBinder() {}

  /** The transforms that bound without a problem, by name in the order written. */
  static Map<String, BatchTransformSpec> bind(YamlMapping spec) {
    Map<String, BatchTransformSpec> out = new LinkedHashMap<>();
    Map<String, Node> raw = spec.namedEntries("batchTransforms", false, "batch transform settings");
    if (raw == null) {
      return out;
    }
    for (var entry : raw.entrySet()) {
      String name = entry.getKey();
      String field = spec.path("batchTransforms") + "." + name;
      if (name.length() > TRANSFORM_NAME_MAX || !ENTITY_NAME.matcher(name).matches()) {
        spec.entryProblem("batchTransforms", name, "expected a transform name of letters, digits and hyphens, at"
            + " most " + TRANSFORM_NAME_MAX + " characters (it becomes part of the job name), got '" + name + "'");
        continue;
      }
      BatchTransformSpec transform = bind(name, YamlMapping.read(spec.problems(), field, entry.getValue(),
          ManifestKeys.TRANSFORM_KEYS));
      if (transform != null) {
        out.put(name, transform);
      }
    }
    return out;
  }

  private static BatchTransformSpec bind(String name, YamlMapping node) {
    YamlMapping input = node.mapping("input", true, ManifestKeys.TRANSFORM_INPUT_KEYS);
    YamlMapping output = node.mapping("output", true, ManifestKeys.TRANSFORM_OUTPUT_KEYS);
    String inputUri = input == null ? null : SageMakerFields.s3Uri(input, "s3Uri", true);
    String contentType = input == null ? null : SageMakerFields.contentType(input, "contentType");
    String splitType = input == null ? null : input.oneOf("splitType", false, List.of("None", "Line", "RecordIO", "TFRecord"));
    String compression = input == null ? null : input.oneOf("compression", false, List.of("None", "Gzip"));
    String outputUri = output == null ? null : SageMakerFields.s3Uri(output, "s3Uri", true);
    String accept = output == null ? null : SageMakerFields.contentType(output, "accept");
    String assembleWith = output == null ? null : output.oneOf("assembleWith", false, List.of("None", "Line"));
    String outputKey = output == null ? null : KmsKeyBinder.bind(output, "kmsKeyId");
    String instanceType = SageMakerFields.instanceType(node, "instanceType", true, InstanceTypes.Use.TRANSFORM);
    String volumeKey = KmsKeyBinder.bind(node, "volumeKmsKeyId");
    if (volumeKey != null && LocalInstanceStorage.has(instanceType)) {
      node.problem("volumeKmsKeyId", "instance type " + instanceType + " has local instance storage, which SageMaker"
          + " encrypts with a hardware module: \"You can't request a VolumeKmsKeyId when using an instance type with"
          + " local storage\" (CreateTransformJob). Remove volumeKmsKeyId, or use an instance type without local"
          + " storage");
    }
    Integer count = node.integer("instanceCount", false, 1, 100);
    String strategy = node.oneOf("batchStrategy", false, List.of("MultiRecord", "SingleRecord"));
    Integer payload = node.integer("maxPayloadMb", false, 0, 100);
    Integer concurrent = node.integer("maxConcurrentTransforms", false, 1, 100);
    String inputFilter = node.matching("inputFilter", false, JSON_PATH, 63, "a JSONPath starting with $, such as $[1:]");
    String joinSource = node.oneOf("joinSource", false, List.of("Input", "None"));
    String outputFilter = node.matching("outputFilter", false, JSON_PATH, 63, "a JSONPath starting with $, such as"
        + " $[0,-1]");
    String split = splitType == null ? "None" : splitType;
    String assemble = assembleWith == null ? "None" : assembleWith;
    if (strategy != null && split.equals("None")) {
      node.problem("batchStrategy", "batchStrategy needs input.splitType Line, RecordIO or TFRecord (records to"
          + " batch); set splitType or remove batchStrategy");
    }
    // SageMaker checks the product with MaxPayloadInMB's default of 6 when only the concurrency is given.
    if (concurrent != null && (payload == null ? 6 : payload) * concurrent > 100) {
      node.problem(payload == null ? "maxConcurrentTransforms" : "maxPayloadMb", "maxPayloadMb x"
          + " maxConcurrentTransforms must not exceed 100 MB, got " + (payload == null ? "6 (the default)" : payload)
          + " x " + concurrent);
    }
    boolean dataProcessing = inputFilter != null || outputFilter != null || "Input".equals(joinSource);
    if (dataProcessing) {
      for (String[] typed : new String[][] {{"input", contentType}, {"output", accept}}) {
        String type = typed[1];
        if (type != null && !DATA_PROCESSING_TYPES.contains(type.split(";")[0].trim())) {
          node.problem(typed[0], "filters and joins work on text/csv, application/json or application/jsonlines,"
              + " not " + type + "; change the content type or remove inputFilter, joinSource and outputFilter");
        }
      }
      if ("text/csv".equals(contentType) && "text/csv".equals(accept)
          && (!split.equals("Line") || !assemble.equals("Line"))) {
        YamlMapping at = split.equals("Line") ? output : input;
        at.problem(split.equals("Line") ? "assembleWith" : "splitType", "filtering or joining CSV needs"
            + " input.splitType: Line and output.assembleWith: Line, so that each output line matches its input line");
      }
    }
    // Any problem in the file makes bind() return no manifest, so a transform with a bad optional
    // field is never used; only the values a record cannot do without are checked here.
    if (inputUri == null || outputUri == null || instanceType == null) {
      return null;
    }
    return new BatchTransformSpec(name, inputUri, contentType, split, compression == null ? "None" : compression,
        outputUri, accept, assemble, instanceType, count == null ? 1 : count, strategy, payload, concurrent,
        inputFilter, joinSource == null ? "None" : joinSource, outputFilter, outputKey, volumeKey);
  }
}
