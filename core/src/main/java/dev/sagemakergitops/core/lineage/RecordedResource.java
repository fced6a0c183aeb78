package dev.sagemakergitops.core.lineage;

import java.util.Objects;

/**
 * A SageMaker resource a run created, reused or updated, as its deployment record lists it.
 *
 * @param kind what it is: {@code training-job}, {@code model-package}, {@code model},
 *     {@code endpoint-config}, {@code endpoint}, {@code inference-experiment}, {@code transform-job},
 *     {@code scalable-target} ...
 * @param name its name
 * @param arn its ARN, or {@code null} when the run did not learn it
 * @param action what the run did to it
 */
public record RecordedResource(String kind, String name, String arn, Action action) {

  public RecordedResource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
  }

  public static RecordedResource created(String kind, String name, String arn) {
    return new RecordedResource(kind, name, arn, Action.CREATED);
  }

  /** Found by its deterministic name and used as it was: an earlier run, a crash, a revert. */
  public static RecordedResource reused(String kind, String name, String arn) {
    return new RecordedResource(kind, name, arn, Action.REUSED);
  }

  public static RecordedResource updated(String kind, String name, String arn) {
    return new RecordedResource(kind, name, arn, Action.UPDATED);
  }

  public boolean isReused() {
    return action == Action.REUSED;
  }

  /** What a run did to a resource. */
  public enum Action {
    CREATED("created"),
    REUSED("reused"),
    UPDATED("updated");

    private final String wireName;

    Action(String wireName) {
      this.wireName = wireName;
    }

    /** The name in the record's JSON. */
    public String wireName() {
      return wireName;
    }
  }
}
