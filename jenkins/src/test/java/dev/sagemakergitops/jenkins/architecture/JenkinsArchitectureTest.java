package dev.sagemakergitops.jenkins.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins adapter translates step arguments and reports; the logic and every AWS call are
 * core's (docs/architecture.md, Modules). So no class of it uses an AWS SDK service client or its
 * model classes (credentials, which Jenkins holds, are the SDK's core types and stay allowed).
 */
class JenkinsArchitectureTest {
  private static final JavaClasses JENKINS = new ClassFileImporter()
      // The module's own main classes, read from where the build compiled them: scanning the class
      // path for the package would read every jar on it.
      .importPath(Path.of("target", "classes"));

  @Test
  void jenkinsAdapter_whenItsClassesAreRead_callsNoAwsServiceClient() {
    noClasses().that().resideInAPackage("dev.sagemakergitops.jenkins..")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.services..")
        .because("the Jenkins adapter only translates arguments and reports; AWS is reached through core")
        .check(JENKINS);
  }
}
