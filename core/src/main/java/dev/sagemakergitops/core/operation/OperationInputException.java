package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.manifest.ManifestProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request that cannot run, found before any mutating AWS call: a manifest without the section
 * the operation needs, a guardrail the endpoint's shape excludes, an unapproved package. Each
 * problem names the file, line and field.
 */
public final class OperationInputException extends RuntimeException {
  private final transient List<ManifestProblem> problems;

  public OperationInputException(List<ManifestProblem> problems) {
    super(problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public OperationInputException(ManifestProblem problem) {
    this(List.of(problem));
  }

  public List<ManifestProblem> problems() {
    return problems;
  }
}
