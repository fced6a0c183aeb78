package dev.sagemakergitops.core.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Gathers every problem of one file so that a user fixes them all in one round. */
final class ProblemCollector {
  private final String file;
  private final List<ManifestProblem> problems = new ArrayList<>();

  ProblemCollector(String file) {
    this.file = file;
  }

  void add(Node node, String field, String message) {
    add(node == null ? null : node.getStartMark(), field, message);
  }

  void add(Mark mark, String field, String message) {
    int line = mark == null ? 0 : mark.getLine() + 1;
    int column = mark == null ? 0 : mark.getColumn() + 1;
    problems.add(new ManifestProblem(file, line, column, field, message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  int size() {
    return problems.size();
  }

  /** Problems in file order, so that the first one listed is the first one met when reading. */
  List<ManifestProblem> sorted() {
    List<ManifestProblem> copy = new ArrayList<>(problems);
    copy.sort(Comparator.comparingInt(ManifestProblem::line).thenComparingInt(ManifestProblem::column));
    return copy;
  }
}
