package dev.sagemakergitops.core.operation.register;

import dev.sagemakergitops.core.operation.OperationState;
import java.util.Objects;

/**
 * Where a registration is. Plain data: the version to register, what was found or created, and
 * the bump commit as strings.
 *
 * @param phase {@value #FINDING}: looking for a version with the same artifact and digest (and
 *     creating the group if missing); {@value #REGISTERING}: none was found, {@code CreateModelPackage}
 *     is next (after one more look, in case an earlier attempt created it and died);
 *     {@value #VALIDATING}: the version exists, waiting for {@code ModelPackageStatus} Completed;
 *     {@value #BUMPING}: writing the bump commit; {@value #DONE}
 * @param region the region of the registry
 * @param registration the version to register
 * @param packageArn the version's ARN once known, else {@code null}
 * @param version its number once known, else 0
 * @param reused true when the version was found on the first look, not registered by this run
 * @param bump the bump commit to write, or {@code null}
 * @param cancelRequested true once {@code cancel} was asked
 */
public record RegisterState(
    String phase,
    String region,
    PackageRegistration registration,
    String packageArn,
    int version,
    boolean reused,
    BumpPlan bump,
    boolean cancelRequested) implements OperationState {

  public static final String FINDING = "Finding";
  public static final String REGISTERING = "Registering";
  public static final String VALIDATING = "Validating";
  public static final String BUMPING = "Bumping";
  public static final String DONE = "Done";

  public RegisterState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(registration, "registration");
  }

  RegisterState inPhase(String next) {
    return new RegisterState(next, region, registration, packageArn, version, reused, bump, cancelRequested);
  }

  RegisterState withPackage(String next, String arn, int number, boolean found) {
    return new RegisterState(next, region, registration, arn, number, found, bump, cancelRequested);
  }

  RegisterState cancelling() {
    return new RegisterState(phase, region, registration, packageArn, version, reused, bump, true);
  }
}
