package dev.sagemakergitops.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Runs a test class in Maven's integration-test phase (failsafe) instead of the unit phase
 * (surefire): {@code mvn test} leaves it out, {@code mvn verify} runs it.
 *
 * <p>For the tests that cost the most wall time and add little to the edit-test loop: the
 * reliability runs (an operation killed at every call and resumed), the conformance runs through
 * the real AWS CLI and moto, Git's own command line, and the tests of the packaged jar. The parent
 * POM excludes the tag {@value #TAG} from surefire and runs only it in failsafe; nothing else
 * differs, so a test behaves the same in either phase. See docs/architecture.md, "Testing".
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(IntegrationPhase.TAG)
public @interface IntegrationPhase {
  /** The JUnit tag the build's surefire and failsafe configurations select on. */
  String TAG = "integration";
}
