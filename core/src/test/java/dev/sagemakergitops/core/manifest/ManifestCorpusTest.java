package dev.sagemakergitops.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the corpus of malformed manifests in {@code src/test/resources/manifests/invalid}: one
 * near-valid manifest per file, with what the loader must say about it in the file's own header.
 *
 * <p>Header lines, before the manifest:
 * <pre>
 * # expect: &lt;line&gt;:&lt;column&gt;: &lt;field&gt;: &lt;message substring&gt;
 * # schema: reject
 * </pre>
 * Line numbers count the header too, so they are what an editor shows. Whole-file problems have
 * line and column 0 and an empty field ({@code # expect: 0:0: : the file is empty}). {@code schema:
 * reject} marks shape errors (unknown key, wrong type, missing field, enum, pattern) that the editor
 * schema must also reject; see {@link ManifestSchemaTest}.
 */
class ManifestCorpusTest {
  static final Path CORPUS = Path.of("src/test/resources/manifests/invalid");

  /** The corpus must not shrink unnoticed; raise this when cases are added. */
  private static final int MINIMUM_CASES = 45;

  private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+): ([^ ]*): (.+)");

  /** One expected problem: position, field path and a part of the message. */
  record Expectation(int line, int column, String field, String message) {
    boolean matches(ManifestProblem problem) {
      return problem.line() == line && problem.column() == column && problem.field().equals(field)
          && problem.message().contains(message);
    }

    @Override
    public String toString() {
      return line + ":" + column + ": " + field + ": ..." + message + "...";
    }
  }

  /** A corpus file and what its header says about it. */
  record CorpusCase(Path file, List<Expectation> expectations, boolean schemaRejects) {
    @Override
    public String toString() {
      return file.getFileName().toString();
    }

    byte[] bytes() {
      return ManifestCorpusTest.bytes(file);
    }
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<CorpusCase> cases() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(ManifestCorpusTest::read).toList().stream();
    }
  }

  private static CorpusCase read(Path file) {
    List<Expectation> expectations = new ArrayList<>();
    boolean schemaRejects = false;
    // Latin-1 reads every byte, so the header of the deliberately non-UTF-8 case is readable too.
    for (String line : new String(bytes(file), StandardCharsets.ISO_8859_1).split("\n")) {
      if (!line.startsWith("#")) {
        break;
      }
      if (line.startsWith("# expect:")) {
        Matcher match = EXPECT.matcher(line);
        if (!match.matches()) {
          fail(file + ": malformed header line, expected '# expect: <line>:<column>: <field>: <message>': " + line);
        }
        expectations.add(new Expectation(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)),
            match.group(3), match.group(4).strip()));
      } else if (line.strip().equals("# schema: reject")) {
        schemaRejects = true;
      }
    }
    return new CorpusCase(file, expectations, schemaRejects);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void load_whenManifestIsMalformed_reportsEveryExpectedProblem(CorpusCase corpusCase) {
    String path = "manifests/" + corpusCase.file().getFileName();

    ManifestParseResult result = new ManifestLoader().load(ManifestSource.file(path), corpusCase.bytes());

    assertThat(corpusCase.expectations()).as("the header's '# expect:' lines").isNotEmpty();
    assertThat(result.isValid()).as("a malformed manifest must not load").isFalse();
    assertThat(result.validManifest()).isEmpty();
    assertThat(result.problems()).allSatisfy(problem -> assertThat(problem.file()).isEqualTo(path));
    for (Expectation expected : corpusCase.expectations()) {
      assertThat(result.problems())
          .as("problems of %s, expecting %s", corpusCase, expected)
          .anySatisfy(problem -> assertThat(expected.matches(problem)).as(problem.toString()).isTrue());
    }
  }

  @Test
  void cases_whenListed_holdAtLeastTheMinimum() throws IOException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(MINIMUM_CASES);
  }

  @Test
  void cases_whenListed_includeSchemaRejectedShapeErrors() throws IOException {
    // ManifestSchemaTest checks these against the schema; without any, that check would pass vacuously.
    assertThat(cases().filter(CorpusCase::schemaRejects).count()).isGreaterThanOrEqualTo(20);
  }
}
