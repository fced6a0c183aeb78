package dev.sagemakergitops.core.manifest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, located reads from one YAML mapping of a manifest.
 *
 * <p>Written here rather than taken from a data-binding library because every read must report its
 * own line, column and field path, must keep going after a problem (a user wants all problems of a
 * file at once), and must reject unknown keys with a hint: binding libraries stop at the first
 * error and lose the positions. SnakeYAML gives the node tree with positions; this class reads it.
 *
 * <p>This class knows the mapping's structure: allowed and duplicate keys, field paths, where a
 * problem points, required fields, nested mappings, lists and user-named entries. Whether one
 * scalar value is right is {@link YamlScalars}' concern.
 *
 * <p>Every getter returns {@code null} when the value is missing or wrong, after recording why; the
 * caller carries on and never sees an exception for bad input.
 */
final class YamlMapping {
  private final ProblemCollector problems;
  private final String path;
  private final Node node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  /**
   * Allowed keys that a misspelled key was taken for. Their absence is not reported again: the
   * "did you mean" hint on the misspelling already says what to fix, in one line instead of two.
   */
  private final Set<String> suggested = new HashSet<>();
  /** False when the node is not a mapping; its missing fields are then a consequence, not news. */
  private boolean isMapping;

  private YamlMapping(ProblemCollector problems, String path, Node node) {
    this.problems = problems;
    this.path = path;
    this.node = node;
  }

  /**
   * Reads {@code node} as a mapping whose only allowed keys are {@code allowedKeys}; reports a node
   * that is not a mapping, duplicate keys, and unknown keys (with the closest allowed key).
   */
  static YamlMapping read(ProblemCollector problems, String path, Node node, List<String> allowedKeys) {
    YamlMapping mapping = new YamlMapping(problems, path, node);
    if (!(node instanceof MappingNode map)) {
      problems.add(node, path, "expected a mapping of " + describeKeys(allowedKeys) + ", got " + YamlScalars.describe(node));
      return mapping;
    }
    mapping.isMapping = true;
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey) || keyNode.getTag().equals(Tag.NULL)) {
        problems.add(keyNode, path, "expected a plain key, got " + YamlScalars.describe(keyNode));
        continue;
      }
      String key = scalarKey.getValue();
      String keyPath = child(path, key);
      if (mapping.entries.containsKey(key)) {
        NodeTuple first = mapping.entries.get(key);
        problems.add(keyNode, keyPath, "duplicate key '" + key + "' (first at line "
            + (first.getKeyNode().getStartMark().getLine() + 1) + "); keep one of them");
        continue;
      }
      if (!allowedKeys.contains(key)) {
        String hint = DidYouMean.hint(key, allowedKeys);
        if (!hint.isEmpty()) {
          mapping.suggested.add(hint.substring(hint.indexOf('\'') + 1, hint.lastIndexOf('\'')));
        }
        problems.add(keyNode, keyPath, "unknown key '" + key + "'" + hint
            + "; allowed here: " + String.join(", ", allowedKeys));
        continue;
      }
      mapping.entries.put(key, tuple);
    }
    return mapping;
  }

  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return child(path, key);
  }

  Node node() {
    return node;
  }

  boolean has(String key) {
    return entries.containsKey(key) && !YamlScalars.isNull(entries.get(key).getValueNode());
  }

  /**
   * Where to point for a problem with {@code key}: its value when that is a scalar or written on the
   * key's line ({@code {...}}, {@code [...]}); the key itself when the value is a block mapping or
   * list, whose first line is some nested field the problem is not about; the mapping itself when
   * the key is absent.
   */
  Node locate(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? node : at(tuple);
  }

  private static Node at(NodeTuple tuple) {
    Node value = tuple.getValueNode();
    boolean block = (value instanceof MappingNode map && map.getFlowStyle() == DumperOptions.FlowStyle.BLOCK)
        || (value instanceof SequenceNode list && list.getFlowStyle() == DumperOptions.FlowStyle.BLOCK);
    return block ? tuple.getKeyNode() : value;
  }

  /**
   * Records a problem about the entry {@code name} of the user-named mapping under {@code key}
   * (a label, a channel, a transform), pointing at the entry's key, which is what the problem is about.
   */
  void entryProblem(String key, String name, String message) {
    Node at = locate(key);
    NodeTuple tuple = entries.get(key);
    if (tuple != null && tuple.getValueNode() instanceof MappingNode map) {
      for (NodeTuple entry : map.getValue()) {
        if (entry.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(name)) {
          at = entry.getKeyNode();
          break;
        }
      }
    }
    problems.add(at, path(key) + "." + name, message);
  }

  /** Records a problem at {@code key}'s value. */
  void problem(String key, String message) {
    problems.add(locate(key), path(key), message);
  }

  ProblemCollector problems() {
    return problems;
  }

  private Node value(String key, boolean required, String expected) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null || YamlScalars.isNull(tuple.getValueNode())) {
      if (required && isMapping && !(tuple == null && suggested.contains(key))) {
        problems.add(tuple == null ? node : tuple.getValueNode(), path(key),
            (tuple == null ? "missing required field; expected " : "is empty; expected ") + expected);
      }
      return null;
    }
    return tuple.getValueNode();
  }

  /** A text value; numbers are taken as their text, booleans are refused (YAML 1.1 reads {@code yes} as true). */
  String text(String key, boolean required, String expected) {
    Node value = value(key, required, expected);
    if (value == null) {
      return null;
    }
    return YamlScalars.text(problems, path(key), value, expected);
  }

  /** A text value that must match {@code pattern} as a whole and be at most {@code maxLength} long. */
  String matching(String key, boolean required, Pattern pattern, int maxLength, String expected) {
    String text = text(key, required, expected);
    if (text == null) {
      return null;
    }
    if (text.length() > maxLength) {
      // Quote only the start: the whole of an over-long value would bury the message.
      problem(key, "expected at most " + maxLength + " characters, got " + text.length() + " characters in '"
          + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'");
      return null;
    }
    if (!pattern.matcher(text).matches()) {
      problem(key, "expected " + expected + ", got '" + text + "'");
      return null;
    }
    return text;
  }

  /** One of {@code allowed}, spelled exactly as listed. */
  String oneOf(String key, boolean required, List<String> allowed) {
    String expected = "one of " + String.join(", ", allowed);
    String text = text(key, required, expected);
    if (text == null) {
      return null;
    }
    if (!allowed.contains(text)) {
      problem(key, "expected " + expected + ", got '" + text + "'" + DidYouMean.hint(text, allowed));
      return null;
    }
    return text;
  }

  Integer integer(String key, boolean required, int min, int max) {
    String expected = "a whole number from " + min + " to " + max;
    Node value = value(key, required, expected);
    return value == null ? null : YamlScalars.integer(problems, path(key), value, expected, min, max);
  }

  Double number(String key, boolean required, double min, double max) {
    String expected = "a number from " + YamlScalars.format(min) + " to " + YamlScalars.format(max);
    Node value = value(key, required, expected);
    return value == null ? null : YamlScalars.number(problems, path(key), value, expected, min, max);
  }

  Boolean bool(String key) {
    Node value = value(key, false, "true or false");
    return value == null ? null : YamlScalars.bool(problems, path(key), value);
  }

  /** A duration with a unit ({@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}) between {@code min} and {@code max}. */
  Duration duration(String key, boolean required, Duration min, Duration max) {
    String expected = "a duration such as 30s, 10m, 2h or 1d, from " + Durations.format(min) + " to "
        + Durations.format(max);
    Node value = value(key, required, expected);
    return value == null ? null : YamlScalars.duration(problems, path(key), value, expected, min, max);
  }

  /** A percentage written {@code 20%} or as a bare number {@code 20}, between {@code min} and {@code max}. */
  Integer percent(String key, boolean required, int min, int max) {
    String expected = "a percentage from " + min + "% to " + max + "%";
    Node value = value(key, required, expected);
    return value == null ? null : YamlScalars.percent(problems, path(key), value, expected, min, max);
  }

  /** A share of a fleet: {@code 10%} or an instance count such as {@code 1}. */
  CapacitySize capacity(String key, boolean required) {
    String expected = "a percentage such as 10% or an instance count such as 1";
    Node value = value(key, required, expected);
    return value == null ? null : YamlScalars.capacity(problems, path(key), value, expected);
  }

  /** A nested mapping, or {@code null} when absent. */
  YamlMapping mapping(String key, boolean required, List<String> allowedKeys) {
    Node value = value(key, required, "a mapping of " + describeKeys(allowedKeys));
    if (value == null) {
      return null;
    }
    return read(problems, path(key), value, allowedKeys);
  }

  /** A sequence's items, or {@code null} when absent or not a sequence. */
  List<Node> sequence(String key, boolean required, int minItems, int maxItems, String itemDescription) {
    String expected = "a list of " + minItems + " to " + maxItems + " " + itemDescription;
    Node value = value(key, required, expected);
    if (value == null) {
      return null;
    }
    if (!(value instanceof SequenceNode sequence)) {
      problems.add(value, path(key), "expected " + expected + ", got " + YamlScalars.describe(value));
      return null;
    }
    int size = sequence.getValue().size();
    if (size < minItems || size > maxItems) {
      problems.add(locate(key), path(key), "expected " + expected + ", got " + size);
      return null;
    }
    return sequence.getValue();
  }

  /** A list of texts, each matching {@code pattern}. */
  List<String> texts(String key, boolean required, int minItems, int maxItems, Pattern pattern, int maxLength,
      String itemDescription) {
    List<Node> items = sequence(key, required, minItems, maxItems, itemDescription);
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String field = path(key) + "[" + i + "]";
      String text = YamlScalars.text(problems, field, items.get(i), itemDescription);
      if (text == null) {
        continue;
      }
      if (text.length() > maxLength || !pattern.matcher(text).matches()) {
        problems.add(items.get(i), field, "expected " + itemDescription + " (at most " + maxLength
            + " characters), got '" + text + "'");
        continue;
      }
      if (out.contains(text)) {
        problems.add(items.get(i), field, "'" + text + "' is listed twice; list it once");
        continue;
      }
      out.add(text);
    }
    return out;
  }

  /** The raw entries of a mapping whose keys are names chosen by the user (labels, environment, ...). */
  Map<String, Node> namedEntries(String key, boolean required, String valueDescription) {
    Node value = value(key, required, "a mapping of names to " + valueDescription);
    if (value == null) {
      return null;
    }
    if (!(value instanceof MappingNode map)) {
      problems.add(value, path(key), "expected a mapping of names to " + valueDescription + ", got " + YamlScalars.describe(value));
      return null;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey) || keyNode.getTag().equals(Tag.NULL)) {
        problems.add(keyNode, path(key), "expected a plain key, got " + YamlScalars.describe(keyNode));
        continue;
      }
      String name = scalarKey.getValue();
      if (out.containsKey(name)) {
        problems.add(keyNode, path(key) + "." + name, "duplicate key '" + name + "'; keep one of them");
        continue;
      }
      out.put(name, tuple.getValueNode());
    }
    return out;
  }

  /** A mapping of user-chosen names to texts, keys and values checked by the given rules. */
  Map<String, String> textMap(String key, int maxEntries, Pattern keyPattern, int maxKeyLength, int maxValueLength,
      String keyDescription) {
    Map<String, Node> raw = namedEntries(key, false, "texts");
    if (raw == null) {
      return Map.of();
    }
    if (raw.size() > maxEntries) {
      problem(key, "expected at most " + maxEntries + " entries, got " + raw.size());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (var entry : raw.entrySet()) {
      String field = path(key) + "." + entry.getKey();
      if (entry.getKey().length() > maxKeyLength || !keyPattern.matcher(entry.getKey()).matches()) {
        entryProblem(key, entry.getKey(), "expected the key to be " + keyDescription + " (at most " + maxKeyLength
            + " characters), got '" + entry.getKey() + "'");
        continue;
      }
      String text = YamlScalars.text(problems, field, entry.getValue(), "a text value (quote it if in doubt)");
      if (text == null) {
        continue;
      }
      if (text.length() > maxValueLength) {
        problems.add(entry.getValue(), field, "expected a value of at most " + maxValueLength + " characters, got "
            + text.length());
        continue;
      }
      out.put(entry.getKey(), text);
    }
    return out;
  }

  private static String describeKeys(List<String> keys) {
    return keys.size() <= 4 ? String.join(", ", keys) : String.join(", ", keys.subList(0, 4)) + ", ...";
  }

}
