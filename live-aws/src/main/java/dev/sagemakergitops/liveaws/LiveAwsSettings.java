package dev.sagemakergitops.liveaws;

import dev.sagemakergitops.liveaws.story.OperationsStoryProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The system properties of a live run ({@code -Dlive-aws.*}), read once.
 *
 * @param mode {@code run} (the default), {@code cleanup} or {@code estimate}
 * @param region the region, never taken from the environment: a run must name it
 * @param confirmation must be {@link #CONFIRMATION} for {@code run}
 * @param roleArn the execution role SageMaker assumes for models and inference experiments
 * @param servingImage an ECR image in {@code region} that serves {@code /ping} and {@code /invocations}
 * @param modelDataUrl the model artifact that image needs, or null; required by the operations' story, which
 *     registers model versions from copies of it
 * @param transformInput an S3 prefix of objects the serving image answers, for the story's batch transform
 * @param transformContentType their content type ({@code text/csv} unless given)
 * @param probes the probe ids to run, empty for all
 * @param fixtures the folder the fixtures are written to
 */
public record LiveAwsSettings(String mode, String region, String confirmation, String roleArn, String servingImage,
    String modelDataUrl, String transformInput, String transformContentType, List<String> probes, Path fixtures) {
  public LiveAwsSettings {
    probes = List.copyOf(probes);
  }

  public static final String CONFIRMATION = "I-UNDERSTAND-THIS-COSTS-MONEY";

  public static LiveAwsSettings from(Properties properties) {
    String probes = properties.getProperty("live-aws.probes", "");
    return new LiveAwsSettings(properties.getProperty("live-aws.mode", "run"), blankToNull(properties, "live-aws.region"),
        blankToNull(properties, "live-aws.confirm"), blankToNull(properties, "live-aws.role"),
        blankToNull(properties, "live-aws.servingImage"), blankToNull(properties, "live-aws.modelDataUrl"),
        blankToNull(properties, "live-aws.transformInput"), properties.getProperty("live-aws.transformContentType",
        "text/csv"), probes.isBlank() ? List.of() : Arrays.stream(probes.split(",")).map(String::trim).toList(),
        Path.of(properties.getProperty("live-aws.fixtures", "src/test/resources/live-aws-fixtures")));
  }

  private static String blankToNull(Properties properties, String key) {
    String value = properties.getProperty(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * What is missing or wrong for this mode and the probes that would run ({@code probeIds}), one
   * sentence each, saying what to pass; empty when it can start.
   */
  public List<String> problems(List<String> probeIds) {
    List<String> problems = new ArrayList<>();
    if (!List.of("run", "cleanup", "estimate").contains(mode)) {
      problems.add("-Dlive-aws.mode=" + mode + " is not a mode: use run (the default), cleanup or estimate");
    }
    if (mode.equals("estimate")) {
      return problems;
    }
    if (region == null) {
      problems.add("-Dlive-aws.region is missing: name the region to use explicitly (for example us-east-1);"
          + " the environment's region is not used, so a run never lands in an account's default region by accident");
    }
    if (mode.equals("run")) {
      if (!CONFIRMATION.equals(confirmation)) {
        problems.add("-Dlive-aws.confirm=" + CONFIRMATION + " is missing: the run creates SageMaker endpoints, which"
            + " cost money (see the estimate above)");
      }
      if (roleArn == null) {
        problems.add("-Dlive-aws.role is missing: the ARN of an execution role SageMaker can assume (see docs/live-aws.md)");
      }
      if (modelDataUrl == null && probeIds.contains(OperationsStoryProbe.ID)) {
        problems.add("-Dlive-aws.modelDataUrl is missing: the operations' story registers three model versions from"
            + " it (a model.tar.gz the serving image loads, s3://bucket/key, in a bucket of the region that the run may"
            + " copy it within: the copies are named " + RunLedger.NAME_PREFIX + "<run>-story/v<n>/model.tar.gz); or"
            + " leave the story out with -Dlive-aws.probes (see docs/live-aws.md)");
      } else if (modelDataUrl != null && !modelDataUrl.matches("s3://[^/]+/.+")) {
        problems.add("-Dlive-aws.modelDataUrl=" + modelDataUrl + " is not an S3 object: expected s3://bucket/key");
      }
      if (transformInput == null && probeIds.contains(OperationsStoryProbe.ID)) {
        problems.add("-Dlive-aws.transformInput is missing: the operations' story ends with a batch transform over an"
            + " S3 prefix (s3://bucket/prefix/) of objects the serving image answers, of -Dlive-aws.transformContentType"
            + " (text/csv unless given); its output goes next to the artifact copies (see docs/live-aws.md)");
      }
      if (servingImage == null) {
        problems.add("-Dlive-aws.servingImage is missing: an ECR image in the region whose container answers /ping and"
            + " /invocations (see docs/live-aws.md)");
      }
    }
    return problems;
  }
}
