package dev.sagemakergitops.core.manifest;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of one YAML scalar (text, whole number, number, boolean, duration, percentage, fleet
 * share), and how a node is described in a problem. {@link YamlMapping} finds the value and its
 * field path; this class decides whether the value is right and words the problem when it is not.
 *
 * <p>Each read records a problem at the value and returns {@code null} when the value is wrong.
 */
final class YamlScalars {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d)");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*%");

  private YamlScalars() {}

  static Integer integer(ProblemCollector problems, String field, Node value, String expected, int min, int max) {
    if (!(value instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
      problems.add(value, field, "expected " + expected + ", got " + describe(value));
      return null;
    }
    long number;
    try {
      number = Long.parseLong(scalar.getValue().replace("_", ""));
    } catch (NumberFormatException e) {
      problems.add(value, field, "expected " + expected + ", got '" + scalar.getValue() + "'");
      return null;
    }
    if (number < min || number > max) {
      problems.add(value, field, "expected " + expected + ", got " + number);
      return null;
    }
    return (int) number;
  }

  static Double number(ProblemCollector problems, String field, Node value, String expected, double min, double max) {
    if (!(value instanceof ScalarNode scalar)
        || !(scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
      problems.add(value, field, "expected " + expected + ", got " + describe(value));
      return null;
    }
    double number;
    try {
      number = Double.parseDouble(scalar.getValue().replace("_", ""));
    } catch (NumberFormatException e) {
      problems.add(value, field, "expected " + expected + ", got '" + scalar.getValue() + "'");
      return null;
    }
    if (!(number >= min && number <= max)) {
      problems.add(value, field, "expected " + expected + ", got " + scalar.getValue());
      return null;
    }
    return number;
  }

  static Boolean bool(ProblemCollector problems, String field, Node value) {
    if (!(value instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.BOOL)) {
      problems.add(value, field, "expected true or false, got " + describe(value));
      return null;
    }
    return Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT).replace("yes", "true").replace("on", "true"));
  }

  /** A duration with a unit ({@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}) between {@code min} and {@code max}. */
  static Duration duration(ProblemCollector problems, String field, Node value, String expected, Duration min, Duration max) {
    if (!(value instanceof ScalarNode scalar)) {
      problems.add(value, field, "expected " + expected + ", got " + describe(value));
      return null;
    }
    if (scalar.getTag().equals(Tag.INT)) {
      problems.add(value, field, "expected " + expected + ", got the bare number " + scalar.getValue()
          + "; add a unit, for example " + scalar.getValue() + "s");
      return null;
    }
    var match = DURATION.matcher(scalar.getValue().trim());
    if (!match.matches()) {
      problems.add(value, field, "expected " + expected + ", got '" + scalar.getValue() + "'");
      return null;
    }
    Duration parsed = Durations.of(Long.parseLong(match.group(1)), match.group(2).charAt(0));
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      problems.add(value, field, "expected " + expected + ", got " + scalar.getValue()
          + " (" + parsed.toSeconds() + " s)");
      return null;
    }
    return parsed;
  }

  /** A percentage written {@code 20%} or as a bare number {@code 20}, between {@code min} and {@code max}. */
  static Integer percent(ProblemCollector problems, String field, Node value, String expected, int min, int max) {
    Integer parsed = parsePercentOrCount(value, true);
    if (parsed == null) {
      problems.add(value, field, "expected " + expected + ", got " + describe(value));
      return null;
    }
    if (parsed < min || parsed > max) {
      problems.add(value, field, "expected " + expected + ", got " + parsed + "%");
      return null;
    }
    return parsed;
  }

  /** A share of a fleet: {@code 10%} or an instance count such as {@code 1}. */
  static CapacitySize capacity(ProblemCollector problems, String field, Node value, String expected) {
    if (value instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.INT)) {
      var match = PERCENT.matcher(scalar.getValue().trim());
      if (match.matches() && !match.group(1).contains(".")) {
        int percent = Integer.parseInt(match.group(1));
        if (percent < 1 || percent > 100) {
          problems.add(value, field, "expected a percentage from 1% to 100%, got " + scalar.getValue());
          return null;
        }
        return CapacitySize.percent(percent);
      }
    }
    Integer count = parsePercentOrCount(value, false);
    if (count == null) {
      problems.add(value, field, "expected " + expected + ", got " + describe(value));
      return null;
    }
    if (count < 1) {
      problems.add(value, field, "expected at least 1 instance, got " + count);
      return null;
    }
    return CapacitySize.instances(count);
  }

  /** A text value; numbers are taken as their text, booleans are refused (YAML 1.1 reads {@code yes} as true). */
  static String text(ProblemCollector problems, String field, Node value, String expected) {
    if (!(value instanceof ScalarNode scalar)) {
      problems.add(value, field, "expected " + expected + ", got " + describe(value));
      return null;
    }
    if (scalar.getTag().equals(Tag.NULL)) {
      // Taking an empty value as its spelling would turn "null" or "~" into the text "null" or "~".
      problems.add(value, field, "expected " + expected + ", got an empty value; write \"\" if you mean empty text");
      return null;
    }
    if (scalar.getTag().equals(Tag.BOOL)) {
      problems.add(value, field, "expected " + expected + ", got the boolean '" + scalar.getValue()
          + "'; quote it (\"" + scalar.getValue() + "\") if you meant the text");
      return null;
    }
    return scalar.getValue();
  }

  private static Integer parsePercentOrCount(Node value, boolean allowPercentSign) {
    if (!(value instanceof ScalarNode scalar)) {
      return null;
    }
    if (scalar.getTag().equals(Tag.INT)) {
      try {
        return Integer.parseInt(scalar.getValue().replace("_", ""));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (allowPercentSign && scalar.getTag().equals(Tag.STR)) {
      var match = PERCENT.matcher(scalar.getValue().trim());
      if (match.matches() && !match.group(1).contains(".")) {
        return Integer.parseInt(match.group(1));
      }
    }
    return null;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  static String describe(Node node) {
    if (node == null) {
      return "nothing";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return "an empty value";
    }
    if (tag.equals(Tag.BOOL)) {
      return "the boolean '" + scalar.getValue() + "'";
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return "the number " + scalar.getValue();
    }
    return "'" + scalar.getValue() + "'";
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
