package dev.sagemakergitops.core.lineage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operation's result (or, when it failed, its state) adds to the deployment record. Each
 * operation implements it on its own types, so this package needs to know none of them.
 */
public interface Recordable {

  /**
   * The run's outcome in plain values, in the order a reader should see them: strings, numbers,
   * booleans, instants, durations, enums, and lists and maps of those. Never a secret (no container
   * environment, no credentials).
   */
  Map<String, Object> recordSummary();

  /** The resources the run created, reused or updated, in the order it touched them. */
  default List<RecordedResource> recordResources() {
    return List.of();
  }

  /**
   * The lineage as the run completed it (the training job and artifact it produced, the package it
   * registered), or empty when the run adds nothing to the lineage it started with.
   */
  default Optional<Lineage> recordLineage() {
    return Optional.empty();
  }

  /**
   * What each production variant with its own model serves (its package, artifact and image
   * digest), or empty when every variant serves the manifest's {@code spec.model}.
   */
  default List<VariantLineage> recordVariants() {
    return List.of();
  }
}
