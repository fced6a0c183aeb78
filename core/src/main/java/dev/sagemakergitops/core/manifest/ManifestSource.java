package dev.sagemakergitops.core.manifest;

/**
 * Where a manifest's text came from.
 *
 * @param path the file's path relative to the repository root, with '/' separators
 * @param blobId the Git blob id of the text, or {@code null} when it was not read from Git
 */
public record ManifestSource(String path, String blobId) {
  public static ManifestSource file(String path) {
    return new ManifestSource(path, null);
  }
}
