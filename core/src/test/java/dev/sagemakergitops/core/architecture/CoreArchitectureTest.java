package dev.sagemakergitops.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module rule of docs/architecture.md that core keeps: it knows nothing of the command line, of
 * Jenkins or of the local control plane, so the same operations run from a Jenkinsfile, from
 * CodeBuild and from a terminal, against AWS or anything that speaks its protocols.
 */
class CoreArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      // The module's own main classes, read from where the build compiled them: scanning the class
      // path for the package would read every jar on it.
      .importPath(Path.of("target", "classes"));

  @Test
  void core_whenItsClassesAreRead_dependsOnNeitherTheCommandLineNorJenkinsNorTheLocalControlPlane() {
    noClasses().that().resideInAPackage("dev.sagemakergitops.core..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.sagemakergitops.cli..",
            "dev.sagemakergitops.jenkins..", "dev.sagemakergitops.local..")
        .because("core knows neither the command line nor Jenkins (docs/architecture.md, Modules)")
        .check(CORE);
  }

  @Test
  void core_whenItsClassesAreRead_usesNoCommandLineOrJenkinsApi() {
    noClasses().that().resideInAPackage("dev.sagemakergitops.core..")
        .should().dependOnClassesThat().resideInAnyPackage("picocli..", "hudson..", "jenkins..",
            "org.jenkinsci..", "org.kohsuke..", "com.cloudbees..")
        .because("the command line's and Jenkins' APIs stay in their adapters")
        .check(CORE);
  }

  @Test
  void core_whenItsClassesAreRead_holdsClassesInEveryPackageItDocuments() {
    // Guards the two rules above against reading nothing (a wrong package name passes any rule).
    org.assertj.core.api.Assertions.assertThat(CORE.stream().map(c -> c.getPackageName()).distinct())
        .contains("dev.sagemakergitops.core.sync", "dev.sagemakergitops.core.revert",
            "dev.sagemakergitops.core.artifact", "dev.sagemakergitops.core.cleanup", "dev.sagemakergitops.core.seed");
  }
}
