package dev.sagemakergitops.core.git;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Recognises a commit that undoes another, the way people and tools actually write them.
 *
 * <p>{@code git revert} (and GitHub's and GitLab's revert buttons, which run it) writes a subject
 * {@code Revert "<subject>"} and the line {@code This reverts commit <40 hex>.}. That line is
 * searched anywhere in the message, because a squash merge keeps it indented in a bulleted body. When
 * there are several, the first counts. When the line is missing but the subject is
 * {@code Revert "<subject>"} (a squash merge may also append {@code (#123)}), the reverted commit is
 * looked for by subject among the first-parent ancestors, newest first, up to
 * {@link #SUBJECT_SEARCH_LIMIT} commits.
 *
 * <p>This is about commits only. A deployment that SageMaker rolled back is read from the endpoint,
 * by {@code core.health} ({@code Rollback}).
 */
final class RevertCommitDetector {

  static final int SUBJECT_SEARCH_LIMIT = 10_000;

  private static final Pattern TRAILER = Pattern.compile("This reverts commit ([0-9a-fA-F]{40})\\b");
  private static final Pattern SUBJECT = Pattern.compile("^Revert \"(.+)\"(?: \\(#\\d+\\))?$");

  private final RepositoryContext context;

  RevertCommitDetector(RepositoryContext context) {
    this.context = context;
  }

  Optional<RevertInfo> detect(RevWalk walk, RevCommit commit) throws IOException {
    Matcher trailer = TRAILER.matcher(commit.getFullMessage());
    if (trailer.find()) {
      ObjectId reverted = ObjectId.fromString(trailer.group(1).toLowerCase(java.util.Locale.ROOT));
      boolean present = context.repository().getObjectDatabase().has(reverted);
      return Optional.of(new RevertInfo(commit.name(), reverted.name(), present));
    }
    Matcher subject = SUBJECT.matcher(commit.getShortMessage());
    if (subject.matches()) {
      return findBySubject(walk, commit, subject.group(1))
          .map(reverted -> new RevertInfo(commit.name(), reverted.name(), true));
    }
    return Optional.empty();
  }

  private Optional<RevCommit> findBySubject(RevWalk walk, RevCommit revert, String subject) throws IOException {
    RevCommit current = revert;
    for (int seen = 0; seen < SUBJECT_SEARCH_LIMIT && current.getParentCount() > 0; seen++) {
      current = walk.parseCommit(current.getParent(0));
      if (current.getShortMessage().equals(subject)) {
        return Optional.of(current);
      }
    }
    return Optional.empty();
  }
}
