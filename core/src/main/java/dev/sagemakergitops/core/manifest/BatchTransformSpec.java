package dev.sagemakergitops.core.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A batch transform job over the served model.
 *
 * @param name the key under {@code batchTransforms}
 * @param inputS3Uri the input prefix
 * @param inputContentType the input MIME type, or {@code null}
 * @param splitType {@code None}, {@code Line}, {@code RecordIO} or {@code TFRecord}
 * @param compression {@code None} or {@code Gzip}
 * @param outputS3Uri the output prefix
 * @param accept the output MIME type, or {@code null}
 * @param assembleWith {@code None} or {@code Line}
 * @param instanceType for example {@code ml.m5.xlarge}
 * @param instanceCount 1 to 100
 * @param batchStrategy {@code MultiRecord}, {@code SingleRecord}, or {@code null}
 * @param maxPayloadMb 0 to 100, or {@code null} for SageMaker's default (6)
 * @param maxConcurrentTransforms or {@code null}
 * @param inputFilter a JSONPath, or {@code null}
 * @param joinSource {@code Input} or {@code None}
 * @param outputFilter a JSONPath, or {@code null}
 * @param outputKmsKeyId the KMS key of the results' S3 server-side encryption, or {@code null} for
 *     the account's default key for S3
 * @param volumeKmsKeyId the KMS key of the instances' ML storage volumes, or {@code null}
 */
public record BatchTransformSpec(
    String name,
    String inputS3Uri,
    String inputContentType,
    String splitType,
    String compression,
    String outputS3Uri,
    String accept,
    String assembleWith,
    String instanceType,
    int instanceCount,
    String batchStrategy,
    Integer maxPayloadMb,
    Integer maxConcurrentTransforms,
    String inputFilter,
    String joinSource,
    String outputFilter,
    // Left out of persisted state when absent, so that a transform without keys is stored as before.
    @JsonInclude(JsonInclude.Include.NON_NULL) String outputKmsKeyId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String volumeKmsKeyId) {}
