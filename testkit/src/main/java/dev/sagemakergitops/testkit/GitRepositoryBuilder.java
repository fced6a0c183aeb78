package dev.sagemakergitops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds real Git repositories for tests, one fluent call per thing a developer would do by hand.
 *
 * <pre>{@code
 * try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(tempDir)) {
 *   repo.file("models/churn/prod.yaml", manifest);
 *   String first = repo.commit("Add churn");
 *   repo.branch("bump").checkout("bump").file("models/churn/prod.yaml", bumped);
 *   String second = repo.commit("Bump churn");
 * }
 * }</pre>
 *
 * <p>Every commit has the same author and committer ({@link #AUTHOR_NAME}, {@link #AUTHOR_EMAIL})
 * and a time taken from a {@link MutableClock} that moves one minute after each commit, so the same
 * calls give the same commit ids on every machine. The repository lives on disk with a work tree,
 * exactly like one made by {@code git init}, so the git CLI can read and change it too.
 */
public final class GitRepositoryBuilder implements AutoCloseable {

  public static final String AUTHOR_NAME = "Test Author";
  public static final String AUTHOR_EMAIL = "author@example.com";
  public static final String INITIAL_BRANCH = "main";

  private static final Duration TIME_BETWEEN_COMMITS = Duration.ofMinutes(1);

  private final Git git;
  private final Path workTree;
  private final MutableClock clock;

  private GitRepositoryBuilder(Git git, Path workTree, MutableClock clock) {
    this.git = git;
    this.workTree = workTree;
    this.clock = clock;
  }

  /** Creates an empty repository with a work tree in {@code dir} (created if missing), on branch {@code main}. */
  public static GitRepositoryBuilder init(Path dir) {
    return init(dir, MutableClock.startingAtDefault());
  }

  /** Like {@link #init(Path)}, with commit times read from {@code clock} (which tests may move). */
  public static GitRepositoryBuilder init(Path dir, MutableClock clock) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(dir);
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(INITIAL_BRANCH).call();
      return new GitRepositoryBuilder(git, dir, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the repository folder " + dir, e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot initialise a Git repository in " + dir, e);
    }
  }

  /**
   * Opens an existing repository with a work tree to add to it. The clock starts one minute after
   * the commit {@code HEAD} points at, so new commits stay in time order after earlier ones.
   */
  public static GitRepositoryBuilder open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      Git git = Git.open(dir.toFile());
      Instant start = MutableClock.DEFAULT_START;
      var head = git.getRepository().resolve("HEAD");
      if (head != null) {
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(git.getRepository())) {
          start = walk.parseCommit(head).getCommitterIdent().getWhenAsInstant().plus(TIME_BETWEEN_COMMITS);
        }
      }
      return new GitRepositoryBuilder(git, dir, MutableClock.at(start));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the Git repository in " + dir, e);
    }
  }

  /** Writes {@code text} (UTF-8) to {@code path}, relative to the work tree, creating folders as needed. */
  public GitRepositoryBuilder file(String path, String text) {
    Path target = resolveInWorkTree(path);
    try {
      // Inside the work tree, so there is always a parent folder.
      Files.createDirectories(java.util.Objects.requireNonNull(target.getParent(), path));
      Files.writeString(target, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + " in " + workTree, e);
    }
    return this;
  }

  /** Deletes {@code path} from the work tree; the next {@link #commit(String)} records the removal. */
  public GitRepositoryBuilder delete(String path) {
    try {
      if (!Files.deleteIfExists(resolveInWorkTree(path))) {
        throw new IllegalArgumentException("cannot delete " + path + ": no such file in " + workTree);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + " in " + workTree, e);
    }
    return this;
  }

  /**
   * Stages every change in the work tree (additions, edits and deletions, like {@code git add -A})
   * and commits it. Returns the full commit id.
   */
  public String commit(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent ident = new PersonIdent(AUTHOR_NAME, AUTHOR_EMAIL, clock.instant(), ZoneOffset.UTC);
      RevCommit commit = git.commit()
          .setMessage(message)
          .setAuthor(ident)
          .setCommitter(ident)
          .setAllowEmpty(true)
          .setSign(false)
          .call();
      clock.advance(TIME_BETWEEN_COMMITS);
      return commit.getName();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot commit '" + message + "' in " + workTree, e);
    }
  }

  /** Creates branch {@code name} at the current commit, without switching to it. */
  public GitRepositoryBuilder branch(String name) {
    try {
      git.branchCreate().setName(name).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create branch " + name + " in " + workTree, e);
    }
    return this;
  }

  /** Switches the work tree to a branch, a tag or a commit id (the last two detach HEAD). */
  public GitRepositoryBuilder checkout(String name) {
    try {
      git.checkout().setName(name).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot check out " + name + " in " + workTree, e);
    }
    return this;
  }

  /**
   * Merges branch {@code name} into the checked-out branch, fast-forward only, as a pull request
   * merged without a merge commit leaves it; refuses when the branch does not descend from it.
   */
  public GitRepositoryBuilder fastForward(String name) {
    try {
      var tip = git.getRepository().resolve(name.startsWith("refs/") ? name : "refs/heads/" + name);
      if (tip == null) {
        throw new IllegalArgumentException("cannot merge " + name + ": no such branch in " + workTree);
      }
      var merged = git.merge().include(tip).setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.FF_ONLY)
          .call();
      if (!merged.getMergeStatus().isSuccessful()) {
        throw new IllegalStateException("cannot fast-forward to " + name + " in " + workTree + ": "
            + merged.getMergeStatus());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read branch " + name + " in " + workTree, e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot fast-forward to " + name + " in " + workTree, e);
    }
    return this;
  }

  /** Creates a lightweight tag at the current commit. */
  public GitRepositoryBuilder tag(String name) {
    try {
      git.tag().setName(name).setAnnotated(false).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create tag " + name + " in " + workTree, e);
    }
    return this;
  }

  /** Creates an annotated tag at the current commit, tagged by the fixed author at the clock's time. */
  public GitRepositoryBuilder annotatedTag(String name, String message) {
    try {
      git.tag()
          .setName(name)
          .setAnnotated(true)
          .setMessage(message)
          .setTagger(new PersonIdent(AUTHOR_NAME, AUTHOR_EMAIL, clock.instant(), ZoneOffset.UTC))
          .setSigned(false)
          .call();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create tag " + name + " in " + workTree, e);
    }
    return this;
  }

  /** The work tree folder (its {@code .git} folder holds the repository). */
  public Path directory() {
    return workTree;
  }

  /** The clock commit times come from; move it to control the time of the next commit. */
  public MutableClock clock() {
    return clock;
  }

  /** The time the next commit will carry. */
  public Instant nextCommitTime() {
    return clock.instant();
  }

  /** Releases the repository's open files; the repository itself stays on disk. */
  @Override
  public void close() {
    git.close();
  }

  private Path resolveInWorkTree(String path) {
    Objects.requireNonNull(path, "path");
    Path target = workTree.resolve(path).normalize();
    if (!target.startsWith(workTree.normalize()) || target.equals(workTree.normalize())) {
      throw new IllegalArgumentException("path " + path + " must name a file inside " + workTree);
    }
    return target;
  }
}
