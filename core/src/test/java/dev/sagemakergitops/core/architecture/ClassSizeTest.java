package dev.sagemakergitops.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's rule that no main class of the project is over 450 lines: a class that grows past it
 * carries more than one reason to change and is split by its stages or sections, as the
 * restructuring did. Checked over every module's main sources from the repository's root, so a
 * module that gains a large class fails the build wherever it is.
 */
class ClassSizeTest {
  static final int MAX_LINES = 450;
  private static final Path ROOT = Path.of("..");

  @Test
  void mainSources_ofEveryModule_haveNoClassOverTheLimit() throws IOException {
    List<Path> roots;
    try (Stream<Path> modules = Files.list(ROOT)) {
      roots = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
    }
    assertThat(roots).as("modules found from " + ROOT.toAbsolutePath().normalize())
        .anySatisfy(r -> assertThat(r.toString()).contains("core"))
        .anySatisfy(r -> assertThat(r.toString()).contains("jenkins"));

    List<String> tooLong = roots.stream().flatMap(ClassSizeTest::javaFiles)
        .filter(f -> lines(f) > MAX_LINES)
        .map(f -> ROOT.relativize(f) + " (" + lines(f) + " lines)").sorted().toList();

    assertThat(tooLong).as("main classes over " + MAX_LINES + " lines: split them").isEmpty();
  }

  private static Stream<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
