package dev.sagemakergitops.local.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.sagemakergitops.local.LocalService;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md that the local control plane keeps: it knows nothing of core
 * (an emulator that knew the project's types would be tempted to agree with them instead of with
 * AWS), and its services reach each other only through the small interfaces of {@code spi}.
 */
class LocalArchitectureTest {
  private static final JavaClasses LOCAL = new ClassFileImporter()
      // The module's own main classes, read from where the build compiled them: scanning the class
      // path for the package would read every jar on it.
      .importPath(Path.of("target", "classes"));

  /**
   * The packages that hold a {@link LocalService} (SageMaker hosting, the registry, ECR, S3 ...):
   * each is one service with its sub-packages. Everything else (spi, protocol, clock, fault,
   * validation, shared helpers such as sagemaker.resources) serves all of them.
   */
  private static final List<String> SERVICE_PACKAGES = LOCAL.stream()
      .filter(c -> c.isAssignableTo(LocalService.class) && !c.isInterface())
      .map(JavaClass::getPackageName).distinct().sorted(Comparator.comparing(String::length).reversed()).toList();

  @Test
  void local_whenItsClassesAreRead_knowsNothingOfCoreOrItsUsers() {
    noClasses().that().resideInAPackage("dev.sagemakergitops.local..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.sagemakergitops.core..",
            "dev.sagemakergitops.cli..", "dev.sagemakergitops.jenkins..")
        .because("local is a model of AWS, not of our operations (docs/architecture.md, The local control plane)")
        .check(LOCAL);
  }

  /**
   * Each service depends on no other service's classes, only on {@code spi} and the shared parts.
   */
  @Test
  void services_whenTheirClassesAreRead_reachEachOtherOnlyThroughSpi() {
    SlicesRuleDefinition.slices().assignedFrom(new ServiceSlices())
        .should().notDependOnEachOther()
        .because("services reach each other only through the interfaces of spi (docs/architecture.md)")
        .check(LOCAL);
  }

  @Test
  void servicePackages_whenFound_areEveryServiceOfTheControlPlane() {
    // Guards the rule above against finding no services (then it would pass whatever the code does).
    assertThat(SERVICE_PACKAGES).contains("dev.sagemakergitops.local.sagemaker.hosting",
        "dev.sagemakergitops.local.sagemaker.registry", "dev.sagemakergitops.local.sagemaker.training",
        "dev.sagemakergitops.local.sagemaker.transform", "dev.sagemakergitops.local.sagemaker.tags",
        "dev.sagemakergitops.local.autoscaling", "dev.sagemakergitops.local.cloudwatch",
        "dev.sagemakergitops.local.ecr", "dev.sagemakergitops.local.s3");
  }

  /** A class's service: the service package that holds it (the innermost), or none. */
  private static final class ServiceSlices implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String name = javaClass.getPackageName();
      return SERVICE_PACKAGES.stream().filter(p -> name.equals(p) || name.startsWith(p + "."))
          .findFirst().map(p -> SliceIdentifier.of(p.substring("dev.sagemakergitops.local.".length())))
          .orElse(SliceIdentifier.ignore());
    }

    @Override
    public String getDescription() {
      return "the services of the local control plane";
    }
  }
}
