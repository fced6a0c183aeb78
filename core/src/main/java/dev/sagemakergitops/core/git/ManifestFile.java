package dev.sagemakergitops.core.git;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One file as it is stored in a commit.
 *
 * @param path relative to the repository root, with {@code /} separators, for example
 *     {@code models/churn/prod.yaml}
 * @param blobId the full Git blob id, equal to {@code git rev-parse <commit>:<path>}; it identifies
 *     the exact bytes, so it goes into lineage tags
 * @param content the bytes of the file, exactly as committed
 */
public record ManifestFile(String path, String blobId, byte[] content) {

  public ManifestFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(blobId, "blobId");
    // Copied in and out so that the record stays a value: nobody can change a read file afterwards.
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content decoded as UTF-8, the encoding YAML 1.2 files use. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ManifestFile that
        && path.equals(that.path) && blobId.equals(that.blobId) && Arrays.equals(content, that.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, blobId);
  }

  @Override
  public String toString() {
    return "ManifestFile[path=" + path + ", blobId=" + blobId + ", " + content.length + " bytes]";
  }
}
