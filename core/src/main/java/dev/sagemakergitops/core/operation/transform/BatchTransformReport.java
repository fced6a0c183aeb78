package dev.sagemakergitops.core.operation.transform;

import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.PlainValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * @param created the model and job this run created; the others it found by name and reused
 */
public record BatchTransformReport(String transformName, String jobName, String jobArn, String modelName,
    String runKey, String inputS3Uri, String outputS3Uri, Instant creationTime, Instant startTime, Instant endTime,
    List<String> created) implements Recordable {

  public BatchTransformReport {
    created = created == null ? List.of() : List.copyOf(created);
  }

  /** One line for a build log. */
  public String summary() {
    return "transform job " + jobName + " completed: output in " + outputS3Uri;
  }

  @Override
  public Map<String, Object> recordSummary() {
    return PlainValues.toMap(this);
  }

  /** The model that scored and the job, each created by this run or reused (a re-run attached to it). */
  @Override
  public List<RecordedResource> recordResources() {
    List<RecordedResource> out = new ArrayList<>();
    out.add(created.contains(modelName) ? RecordedResource.created("model", modelName, null)
        : RecordedResource.reused("model", modelName, null));
    out.add(created.contains(jobName) ? RecordedResource.created("transform-job", jobName, jobArn)
        : RecordedResource.reused("transform-job", jobName, jobArn));
    return out;
  }
}
