package dev.sagemakergitops.core.operation.deploy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the deploy and status tests share: before each test a fresh {@link DeployWorld} in a
 * temporary folder with model package versions {@code churn/1} to {@code churn/N} registered,
 * closed after it. A test class names N in its constructor and adds its own {@code @BeforeEach}
 * steps, which JUnit runs after this one.
 */
public abstract class DeployWorldTest {
  @TempDir protected Path dir;
  protected DeployWorld world;
  private final int versions;

  protected DeployWorldTest(int versions) {
    this.versions = versions;
  }

  @BeforeEach
  protected final void startWorld() {
    world = new DeployWorld(dir);
    world.register(versions);
  }

  @AfterEach
  protected final void closeWorld() {
    world.close();
  }
}
