package dev.sagemakergitops.core.operation.transform;

import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.manifest.BatchTransformSpec;
import dev.sagemakergitops.core.naming.ContentHash;
import dev.sagemakergitops.core.naming.ResourceName;
import dev.sagemakergitops.core.operation.model.ServingModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DataProcessing;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TransformDataSource;
import software.amazon.awssdk.services.sagemaker.model.TransformInput;
import software.amazon.awssdk.services.sagemaker.model.TransformOutput;
import software.amazon.awssdk.services.sagemaker.model.TransformResources;

/**
 * The transform job a manifest's batch transform asks for, fully resolved: plain data, kept in the
 * operation's state.
 *
 * @param name the job name, {@code <manifest>-<transform>-<hash>}
 * @param region where it runs
 * @param transformName the key under {@code spec.batchTransforms}
 * @param runKey the run key that entered the name
 * @param model the model it scores with
 * @param spec the manifest's transform settings
 * @param tags lineage tags plus the transform's name and run key
 */
public record TransformJobDefinition(String name, String region, String transformName, String runKey,
    ServingModel model, BatchTransformSpec spec, Map<String, String> tags) {

  /** Tag keys beside the lineage fields. */
  public static final String TRANSFORM_TAG = Lineage.TAG_PREFIX + "batch-transform";
  public static final String RUN_KEY_TAG = Lineage.TAG_PREFIX + "run-key";

  public TransformJobDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(spec, "spec");
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /**
   * The job of {@code spec} over {@code model} for {@code runKey}. The name hashes the model's name
   * (itself a hash of image digest, artifact and environment), every setting of the transform, and
   * the run key: the same commit's transform always maps to the same job, and any change of input,
   * output or processing makes a new one. The KMS keys count only when set.
   */
  public static TransformJobDefinition of(String manifestName, ServingModel model, BatchTransformSpec spec,
      String runKey) {
    ContentHash hash = ContentHash.of("transform-job")
        .field("model", model.name())
        .field("inputS3Uri", spec.inputS3Uri())
        .field("inputContentType", spec.inputContentType())
        .field("splitType", spec.splitType())
        .field("compression", spec.compression())
        .field("outputS3Uri", spec.outputS3Uri())
        .field("accept", spec.accept())
        .field("assembleWith", spec.assembleWith())
        .field("instanceType", spec.instanceType())
        .field("instanceCount", spec.instanceCount())
        .field("batchStrategy", spec.batchStrategy())
        .field("maxPayloadMb", spec.maxPayloadMb())
        .field("maxConcurrentTransforms", spec.maxConcurrentTransforms())
        .field("inputFilter", spec.inputFilter())
        .field("joinSource", spec.joinSource())
        .field("outputFilter", spec.outputFilter())
        .field("runKey", runKey);
    // The keys join the hash only when set: a transform without them keeps the job name it always had.
    if (spec.outputKmsKeyId() != null) {
      hash.field("outputKmsKeyId", spec.outputKmsKeyId());
    }
    if (spec.volumeKmsKeyId() != null) {
      hash.field("volumeKmsKeyId", spec.volumeKmsKeyId());
    }
    String name = ResourceName.of(manifestName + "-" + spec.name(), hash);
    Map<String, String> tags = new LinkedHashMap<>(model.lineage().toTags());
    tags.put(TRANSFORM_TAG, Lineage.tagValue(spec.name()));
    tags.put(RUN_KEY_TAG, Lineage.tagValue(runKey));
    return new TransformJobDefinition(name, model.region(), spec.name(), runKey, model, spec, tags);
  }

  /** The CreateTransformJob request: the manifest's settings, SageMaker's defaults where it sets none. */
  public CreateTransformJobRequest toRequest() {
    List<Tag> tagList = new ArrayList<>();
    tags.forEach((key, value) -> tagList.add(Tag.builder().key(key).value(value).build()));
    CreateTransformJobRequest.Builder request = CreateTransformJobRequest.builder()
        .transformJobName(name)
        .modelName(model.name())
        .batchStrategy(spec.batchStrategy())
        .maxPayloadInMB(spec.maxPayloadMb())
        .maxConcurrentTransforms(spec.maxConcurrentTransforms())
        .transformInput(TransformInput.builder()
            .dataSource(TransformDataSource.builder()
                .s3DataSource(s3 -> s3.s3DataType(S3DataType.S3_PREFIX).s3Uri(spec.inputS3Uri()))
                .build())
            .contentType(spec.inputContentType())
            .splitType(spec.splitType())
            .compressionType(spec.compression())
            .build())
        .transformOutput(TransformOutput.builder()
            .s3OutputPath(spec.outputS3Uri())
            .accept(spec.accept())
            .assembleWith(spec.assembleWith())
            .kmsKeyId(spec.outputKmsKeyId())
            .build())
        .transformResources(TransformResources.builder()
            .instanceType(spec.instanceType())
            .instanceCount(spec.instanceCount())
            .volumeKmsKeyId(spec.volumeKmsKeyId())
            .build())
        .tags(tagList);
    if (hasDataProcessing()) {
      request.dataProcessing(DataProcessing.builder()
          .inputFilter(spec.inputFilter())
          .outputFilter(spec.outputFilter())
          .joinSource(spec.joinSource())
          .build());
    }
    return request.build();
  }

  private boolean hasDataProcessing() {
    return spec.inputFilter() != null || spec.outputFilter() != null
        || (spec.joinSource() != null && !spec.joinSource().equals("None"));
  }
}
