package dev.sagemakergitops.core.manifest;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The one-line edit that points a production variant at another model package version
 * ({@code bump --variant}): the value of {@code spec.endpoint.variants[i].model.package} is replaced
 * in place by {@link ManifestScalarEditor}, keeping every other byte. A variant that serves
 * {@code spec.model} gets its own model: a {@code model:} block with the package is added at the end
 * of the variant, in its style ({@code model:} and an indented {@code package:} line in a block
 * mapping; {@code , model: {package: ...}} in a flow mapping), so the change is still the few lines
 * a reviewer expects.
 */
public final class VariantModelEditor {
  private VariantModelEditor() {}

  /**
   * {@code yamlText} with variant {@code variant} serving {@code newPackage}.
   *
   * @throws IllegalArgumentException naming the line when the manifest has no such variant (the
   *     message lists the variants), or its model cannot be edited in place
   */
  public static String setPackage(String yamlText, String variant, String newPackage) {
    Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yamlText));
    Node variants = ManifestLocator.find(root, "spec.endpoint.variants").orElse(null);
    if (!(variants instanceof SequenceNode sequence)) {
      throw new IllegalArgumentException("has no spec.endpoint.variants; --variant names a production variant of the"
          + " manifest's endpoint. Bump spec.model.package without --variant");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      Node name = ManifestLocator.find(item, "name").orElse(null);
      String text = name instanceof ScalarNode scalar ? scalar.getValue() : null;
      names.add(text);
      if (variant.equals(text) && item instanceof MappingNode mapping) {
        return setPackage(yamlText, i, mapping, newPackage);
      }
    }
    throw new IllegalArgumentException("line " + (sequence.getStartMark().getLine() + 1) + ": spec.endpoint.variants"
        + " has no variant named '" + variant + "'; expected one of " + names);
  }

  private static String setPackage(String yamlText, int index, MappingNode variant, String newPackage) {
    List<String> path = List.of("spec", "endpoint", "variants", "[" + index + "]", "model", "package");
    Node model = ManifestLocator.find(variant, "model").orElse(null);
    String edited;
    if (model != null) {
      edited = ManifestScalarEditor.replaceScalar(yamlText, path, newPackage);
    } else {
      edited = withModel(yamlText, variant, newPackage);
    }
    if (!ManifestScalarEditor.readScalar(edited, path).map(newPackage::equals).orElse(false)) {
      throw new IllegalArgumentException("line " + (variant.getStartMark().getLine() + 1) + ": cannot add a model"
          + " block to variant spec.endpoint.variants[" + index + "] so that it reads back as package " + newPackage
          + "; add 'model: {package: " + newPackage + "}' to the variant by hand");
    }
    return edited;
  }

  /** The variant with {@code model: {package: ...}} added after its last entry, in the variant's own style. */
  private static String withModel(String yamlText, MappingNode variant, String newPackage) {
    if (variant.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
      // {name: A, ...}: insert before the closing brace.
      int close = yamlText.offsetByCodePoints(0, variant.getEndMark().getIndex()) - 1;
      if (close < 0 || yamlText.charAt(close) != '}') {
        return yamlText;
      }
      int at = close;
      while (at > 0 && Character.isWhitespace(yamlText.charAt(at - 1))) {
        at--;
      }
      return yamlText.substring(0, at) + ", model: {package: " + newPackage + "}" + yamlText.substring(at);
    }
    List<NodeTuple> entries = variant.getValue();
    NodeTuple last = entries.get(entries.size() - 1);
    int column = entries.get(0).getKeyNode().getStartMark().getColumn();
    int lastEnd = yamlText.offsetByCodePoints(0, last.getValueNode().getEndMark().getIndex());
    String indent = " ".repeat(column);
    String eol = yamlText.contains("\r\n") ? "\r\n" : "\n";
    String block = indent + "model:" + eol + indent + "  package: " + newPackage + eol;
    if (lastEnd > 0 && yamlText.charAt(lastEnd - 1) == '\n') {
      // A nested block value ends at the start of the line after it: insert before that line.
      return yamlText.substring(0, lastEnd) + block + yamlText.substring(lastEnd);
    }
    int lineEnd = yamlText.indexOf('\n', lastEnd);
    if (lineEnd < 0) {
      return yamlText + eol + block;
    }
    return yamlText.substring(0, lineEnd + 1) + block + yamlText.substring(lineEnd + 1);
  }
}
