package dev.sagemakergitops.core.health;

import java.util.Objects;

/**
 * An inference experiment that has not finished, on the endpoint being classified.
 *
 * @param name the experiment's name
 * @param status SageMaker's {@code InferenceExperimentStatus} ({@code Creating}, {@code Created},
 *     {@code Updating}, {@code Starting}, {@code Running} or {@code Stopping})
 */
public record RunningExperiment(String name, String status) {
  public RunningExperiment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
  }
}
