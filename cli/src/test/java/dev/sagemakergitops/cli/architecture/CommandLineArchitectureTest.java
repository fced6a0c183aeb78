package dev.sagemakergitops.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The command line translates arguments and prints; the logic and every AWS call are core's
 * (docs/architecture.md, Modules). So no class of it uses an AWS SDK service client or its model
 * classes: what it needs from AWS it asks core for.
 */
class CommandLineArchitectureTest {
  private static final JavaClasses CLI = new ClassFileImporter()
      // The module's own main classes, read from where the build compiled them: scanning the class
      // path for the package would read every jar on it.
      .importPath(Path.of("target", "classes"));

  @Test
  void commandLine_whenItsClassesAreRead_callsNoAwsServiceClient() {
    noClasses().that().resideInAPackage("dev.sagemakergitops.cli..")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.services..")
        .because("the command line only translates arguments and prints; AWS is reached through core")
        .check(CLI);
  }
}
