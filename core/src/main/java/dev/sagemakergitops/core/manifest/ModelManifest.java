package dev.sagemakergitops.core.manifest;

/**
 * One model manifest as read from Git: a deployable model in one environment.
 *
 * @param source where the manifest was read from (path, blob id)
 * @param apiVersion always {@link #API_VERSION} for a manifest that loaded
 * @param kind always {@link #KIND}
 * @param metadata the manifest's name and labels
 * @param spec what to train, register, deploy, shadow-test and batch-transform
 */
public record ModelManifest(ManifestSource source, String apiVersion, String kind, Metadata metadata, Spec spec) {

  public static final String API_VERSION = "sagemaker-gitops/v1";
  public static final String KIND = "ModelDeployment";

  /** The manifest's name, unique in its repository. */
  public String name() {
    return metadata.name();
  }
}
