package dev.sagemakergitops.core.manifest;

import java.io.StringReader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Changes one scalar value in a YAML text and leaves every other byte alone.
 *
 * <p>A bump commit must read like a person's edit: a pull request that rewrites comments, quoting or
 * key order to change one version number hides the change it is about. So the text is not loaded and
 * dumped again; SnakeYAML only finds where the scalar sits, and exactly those characters are
 * replaced. The scalar keeps its style: a plain scalar stays plain when the new value reads back as
 * the same string (otherwise it becomes double-quoted), a single- or double-quoted one is written
 * with the same quotes and the escaping they need. Block mappings and flow mappings
 * ({@code model: {package: churn/7}}) both work; a key path segment {@code [N]} steps into item N of a
 * sequence ({@code [spec, endpoint, variants, [1], model, package]}). Only the first document of a stream is looked at.
 */
public final class ManifestScalarEditor {

  /** A key path segment {@code [N]} selects item N (from 0) of a sequence, such as a production variant. */
  private static final Pattern SEQUENCE_INDEX = Pattern.compile("\\[(\\d+)]");

  private ManifestScalarEditor() {}

  /**
   * Returns {@code yamlText} with the scalar at {@code keyPath} (mapping keys from the root, for
   * example {@code [spec, model, package]}) replaced by {@code newValue}. The text comes back
   * unchanged when the value is already {@code newValue} in that style.
   *
   * @throws IllegalArgumentException when the path does not lead to a scalar (the message names the
   *     path and what was found), or the scalar is a block scalar, an anchor or an alias, which a
   *     one-value edit cannot change without changing other values too
   */
  public static String replaceScalar(String yamlText, List<String> keyPath, String newValue) {
    Objects.requireNonNull(yamlText, "yamlText");
    Objects.requireNonNull(newValue, "newValue");
    ScalarNode node = findScalar(yamlText, keyPath)
        .orElseThrow(() -> new IllegalArgumentException("no '" + dotted(keyPath) + "' in the YAML; expected a "
            + "mapping key path " + String.join(" -> ", keyPath) + " ending in a scalar value"));
    requireEditable(node, keyPath);
    int start = charIndex(yamlText, node.getStartMark().getIndex());
    int end = charIndex(yamlText, node.getEndMark().getIndex());
    start = skipTag(yamlText, start, end);

    String preferred = switch (node.getScalarStyle()) {
      case SINGLE_QUOTED -> canBeSingleQuoted(newValue) ? singleQuoted(newValue) : doubleQuoted(newValue);
      case DOUBLE_QUOTED -> doubleQuoted(newValue);
      default -> newValue;
    };
    String edited = splice(yamlText, start, end, preferred);
    if (readsBack(edited, keyPath, newValue)) {
      return edited;
    }
    // A plain value that YAML would read differently (a number, 'yes', text with ': ' or '#').
    String quoted = splice(yamlText, start, end, doubleQuoted(newValue));
    if (readsBack(quoted, keyPath, newValue)) {
      return quoted;
    }
    throw new IllegalArgumentException("cannot write '" + newValue + "' at '" + dotted(keyPath)
        + "' so that the YAML still reads it back as that text; edit the file by hand");
  }

  /** The string value of the scalar at {@code keyPath}, if the path leads to one. */
  public static Optional<String> readScalar(String yamlText, List<String> keyPath) {
    return findScalar(yamlText, keyPath).map(ScalarNode::getValue);
  }

  private static Optional<ScalarNode> findScalar(String yamlText, List<String> keyPath) {
    if (keyPath == null || keyPath.isEmpty()) {
      throw new IllegalArgumentException("expected a non-empty key path such as [spec, model, package]");
    }
    Node node = compose(yamlText);
    for (String key : keyPath) {
      Matcher index = SEQUENCE_INDEX.matcher(key);
      if (index.matches() && node instanceof SequenceNode sequence) {
        int i = Integer.parseInt(index.group(1));
        node = i < sequence.getValue().size() ? sequence.getValue().get(i) : null;
        continue;
      }
      if (!(node instanceof MappingNode mapping)) {
        return Optional.empty();
      }
      node = valueOf(mapping, key);
    }
    return node instanceof ScalarNode scalar ? Optional.of(scalar) : Optional.empty();
  }

  private static Node compose(String yamlText) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    for (Node document : yaml.composeAll(new StringReader(yamlText))) {
      return document;
    }
    return null;
  }

  private static Node valueOf(MappingNode mapping, String key) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode keyNode && keyNode.getValue().equals(key)) {
        return tuple.getValueNode();
      }
    }
    return null;
  }

  private static void requireEditable(ScalarNode node, List<String> keyPath) {
    if (node.getScalarStyle() == ScalarStyle.LITERAL || node.getScalarStyle() == ScalarStyle.FOLDED) {
      throw new IllegalArgumentException("'" + dotted(keyPath) + "' is a block scalar (| or >); expected a plain "
          + "or quoted value on one line, for example package: churn/7");
    }
    if (node.getAnchor() != null) {
      throw new IllegalArgumentException("'" + dotted(keyPath) + "' is an anchor (&" + node.getAnchor()
          + ") or an alias of one; changing it would change every use of it. Write the value in place");
    }
  }

  /** SnakeYAML counts code points; Java strings count UTF-16 units, which differ after an emoji. */
  private static int charIndex(String text, int codePointIndex) {
    return text.offsetByCodePoints(0, codePointIndex);
  }

  /** A node's range starts at its explicit tag ({@code !!str churn/7}); the tag stays, the value changes. */
  private static int skipTag(String text, int start, int end) {
    int position = start;
    if (position < end && text.charAt(position) == '!') {
      while (position < end && !Character.isWhitespace(text.charAt(position))) {
        position++;
      }
      while (position < end && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }
    return position;
  }

  private static String splice(String text, int start, int end, String replacement) {
    return text.substring(0, start) + replacement + text.substring(end);
  }

  private static boolean readsBack(String yamlText, List<String> keyPath, String expected) {
    try {
      return findScalar(yamlText, keyPath)
          .filter(node -> node.getTag().equals(Tag.STR) && node.getValue().equals(expected))
          .isPresent();
    } catch (YAMLException e) {
      return false;
    }
  }

  private static boolean canBeSingleQuoted(String value) {
    return value.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
  }

  private static String singleQuoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\x%02X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String dotted(List<String> keyPath) {
    return String.join(".", keyPath);
  }
}
