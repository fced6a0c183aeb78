package dev.sagemakergitops.core.operation.transform;

import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.PlainValues;
import java.util.List;
import java.util.Map;

import java.time.Instant;

/**
 * A finished transform job, as SageMaker describes it.
 *
 * @param transformName the key under {@code spec.batchTransforms}
 * @param jobName the transform job's name
 * @param jobArn its ARN
 * @param modelName the model that scored
 * @param runKey the run key in its name
 * @param inputS3Uri what it read
 * @param outputS3Uri where its output is: {@code <outputS3Uri>/<input object>.out}
 * @param creationTime when it was created
 * @param startTime when its instances were up ({@code TransformStartTime}), or {@code null}
 * @param endTime when it ended ({@code TransformEndTime}), or {@code null}
 */
public record BatchTransformReport(String transformName, String jobName, String jobArn, String modelName,
    String runKey, String inputS3Uri, String outputS3Uri, Instant creationTime, Instant startTime, Instant endTime) implements Recordable {

  /** One line for a build log. */
  public String summary() {
    return "transform job " + jobName + " completed: output in " + outputS3Uri;
  }

  @Override
  public Map<String, Object> recordSummary() {
    return PlainValues.toMap(this);
  }

  @Override
  public List<RecordedResource> recordResources() {
    return List.of(RecordedResource.created("transform-job", jobName, jobArn));
  }
}
