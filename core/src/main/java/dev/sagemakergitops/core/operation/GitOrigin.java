package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.redaction.Redaction;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a manifest came from in Git: the repository, the commit and the file.
 *
 * @param repository the repository as users name it (its {@code origin} URL without credentials,
 *     or its directory when it has no remote)
 * @param commitId the full commit id the manifest was read at
 * @param commitTime the committer time of that commit
 * @param manifestPath the manifest's path in the repository
 * @param manifestBlobId the Git blob id of the manifest's exact bytes
 */
public record GitOrigin(String repository, String commitId, Instant commitTime, String manifestPath,
    String manifestBlobId) {
  public GitOrigin {
    Objects.requireNonNull(repository, "repository");
    repository = Redaction.withoutUrlCredentials(repository);
    Objects.requireNonNull(commitId, "commitId");
    Objects.requireNonNull(manifestPath, "manifestPath");
  }
}
