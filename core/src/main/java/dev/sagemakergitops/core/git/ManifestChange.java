package dev.sagemakergitops.core.git;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One manifest that differs between the two commits of a {@link ManifestDiff}.
 *
 * @param kind added, changed or removed
 * @param path relative to the repository root, with {@code /} separators
 * @param oldBlobId the blob at the base commit; {@code null} when {@link ChangeKind#ADDED}
 * @param newBlobId the blob at the head commit; {@code null} when {@link ChangeKind#REMOVED}
 * @param oldContent the bytes at the base commit; {@code null} when added
 * @param newContent the bytes at the head commit; {@code null} when removed
 * @param lastCommit the newest commit between base and head that changed this path, as
 *     {@code git log -1 base..head -- path} would name it; {@code null} when no such commit is in
 *     the repository (a shallow clone that stops before it, or a head that is not a descendant of
 *     the base)
 */
public record ManifestChange(
    ChangeKind kind,
    String path,
    String oldBlobId,
    String newBlobId,
    byte[] oldContent,
    byte[] newContent,
    CommitInfo lastCommit) {

  public ManifestChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    if ((oldBlobId == null) != (oldContent == null) || (newBlobId == null) != (newContent == null)) {
      throw new IllegalArgumentException("a side of a change has both a blob id and content, or neither: " + path);
    }
    boolean expectOld = kind != ChangeKind.ADDED;
    boolean expectNew = kind != ChangeKind.REMOVED;
    if ((oldBlobId != null) != expectOld || (newBlobId != null) != expectNew) {
      throw new IllegalArgumentException(kind + " change of " + path + " has the wrong sides");
    }
    oldContent = oldContent == null ? null : oldContent.clone();
    newContent = newContent == null ? null : newContent.clone();
  }

  @Override
  public byte[] oldContent() {
    return oldContent == null ? null : oldContent.clone();
  }

  @Override
  public byte[] newContent() {
    return newContent == null ? null : newContent.clone();
  }

  /** The base side as UTF-8 text, or {@code null} when added. */
  public String oldText() {
    return oldContent == null ? null : new String(oldContent, StandardCharsets.UTF_8);
  }

  /** The head side as UTF-8 text, or {@code null} when removed. */
  public String newText() {
    return newContent == null ? null : new String(newContent, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ManifestChange that
        && kind == that.kind
        && path.equals(that.path)
        && Objects.equals(oldBlobId, that.oldBlobId)
        && Objects.equals(newBlobId, that.newBlobId)
        && Arrays.equals(oldContent, that.oldContent)
        && Arrays.equals(newContent, that.newContent)
        && Objects.equals(lastCommit, that.lastCommit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, path, oldBlobId, newBlobId, lastCommit);
  }

  @Override
  public String toString() {
    return "ManifestChange[" + kind + " " + path + ", " + oldBlobId + " -> " + newBlobId
        + ", lastCommit=" + (lastCommit == null ? "unknown" : lastCommit.abbreviatedId()) + "]";
  }
}
