package dev.sagemakergitops.core.operation.register;

import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.PlainValues;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A registered model package version.
 *
 * @param packageArn the version's ARN
 * @param group the model package group
 * @param version the version number in the group
 * @param approvalStatus its {@code ModelApprovalStatus}
 * @param reused true when the group already held a version with the same artifact and image digest
 *     (nothing was registered), false when this run registered it
 * @param bumpBranch the branch the bump commit is on, or {@code null} when none was asked for or needed
 * @param bumpCommit the bump commit's id, or {@code null} likewise
 */
public record RegisterResult(String packageArn, String group, int version, String approvalStatus, boolean reused,
    String bumpBranch, String bumpCommit) implements Recordable {

  public RegisterResult {
    Objects.requireNonNull(packageArn, "packageArn");
    Objects.requireNonNull(group, "group");
  }

  /** {@code group/version}: the value of a manifest's {@code spec.model.package}. */
  public String modelPackage() {
    return group + "/" + version;
  }

  @Override
  public Map<String, Object> recordSummary() {
    return PlainValues.toMap(this);
  }

  @Override
  public List<RecordedResource> recordResources() {
    String name = group + "/" + version;
    return List.of(reused ? RecordedResource.reused("model-package", name, packageArn)
        : RecordedResource.created("model-package", name, packageArn));
  }

  @Override
  public java.util.Optional<Lineage> recordLineage() {
    return java.util.Optional.of(Lineage.none().withModelPackage(packageArn));
  }
}
