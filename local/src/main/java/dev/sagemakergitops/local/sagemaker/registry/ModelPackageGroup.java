package dev.sagemakergitops.local.sagemaker.registry;

import java.time.Instant;

/**
 * A model package group: the versioned registry entry that model packages are registered into.
 *
 * @param region the region it lives in
 * @param name {@code ModelPackageGroupName}, as given
 * @param arn {@code arn:aws:sagemaker:<region>:<account>:model-package-group/<name>}
 * @param description {@code ModelPackageGroupDescription}, or {@code null}
 * @param creationTime when it was created
 * @param nextVersion the version the next package registered into it gets (1, 2, 3, ...)
 */
public record ModelPackageGroup(String region, String name, String arn, String description, Instant creationTime,
    int nextVersion) {

  ModelPackageGroup withNextVersion(int version) {
    return new ModelPackageGroup(region, name, arn, description, creationTime, version);
  }
}
