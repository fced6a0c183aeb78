package dev.sagemakergitops.core.git;

import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Loads file contents from the object database.
 *
 * <p>Files found by scanning a folder are skipped above {@link #MAX_SCANNED_BYTES}: a model manifest
 * is a few kilobytes, and a large {@code .yaml} data file should not cost a full read just to learn
 * it is not a manifest. A file the user named is read up to {@link #MAX_NAMED_BYTES}.
 */
final class BlobReader {

  static final int MAX_SCANNED_BYTES = 1 << 20;
  static final int MAX_NAMED_BYTES = 16 << 20;

  private final ObjectReader reader;
  private final RepositoryContext context;

  BlobReader(ObjectReader reader, RepositoryContext context) {
    this.reader = reader;
    this.context = context;
  }

  /** The content of a file found by scanning, or {@code null} when it is too large to be a manifest. */
  byte[] readScanned(ObjectId blobId) throws IOException {
    ObjectLoader loader = reader.open(blobId, Constants.OBJ_BLOB);
    return loader.getSize() > MAX_SCANNED_BYTES ? null : loader.getCachedBytes(MAX_SCANNED_BYTES);
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
