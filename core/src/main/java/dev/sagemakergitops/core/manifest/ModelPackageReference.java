package dev.sagemakergitops.core.manifest;

/**
 * A versioned model package: {@code group/version}, the value a pull request bumps.
 *
 * @param group the model package group name
 * @param version 1 or more
 */
public record ModelPackageReference(String group, int version) {

  public ModelPackageReference {
    if (version < 1) {
      throw new IllegalArgumentException("model package versions start at 1, got " + version);
    }
  }

  @Override
  public String toString() {
    return group + "/" + version;
  }
}
