package dev.sagemakergitops.core.operation.register;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.sagemakergitops.core.operation.OperationState;
import java.util.Objects;

/**
 * Where a registration is. Plain data: the version to register, what was found or created, and
 * the bump commit as strings.
 *
 * @param stage the step to take next (see {@link Stage}); saved as {@code "phase"} with the stage's
 *     word ({@code "Finding"}, ...), as states were saved before it was an enum
 * @param region the region of the registry
 * @param registration the version to register
 * @param packageArn the version's ARN once known, else {@code null}
 * @param version its number once known, else 0
 * @param reused true when the version was found on the first look, not registered by this run
 * @param bump the bump commit to write, or {@code null}
 * @param cancelRequested true once {@code cancel} was asked
 */
public record RegisterState(
    @JsonProperty("phase") Stage stage,
    String region,
    PackageRegistration registration,
    String packageArn,
    int version,
    boolean reused,
    BumpPlan bump,
    boolean cancelRequested) implements OperationState {

  /** The steps of a registration, each saved as its word. */
  public enum Stage {
    /** Looking for a version with the same artifact and digest (and creating the group if missing). */
    FINDING("Finding"),
    /**
     * None was found: {@code CreateModelPackage} is next, after one more look in case an earlier
     * attempt created it and died.
     */
    REGISTERING("Registering"),
    /** The version exists; waiting for {@code ModelPackageStatus} Completed. */
    VALIDATING("Validating"),
    /** Writing the bump commit. */
    BUMPING("Bumping"),
    /** Finished. */
    DONE("Done");

    private final String word;

    Stage(String word) {
      this.word = word;
    }

    /** The word saved in the state (Jackson also reads the stage back by it) and shown in progress lines. */
    @JsonValue
    public String word() {
      return word;
    }
  }

  public RegisterState {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(registration, "registration");
  }

  @Override
  public String phase() {
    return stage.word();
  }

  RegisterState inStage(Stage next) {
    return new RegisterState(next, region, registration, packageArn, version, reused, bump, cancelRequested);
  }

  RegisterState withPackage(Stage next, String arn, int number, boolean found) {
    return new RegisterState(next, region, registration, arn, number, found, bump, cancelRequested);
  }

  RegisterState cancelling() {
    return new RegisterState(stage, region, registration, packageArn, version, reused, bump, true);
  }
}
