package dev.sagemakergitops.core.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One deployment record as the report reads it back from its JSON ({@code docs/deployment-record.md}):
 * only what the picture shows, every text exactly as recorded (the page escapes it).
 *
 * @param file the file it was read from
 * @param operation {@code safeDeploy}, {@code train} ...
 * @param runId the run's id
 * @param outcome {@code succeeded}, {@code failed}, {@code rolledBack}, {@code cancelled} or {@code refused}
 * @param failureKind {@code failure.kind}, or {@code null}
 * @param failureMessage {@code failure.message}, or {@code null}
 * @param failureReason SageMaker's {@code FailureReason}, or {@code null}
 * @param alarms the alarms blamed for a rollback
 * @param problems a refused run's manifest problems
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param buildUrl the build's URL, or {@code null}
 * @param lineage {@code lineage} without {@code variants}: field name to value
 * @param variants {@code lineage.variants[]}, each as field name to value
 * @param resources {@code resources[]}: kind, name and action of each
 * @param result {@code result}'s texts and numbers at its top level (lists and maps left out)
 * @param events {@code events[]}, oldest first
 */
public record RecordedRun(Path file, String operation, String runId, String outcome, String failureKind,
    String failureMessage, String failureReason, List<String> alarms, List<String> problems, Instant startedAt,
    Instant finishedAt, String buildUrl, Map<String, String> lineage, List<Map<String, String>> variants,
    List<Resource> resources, Map<String, String> result, List<RecordedEvent> events) {

  public RecordedRun {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    alarms = List.copyOf(alarms);
    problems = List.copyOf(problems);
    lineage = Map.copyOf(lineage);
    variants = List.copyOf(variants.stream().map(Map::copyOf).toList());
    resources = List.copyOf(resources);
    result = Map.copyOf(result);
    events = List.copyOf(events);
  }

  /**
   * A resource the run touched.
   *
   * @param kind {@code model}, {@code endpoint-config}, {@code endpoint} ...
   * @param name its name
   * @param action {@code created}, {@code reused} or {@code updated}
   */
  public record Resource(String kind, String name, String action) {}

  /** How long the run took. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /**
   * What the run is about, for grouping runs into one history: the endpoint it deployed (its
   * result, else its endpoint resource), else its manifest's name, else its operation.
   */
  public String subject() {
    String endpoint = result.get("endpointName");
    if (endpoint == null) {
      endpoint = resources.stream().filter(r -> r.kind().equals("endpoint")).map(Resource::name).findFirst().orElse(null);
    }
    if (endpoint != null) {
      return "endpoint " + endpoint;
    }
    String manifest = lineage.get("manifestName");
    return manifest != null ? "manifest " + manifest : "operation " + operation;
  }

  /** The name of the first resource of {@code kind}, or {@code null}. */
  public String resource(String kind) {
    return resources.stream().filter(r -> r.kind().equals(kind)).map(Resource::name).findFirst().orElse(null);
  }

  /** True when SageMaker rolled the deployment back. */
  public boolean rolledBack() {
    return outcome.equals("rolledBack");
  }
}
