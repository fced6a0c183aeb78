package dev.sagemakergitops.core.operation.train;

import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.PlainValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A completed training job: what {@code registerModel} registers.
 *
 * @param jobName the training job's name
 * @param jobArn its ARN
 * @param modelArtifactUri {@code ModelArtifacts.S3ModelArtifacts}, the {@code model.tar.gz}
 * @param trainingImage the image it trained with, pinned by digest
 * @param imageDigest that image's digest
 * @param finalMetrics {@code FinalMetricDataList} by metric name, in SageMaker's order
 * @param reused true when the job had already completed before this run looked (an earlier run of
 *     the same spec trained it), false when this run saw it train
 */
public record TrainResult(String jobName, String jobArn, String modelArtifactUri, String trainingImage,
    String imageDigest, Map<String, Double> finalMetrics, boolean reused) implements Recordable {

  public TrainResult {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(modelArtifactUri, "modelArtifactUri");
    finalMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(finalMetrics));
  }

  @Override
  public Map<String, Object> recordSummary() {
    return PlainValues.toMap(this);
  }

  @Override
  public List<RecordedResource> recordResources() {
    return List.of(reused ? RecordedResource.reused("training-job", jobName, jobArn)
        : RecordedResource.created("training-job", jobName, jobArn));
  }

  @Override
  public java.util.Optional<Lineage> recordLineage() {
    return java.util.Optional.of(Lineage.none().withTrainingJob(jobName).withModelArtifact(modelArtifactUri));
  }
}
