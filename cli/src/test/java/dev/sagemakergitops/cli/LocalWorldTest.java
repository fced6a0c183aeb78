package dev.sagemakergitops.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of commands against a fresh {@link LocalWorld} with the churn model's image and data
 * ({@link Churn#prepare}); a subclass's own {@code @BeforeEach} runs after this one's.
 */
abstract class LocalWorldTest {
  @TempDir Path directory;
  LocalWorld world;

  @BeforeEach
  final void startWorld() {
    world = LocalWorld.create(directory.resolve("repo"));
    Churn.prepare(world);
  }

  @AfterEach
  final void closeWorld() {
    world.close();
  }
}
