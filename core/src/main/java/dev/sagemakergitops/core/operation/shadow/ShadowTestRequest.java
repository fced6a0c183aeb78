package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.util.Objects;

/**
 * Run the shadow test of a manifest: its model as a shadow of the live endpoint's production
 * variant, judged against {@code spec.shadowTest}.
 *
 * @param manifest the manifest, resolved at a commit; needs {@code model}, {@code endpoint} and
 *     {@code shadowTest}
 * @param roleArn the role SageMaker assumes to run the experiment, or {@code null} for the
 *     manifest's {@code model.executionRoleArn}
 * @param dataCaptureS3Uri where SageMaker stores the requests and responses of both variants
 *     ({@code DataStorageConfig.Destination}), or {@code null} to store none
 * @param runKey {@code null} normally: the same manifest then always maps to the same experiment, and
 *     a re-run reports it again; a key (any text) names a new experiment, to test the same model
 *     once more, for example after an inconclusive test without traffic
 */
public record ShadowTestRequest(ResolvedManifest manifest, String roleArn, String dataCaptureS3Uri, String runKey) {

  public ShadowTestRequest {
    Objects.requireNonNull(manifest, "manifest");
  }

  /** The manifest's shadow test with the model's execution role, no data capture and no run key. */
  public static ShadowTestRequest of(ResolvedManifest manifest) {
    return new ShadowTestRequest(manifest, null, null, null);
  }
}
