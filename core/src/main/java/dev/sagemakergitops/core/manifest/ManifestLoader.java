package dev.sagemakergitops.core.manifest;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads model manifests strictly: YAML in safe mode only, bounded, every problem of a file reported
 * at once with file, line, column and field.
 *
 * <p>The text is only <em>composed</em> into SnakeYAML's node tree, never constructed into objects, so
 * no tag can instantiate a class; tags other than YAML's core ones are refused outright. Aliases,
 * nesting depth and size are bounded against "billion laughs" style input. The tree is then bound by
 * {@link ManifestBinder}, which checks every field against SageMaker's limits.
 *
 * <p>Instances are immutable and thread-safe; each call makes its own parser and composer over
 * options and a resolver shared by all.
 */
public final class ManifestLoader {
  /** Manifests are hand-written files of a few kilobytes; anything far larger is a mistake or an attack. */
  public static final int MAX_DOCUMENT_CODE_POINTS = 256 * 1024;
  public static final int MAX_ALIASES = 32;
  public static final int MAX_NESTING_DEPTH = 24;

  /**
   * The options and the tag resolver every load shares: neither is changed after this, and the
   * composer and parser only read them, so one of each serves every thread. A load builds only its
   * own parser and composer, not SnakeYAML's {@code Yaml} facade with a constructor (object
   * construction is never used here; building one per document was 4 % of loading in the plan
   * benchmark's profile, docs/benchmarks.md).
   */
  private static final LoaderOptions OPTIONS = options();
  private static final Resolver RESOLVER = new Resolver();

  private static final Set<Tag> CORE_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

  /** Loads the UTF-8 bytes of one manifest. */
  public ManifestParseResult load(ManifestSource source, byte[] content) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      return failed(source, new ManifestProblem(source.path(), 0, 0, "",
          "expected UTF-8 text; the file has bytes that are not UTF-8. Save it as UTF-8"));
    }
    return load(source, text);
  }

  /** Loads the text of one manifest. */
  public ManifestParseResult load(ManifestSource source, String text) {
    String file = source.path();
    if (text.codePointCount(0, text.length()) > MAX_DOCUMENT_CODE_POINTS) {
      return failed(source, new ManifestProblem(file, 0, 0, "", "the file is larger than "
          + MAX_DOCUMENT_CODE_POINTS / 1024 + " KiB; a manifest describes one model and is a few KiB. Split it"));
    }
    List<Node> documents = new ArrayList<>();
    try {
      Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), OPTIONS), RESOLVER,
          OPTIONS);
      while (composer.checkNode()) {
        documents.add(composer.getNode());
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      String context = e.getContext() != null ? " " + e.getContext() : "";
      Mark contextMark = e.getContextMark();
      if (contextMark != null && mark != null && contextMark.getLine() != mark.getLine()) {
        // An unclosed bracket or quote is noticed lines later; name where the construct began.
        context += " that starts at line " + (contextMark.getLine() + 1) + ", column " + (contextMark.getColumn() + 1);
      }
      if (problem.contains("Global tag is not allowed")) {
        // Show the tag as the user wrote it (!!python/...), not SnakeYAML's expanded tag:yaml.org,2002: form.
        String tag = problem.substring(problem.indexOf(':') + 1).trim().replace(Tag.PREFIX, "!!");
        return failed(source, new ManifestProblem(file, mark == null ? 0 : mark.getLine() + 1,
            mark == null ? 0 : mark.getColumn() + 1, "", "the YAML tag '" + tag
                + "' is not allowed; manifests use plain YAML values only. Remove the tag"));
      }
      return failed(source, new ManifestProblem(file, mark == null ? 0 : mark.getLine() + 1,
          mark == null ? 0 : mark.getColumn() + 1, "",
          "invalid YAML: " + problem.trim() + context + "; fix the syntax at this position"));
    } catch (YAMLException e) {
      return failed(source, new ManifestProblem(file, 0, 0, "", "invalid YAML: " + e.getMessage()
          + "; a manifest may use at most " + MAX_ALIASES + " aliases and " + MAX_NESTING_DEPTH + " levels of nesting"));
    }
    // A lone '---' (or '--- ~') is a document holding nothing: as empty as a file of comments.
    if (documents.size() == 1 && documents.get(0) instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
      documents.clear();
    }
    if (documents.isEmpty()) {
      return failed(source, new ManifestProblem(file, 0, 0, "",
          "the file is empty; expected a manifest starting with 'apiVersion: " + ModelManifest.API_VERSION + "'"));
    }
    if (documents.size() > 1) {
      Node second = documents.get(1);
      return failed(source, new ManifestProblem(file, second.getStartMark().getLine() + 1, 1, "",
          "expected one manifest per file, found " + documents.size() + " YAML documents; move each into its own file"));
    }
    ProblemCollector problems = new ProblemCollector(file);
    Node root = documents.get(0);
    checkTags(root, problems, "");
    List<ManifestProblem> tagProblems = problems.sorted();
    ModelManifest manifest = new ManifestBinder(problems, source).bind(root);
    if (!problems.isEmpty()) {
      return new ManifestParseResult(source, null, withoutEchoesOf(tagProblems, problems.sorted()));
    }
    return new ManifestParseResult(source, manifest, List.of());
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS * 4);
    options.setProcessComments(false);
    return options;
  }

  /** Refuses explicit tags outside YAML's core schema, such as {@code !!python/object} or {@code !Ref}. */
  private static void checkTags(Node node, ProblemCollector problems, String path) {
    if (!CORE_TAGS.contains(node.getTag())) {
      String tag = node.getTag().getValue();
      if (node.getTag().equals(Tag.MERGE)) {
        problems.add(node, path, "YAML merge keys ('<<') are not supported; write the fields out");
      } else {
        problems.add(node, path, "the YAML tag '" + tag + "' is not allowed; manifests use plain YAML values only."
            + " Remove the tag");
      }
      return;
    }
    if (node instanceof MappingNode map) {
      for (NodeTuple tuple : map.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
        if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
          problems.add(tuple.getKeyNode(), path, "YAML merge keys ('<<') are not supported; write the fields out");
          continue;
        }
        checkTags(tuple.getKeyNode(), problems, path);
        checkTags(tuple.getValueNode(), problems, YamlMapping.child(path, key));
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        checkTags(items.get(i), problems, path + "[" + i + "]");
      }
    }
  }

  /**
   * Drops the binder's problems at the position of a refused tag or merge key: a tagged value or a
   * merged mapping is wrong because of the tag, and "expected an IAM role ARN" or "missing required
   * field" at the same spot would send the user after the wrong fix.
   */
  private static List<ManifestProblem> withoutEchoesOf(List<ManifestProblem> tagProblems, List<ManifestProblem> all) {
    if (tagProblems.isEmpty()) {
      return all;
    }
    Set<List<Integer>> refused = new HashSet<>();
    tagProblems.forEach(p -> refused.add(List.of(p.line(), p.column())));
    return all.stream()
        .filter(p -> tagProblems.contains(p) || !refused.contains(List.of(p.line(), p.column())))
        .toList();
  }

  private static ManifestParseResult failed(ManifestSource source, ManifestProblem problem) {
    return new ManifestParseResult(source, null, List.of(problem));
  }
}
