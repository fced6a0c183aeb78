package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.PlainValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operation step returns and records when its operation succeeded: the values scripts read
 * ({@code out.trainingJobName}), under names that are part of the plugin's interface and documented
 * in {@code docs/jenkins.md}, so they do not change when a core record is refactored; the resources
 * the run touched; and what the run adds to the lineage. The same values are the deployment
 * record's {@code result}, so the build log, the script and the record agree.
 *
 * <p>Values are plain ({@link PlainValues}): strings, numbers, booleans, lists and maps, with
 * instants as ISO-8601 text; a key whose value is absent is left out.
 */
public final class StepResult implements Recordable {
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final List<RecordedResource> resources = new ArrayList<>();
  private Lineage lineage = Lineage.none();

  /** Adds {@code key} with {@code value} as a plain value; an absent value adds nothing. */
  StepResult put(String key, Object value) {
    Object plain = PlainValues.of(value);
    if (plain != null) {
      values.put(key, plain);
    }
    return this;
  }

  /** Adds a resource the run created, reused or updated. */
  StepResult touched(RecordedResource resource) {
    resources.add(resource);
    return this;
  }

  /** What the run adds to the lineage it started with (fields left null are kept from it). */
  StepResult lineage(Lineage value) {
    lineage = value;
    return this;
  }

  /** The step's values, in order, without the keys every step adds ({@code outcome}, {@code recordPath}). */
  Map<String, Object> values() {
    return Collections.unmodifiableMap(values);
  }

  @Override
  public Map<String, Object> recordSummary() {
    return values();
  }

  @Override
  public List<RecordedResource> recordResources() {
    return List.copyOf(resources);
  }

  @Override
  public Optional<Lineage> recordLineage() {
    return lineage.isEmpty() ? Optional.empty() : Optional.of(lineage);
  }
}
