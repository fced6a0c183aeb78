package dev.sagemakergitops.core.git;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Loads file contents from the object database.
 *
 * <p>Files found by scanning a folder are skipped above {@link #MAX_SCANNED_BYTES}: a model manifest
 * is a few kilobytes, and a large {@code .yaml} data file should not cost a full read just to learn
 * it is not a manifest. Only its first {@link #SNIFFED_BYTES} are read, and when they look like a
 * manifest the file is reported rather than skipped. A file the user named is read up to
 * {@link #MAX_NAMED_BYTES}.
 */
final class BlobReader {

  static final int MAX_SCANNED_BYTES = 1 << 20;
  static final int MAX_NAMED_BYTES = 16 << 20;
  /** How much of a file too large to scan is read to tell whether it is a manifest all the same. */
  static final int SNIFFED_BYTES = 64 << 10;

  private final ObjectReader reader;
  private final RepositoryContext context;

  BlobReader(ObjectReader reader, RepositoryContext context) {
    this.reader = reader;
    this.context = context;
  }

  /**
   * The content of a file found by scanning, or {@code null} when it is too large to be a manifest
   * and does not look like one.
   *
   * @throws GitException when it is too large but its first {@link #SNIFFED_BYTES} bytes say it is a
   *     manifest: skipping it would leave a model undeployed without a word
   */
  byte[] readScanned(ObjectId blobId, String path) throws IOException {
    ObjectLoader loader = reader.open(blobId, Constants.OBJ_BLOB);
    if (loader.getSize() <= MAX_SCANNED_BYTES) {
      return loader.getCachedBytes(MAX_SCANNED_BYTES);
    }
    byte[] head;
    try (InputStream in = loader.openStream()) {
      head = in.readNBytes(SNIFFED_BYTES);
    }
    if (ManifestFileFilter.looksLikeManifest(head)) {
      throw new GitException(path + " in " + context.displayName() + " is " + loader.getSize() + " bytes and looks"
          + " like a manifest, but manifests found by scanning folders are read only up to " + MAX_SCANNED_BYTES
          + " bytes (1 MiB); a manifest is a few kilobytes. Check what was committed there (a data file with"
          + " 'kind: ModelDeployment' at its top?), or name the file itself to read it");
    }
    return null;
  }

  /** The content of a file the user named. */
  byte[] readNamed(ObjectId blobId, String path) throws IOException {
    ObjectLoader loader = reader.open(blobId, Constants.OBJ_BLOB);
    if (loader.getSize() > MAX_NAMED_BYTES) {
      throw new GitException(path + " in " + context.displayName() + " is " + loader.getSize()
          + " bytes; a manifest is expected to be far below " + MAX_NAMED_BYTES + " bytes");
    }
    return loader.getCachedBytes(MAX_NAMED_BYTES);
  }
}
