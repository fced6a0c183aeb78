package dev.sagemakergitops.core.git;

import java.io.IOException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Turns what a user or CI system writes for a revision ({@code main}, {@code origin/main},
 * {@code v1.2}, {@code HEAD~2}, a full or short commit id) into a commit, with errors that say what
 * was expected and, where it helps, what to try instead.
 */
final class RefResolver {

  private final RepositoryContext context;

  RefResolver(RepositoryContext context) {
    this.context = context;
  }

  RevCommit resolve(RevWalk walk, String ref) throws IOException {
    if (ref == null || ref.isBlank()) {
      throw new GitRefNotFoundException(ref, "no ref given for " + context.displayName()
          + "; expected a commit id, branch, tag or HEAD~N");
    }
    ObjectId id;
    try {
      id = context.repository().resolve(ref);
    } catch (AmbiguousObjectException e) {
      throw new GitRefNotFoundException(ref, "ref '" + ref + "' is ambiguous in " + context.displayName()
          + ": it abbreviates " + e.getCandidates().size() + " objects; give more hex digits of the commit id", e);
    } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
      throw notFound(ref, e);
    }
    if (id == null) {
      throw notFound(ref, null);
    }
    RevObject object;
    try {
      // An annotated tag points at a tag object; peel it down to what it tags.
      object = walk.peel(walk.parseAny(id));
    } catch (MissingObjectException e) {
      throw notFound(ref, e);
    }
    if (!(object instanceof RevCommit commit)) {
      throw new GitRefNotFoundException(ref, "ref '" + ref + "' in " + context.displayName() + " names a "
          + Constants.typeString(object.getType()) + ", not a commit; expected a commit id, branch, tag or HEAD~N");
    }
    walk.parseBody(commit);
    return commit;
  }

  private GitRefNotFoundException notFound(String ref, Exception cause) {
    StringBuilder message = new StringBuilder()
        .append("ref '").append(ref).append("' not found in ").append(context.displayName())
        .append("; expected a commit id, branch, tag or HEAD~N");
    if (!ref.contains("/") && hasRemoteBranch("origin/" + ref)) {
      message.append(". CI checkouts often have the branch only as a remote branch: try 'origin/")
          .append(ref).append("'");
    }
    if (context.isShallow()) {
      message.append(". This is a shallow clone, so older commits are missing: fetch more history "
          + "(git fetch --deepen=N, or --unshallow)");
    }
    return new GitRefNotFoundException(ref, message.toString(), cause);
  }

  private boolean hasRemoteBranch(String name) {
    try {
      return context.repository().exactRef(Constants.R_REMOTES + name) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
