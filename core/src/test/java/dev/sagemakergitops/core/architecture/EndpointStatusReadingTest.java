package dev.sagemakergitops.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * The rule of issue 13 that {@code core.health} is the one package that reads SageMaker's endpoint
 * statuses: no other main class of core holds an {@code EndpointStatus} word as a string, or uses
 * the SDK's {@code EndpointStatus} enum. Others ask {@code EndpointHealthClassifier}.
 *
 * <p>Some of the words are also words of other vocabularies ({@code Creating}, {@code Updating},
 * {@code Failed}, {@code Deleting} ... are inference-experiment and job statuses too). Those readings
 * stay where they are, listed in {@link #OTHER_VOCABULARIES} with the vocabulary each class reads;
 * a listed class still may not compare a word on a line that reads an endpoint's status.
 */
class EndpointStatusReadingTest {
  /**
   * botocore {@code sagemaker/2017-07-24/service-2.json}, shape {@code EndpointStatus}. Also checked
   * against the SDK's enum below, which is generated from the same service model.
   */
  static final Set<String> ENDPOINT_STATUS_WORDS = Set.of("OutOfService", "Creating", "Updating", "SystemUpdating",
      "RollingBack", "InService", "Deleting", "Failed", "UpdateRollbackFailed");

  /** Classes (source path under core's main sources) that read another resource's statuses, with the words they may hold. */
  static final Map<String, Set<String>> OTHER_VOCABULARIES = Map.of(
      // InferenceExperimentStatus: the experiment statuses that are not final.
      "dev/sagemakergitops/core/operation/shadow/EarlierRun.java", Set.of("Creating", "Updating"),
      // InferenceExperimentStatus: how an experiment is followed while it starts.
      "dev/sagemakergitops/core/operation/shadow/ExperimentProgress.java", Set.of("Creating", "Updating"),
      // TrainingJobStatus (and the SageMaker job statuses a training stage reports).
      "dev/sagemakergitops/core/operation/train/TrainState.java", Set.of("Failed", "Deleting"));

  private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
  private static final String HEALTH = "dev/sagemakergitops/core/health/";

  @Test
  void wordList_whenComparedWithTheSdk_isSageMakersEndpointStatusEnum() {
    assertThat(EndpointStatus.knownValues().stream().map(EndpointStatus::toString))
        .containsExactlyInAnyOrderElementsOf(ENDPOINT_STATUS_WORDS);
  }

  @Test
  void coreMainSources_whenScannedOutsideHealth_holdNoEndpointStatusWordUnlessAnotherVocabularyIsListed() {
    List<String> violations = new ArrayList<>();
    Set<String> heldInHealth = new TreeSet<>();
    for (Path file : javaSources()) {
      String relative = MAIN_SOURCES.relativize(file).toString().replace('\\', '/');
      List<Literal> words = JavaStringLiterals.of(read(file)).stream()
          .filter(l -> ENDPOINT_STATUS_WORDS.contains(l.value())).toList();
      if (relative.startsWith(HEALTH)) {
        words.forEach(l -> heldInHealth.add(l.value()));
        continue;
      }
      Set<String> allowed = OTHER_VOCABULARIES.getOrDefault(relative, Set.of());
      for (Literal word : words) {
        if (!allowed.contains(word.value())) {
          violations.add(relative + ":" + word.line() + " holds \"" + word.value() + "\"");
        } else if (word.lineText().toLowerCase().contains("endpointstatus")) {
          violations.add(relative + ":" + word.line() + " compares \"" + word.value() + "\" with an endpoint's status");
        }
      }
    }
    assertThat(violations).as("endpoint status words outside core.health; ask EndpointHealthClassifier instead, or, "
        + "for another resource's status, list the class in OTHER_VOCABULARIES").isEmpty();
    // Guards the rule against reading nothing: the health package does hold the words.
    assertThat(heldInHealth).contains("InService", "Updating", "RollingBack", "UpdateRollbackFailed");
  }

  @Test
  void coreClasses_whenRead_useTheSdksEndpointStatusOnlyInHealth() {
    JavaClasses core = new ClassFileImporter().importPath(Path.of("target", "classes"));
    noClasses().that().resideInAPackage("dev.sagemakergitops.core..")
        .and().resideOutsideOfPackage("dev.sagemakergitops.core.health..")
        .should().dependOnClassesThat().areAssignableTo(EndpointStatus.class)
        .because("SageMaker's endpoint statuses are read in core.health (issue 13)")
        .check(core);
  }

  @Test
  void stringLiterals_whenTheSourceHasCommentsEscapesAndCharacters_areTheLiteralsOnly() {
    String source = """
        // "InService" in a comment
        /* "Failed" in a block
           comment */ String a = "Updating"; char q = '"'; String b = "say \\"x\\"";
        String c = "a//b"; /** "Deleting" */ String d = "Creating";
        """;

    assertThat(JavaStringLiterals.of(source)).extracting(Literal::value, Literal::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Updating", 3),
            org.assertj.core.groups.Tuple.tuple("say \\\"x\\\"", 3),
            org.assertj.core.groups.Tuple.tuple("a//b", 4), org.assertj.core.groups.Tuple.tuple("Creating", 4));
  }

  private static List<Path> javaSources() {
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A string literal: its text as written (escapes kept), its line, and that line's text. */
  record Literal(String value, int line, String lineText) {}

  /**
   * Finds the string literals of a Java source, skipping comments and character literals. Written
   * here rather than taken from a Java parser: literals and comments are all this rule reads, and a
   * parser would be a new dependency of core's tests for it. Text blocks are read as literals of
   * their own lines' text, which is enough: an endpoint status word in one is prose, not a reading.
   */
  static final class JavaStringLiterals {
    private JavaStringLiterals() {}

    static List<Literal> of(String source) {
      String[] lines = source.split("\n", -1);
      List<Literal> out = new ArrayList<>();
      int line = 1;
      int i = 0;
      int n = source.length();
      while (i < n) {
        char c = source.charAt(i);
        if (c == '\n') {
          line++;
          i++;
        } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
          while (i < n && source.charAt(i) != '\n') {
            i++;
          }
        } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
          int end = source.indexOf("*/", i + 2);
          end = end < 0 ? n : end + 2;
          line += (int) source.substring(i, end).chars().filter(ch -> ch == '\n').count();
          i = end;
        } else if (c == '\'') {
          i++;
          while (i < n && source.charAt(i) != '\'') {
            i += source.charAt(i) == '\\' ? 2 : 1;
          }
          i++;
        } else if (c == '"') {
          int start = ++i;
          while (i < n && source.charAt(i) != '"' && source.charAt(i) != '\n') {
            i += source.charAt(i) == '\\' ? 2 : 1;
          }
          out.add(new Literal(source.substring(start, Math.min(i, n)), line, lines[line - 1]));
          if (i < n && source.charAt(i) == '"') {
            i++;
          }
        } else {
          i++;
        }
      }
      return out;
    }
  }
}
