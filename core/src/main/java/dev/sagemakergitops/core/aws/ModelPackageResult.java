package dev.sagemakergitops.core.aws;

/**
 * What {@link ModelPackageLookup} found for {@code group/version}.
 *
 * <p>Not-found cases are values, as is any other failure, so validation can list every problem of a
 * change together. Messages name the group, the version and the region and never carry credentials.
 */
public sealed interface ModelPackageResult
    permits ModelPackageResult.Found, ModelPackageResult.GroupNotFound, ModelPackageResult.VersionNotFound,
        ModelPackageResult.Failed {

  /** The group that was asked for. */
  String group();

  /** The version that was asked for. */
  int version();

  /** The version exists. */
  record Found(ModelPackageVersion modelPackage) implements ModelPackageResult {
    @Override
    public String group() {
      return modelPackage.group();
    }

    @Override
    public int version() {
      return modelPackage.version();
    }
  }

  /** No model package group of that name in the account and region. */
  record GroupNotFound(String group, int version, String region) implements ModelPackageResult {
    public String message() {
      return "model package group '" + group + "' not found in " + region
          + "; register a model into it first, or fix the group name";
    }
  }

  /** The group exists; the version does not (never registered, or deleted). */
  record VersionNotFound(String group, int version, String region) implements ModelPackageResult {
    public String message() {
      return "model package '" + group + "/" + version + "' not found in " + region
          + ": the group exists but has no version " + version + "; register it or fix the version";
    }
  }

  /**
   * SageMaker could not be asked or refused to answer (access denied, throttling that outlasted the
   * retries, no network).
   *
   * @param errorCode AWS's error code, or the SDK's exception name when no answer came
   * @param awsMessage the service's or the SDK's explanation
   */
  record Failed(String group, int version, String region, String errorCode, String awsMessage)
      implements ModelPackageResult {
    public String message() {
      return "could not look up model package '" + group + "/" + version + "' in " + region + ": " + errorCode
          + ": " + awsMessage;
    }
  }
}
