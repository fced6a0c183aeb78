package dev.sagemakergitops.core.manifest;

import java.io.StringReader;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds where a field of a (valid) manifest is written, so that problems found later, against AWS
 * for example, still point at a line and column.
 */
public final class ManifestLocator {
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)((?:\\[\\d+])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private ManifestLocator() {}

  /**
   * The problem {@code message} at {@code fieldPath} (such as {@code spec.endpoint.variants[0].name})
   * of the manifest text, located at the value, or at the file when the path is not found.
   */
  public static ManifestProblem problem(String file, String text, String fieldPath, String message) {
    Optional<Node> node = find(text, fieldPath);
    int line = node.map(n -> n.getStartMark().getLine() + 1).orElse(0);
    int column = node.map(n -> n.getStartMark().getColumn() + 1).orElse(0);
    return new ManifestProblem(file, line, column, fieldPath, message);
  }

  /** The value node at {@code fieldPath}, if the text has it. */
  public static Optional<Node> find(String text, String fieldPath) {
    Node node;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(ManifestLoader.MAX_ALIASES);
      options.setNestingDepthLimit(ManifestLoader.MAX_NESTING_DEPTH);
      node = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (YAMLException e) {
      return Optional.empty();
    }
    return find(node, fieldPath);
  }

  /** The value node at {@code fieldPath} (relative to {@code root}) of a composed node tree, if it has it. */
  static Optional<Node> find(Node root, String fieldPath) {
    Node node = root;
    for (String segment : fieldPath.split("\\.")) {
      Matcher match = SEGMENT.matcher(segment);
      if (node == null || !match.matches()) {
        return Optional.empty();
      }
      node = child(node, match.group(1));
      Matcher index = INDEX.matcher(match.group(2));
      while (node != null && index.find()) {
        int i = Integer.parseInt(index.group(1));
        node = node instanceof SequenceNode sequence && i < sequence.getValue().size() ? sequence.getValue().get(i) : null;
      }
    }
    return Optional.ofNullable(node);
  }

  private static Node child(Node node, String key) {
    if (!(node instanceof MappingNode map)) {
      return null;
    }
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        return tuple.getValueNode();
      }
    }
    return null;
  }
}
