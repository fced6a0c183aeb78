package dev.sagemakergitops.core.git;

import dev.sagemakergitops.core.redaction.Redaction;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A Git repository as sagemaker-gitops sees it: manifests at a commit, manifests that changed between
 * two commits, reverts, and the commits it writes (package bumps and reverts).
 *
 * <p>Reading never looks at the work tree or the index: everything comes from the object database,
 * so the answer is the same for a dirty checkout, a detached CI checkout and a bare mirror. Writing
 * puts objects into the database and moves one branch ref; the work tree and the index stay as they
 * were. See the package documentation for the details.
 *
 * <p>One instance may be used by one thread at a time; close it to release open pack files.
 */
public final class GitRepository implements AutoCloseable {

  private final RepositoryContext context;
  private final RefResolver resolver;
  private final CommitWriter writer;

  private GitRepository(Repository repository, Clock clock) {
    this.context = new RepositoryContext(repository);
    this.resolver = new RefResolver(context);
    this.writer = new CommitWriter(context, clock);
  }

  /**
   * Opens the repository that holds {@code dir}: a work tree or any folder inside it, a linked work
   * tree, or a bare repository. Commit times of written commits come from the system clock.
   *
   * @throws GitException when no repository is found at or above {@code dir}
   */
  public static GitRepository open(Path dir) {
    return open(dir, Clock.systemDefaultZone());
  }

  /** Like {@link #open(Path)}, with commit times of written commits taken from {@code clock}. */
  public static GitRepository open(Path dir, Clock clock) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(clock, "clock");
    if (!Files.isDirectory(dir)) {
      throw new GitException("cannot open a Git repository at " + dir + ": no such folder; expected the "
          + "repository's work tree, a folder inside it, or a bare repository");
    }
    File start = dir.toAbsolutePath().normalize().toFile();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true).findGitDir(start);
    if (builder.getGitDir() == null) {
      throw new GitException("no Git repository found at or above " + start + "; expected the repository's "
          + "work tree, a folder inside it, or a bare repository (run sagemaker-gitops inside the checkout)");
    }
    try {
      return new GitRepository(builder.build(), clock);
    } catch (IOException e) {
      throw new GitException("cannot open the Git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
    }
  }

  /** The folder users know the repository by: the work tree, or the git folder of a bare repository. */
  public Path directory() {
    return Path.of(context.displayName());
  }

  /**
   * The name lineage records for this repository: the {@code origin} remote's URL with any user
   * name or password removed (a token in a CI clone URL must never reach a tag), else the
   * directory.
   */
  public String lineageName() {
    String url = context.repository().getConfig().getString("remote", "origin", "url");
    if (url == null || url.isBlank()) {
      return directory().toString();
    }
    return Redaction.withoutUrlCredentials(url.trim());
  }

  /** True when this is a shallow clone ({@code git clone --depth N}): history stops at some commits. */
  public boolean isShallow() {
    return context.isShallow();
  }

  /**
   * Whether commit {@code descendant} descends from commit {@code ancestor} (or is it), as
   * {@code git merge-base --is-ancestor} tells; empty when either commit is not in this repository
   * (a shallow clone, a commit from elsewhere), since then the order is unknown.
   */
  public Optional<Boolean> descendsFrom(String descendant, String ancestor) {
    return read(reader -> {
      try (RevWalk walk = new RevWalk(reader)) {
        var repository = context.repository();
        var descendantId = repository.resolve(descendant + "^{commit}");
        var ancestorId = repository.resolve(ancestor + "^{commit}");
        if (descendantId == null || ancestorId == null) {
          return Optional.<Boolean>empty();
        }
        return Optional.of(walk.isMergedInto(walk.parseCommit(ancestorId), walk.parseCommit(descendantId)));
      } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
        return Optional.<Boolean>empty();
      }
    });
  }

  /**
   * Resolves a revision as {@code git rev-parse} does: a full or short commit id, a branch, a remote
   * branch ({@code origin/main}), a tag (annotated tags are peeled to their commit), {@code HEAD},
   * {@code HEAD~2}, {@code main^}.
   *
   * @throws GitRefNotFoundException when it names no commit; the message names the ref and the repository
   */
  public ResolvedCommit resolve(String ref) {
    return read(reader -> {
      try (RevWalk walk = new RevWalk(reader)) {
        return resolvedCommit(resolver.resolve(walk, ref));
      }
    });
  }

  /**
   * The manifests in the commit {@code ref} names, sorted by path.
   *
   * @param paths files or folders relative to the repository root; empty means the whole tree. A
   *     folder contributes the files {@link ManifestFileFilter} accepts; a file named directly is
   *     returned whatever it contains, so the loader can report what is wrong with it
   * @throws GitPathNotFoundException when a named path is in neither form in that commit
   */
  public List<ManifestFile> readManifests(String ref, List<String> paths) {
    RepositoryPaths selection = RepositoryPaths.of(paths, context.workTree());
    return read(reader -> {
      try (RevWalk walk = new RevWalk(reader)) {
        RevCommit commit = resolver.resolve(walk, ref);
        return new ManifestTreeReader(context).read(reader, commit, ref, selection);
      }
    });
  }

  /**
   * The manifests that differ between {@code baseRef} and {@code headRef} (compared tree to tree, as
   * {@code git diff base head}), each with the newest commit in {@code base..head} that changed it.
   *
   * <p>A path counts when either side is a manifest, so a file that stops looking like one is still
   * reported (and validated). A renamed manifest appears as removed plus added.
   *
   * @param paths as for {@link #readManifests(String, List)}; a named path must exist on at least one side
   */
  public ManifestDiff diff(String baseRef, String headRef, List<String> paths) {
    RepositoryPaths selection = RepositoryPaths.of(paths, context.workTree());
    return read(reader -> {
      try (RevWalk walk = new RevWalk(reader)) {
        RevCommit base = resolver.resolve(walk, baseRef);
        RevCommit head = resolver.resolve(walk, headRef);
        List<ManifestChange> changes =
            new ManifestDiffer(context).diff(reader, base, baseRef, head, headRef, selection);
        return new ManifestDiff(resolvedCommit(base), resolvedCommit(head), changes);
      }
    });
  }

  /**
   * Like {@link #diff(String, String, List)}, and applies {@code meanwhile} to the changes while the
   * walk that finds each change's last commit is still running, so work on the contents (a plan
   * parses them) overlaps that walk instead of waiting for it. {@code meanwhile} gets the same
   * changes as the returned diff, in the same order, with {@link ManifestChange#lastCommit()} still
   * {@code null}; it runs on the calling thread, and its exceptions pass through once the walk has
   * ended.
   */
  public <T> ManifestDiff.WithWork<T> diff(String baseRef, String headRef, List<String> paths,
      Function<List<ManifestChange>, T> meanwhile) {
    Objects.requireNonNull(meanwhile, "meanwhile");
    RepositoryPaths selection = RepositoryPaths.of(paths, context.workTree());
    return read(reader -> {
      try (RevWalk walk = new RevWalk(reader)) {
        RevCommit base = resolver.resolve(walk, baseRef);
        RevCommit head = resolver.resolve(walk, headRef);
        ManifestDiffer.Overlapped<T> diff =
            new ManifestDiffer(context).diff(reader, base, baseRef, head, headRef, selection, meanwhile);
        return new ManifestDiff.WithWork<>(
            new ManifestDiff(resolvedCommit(base), resolvedCommit(head), diff.changes()), diff.meanwhile());
      }
    });
  }

  /**
   * Tells whether the commit {@code ref} names reverts another, by the {@code This reverts commit
   * <id>.} line {@code git revert} writes (or, failing that, a {@code Revert "<subject>"} subject whose
   * original is found in the history).
   */
  public Optional<RevertInfo> revertOf(String ref) {
    return read(reader -> {
      try (RevWalk walk = new RevWalk(reader)) {
        return new RevertCommitDetector(context).detect(walk, resolver.resolve(walk, ref));
      }
    });
  }

  /**
   * Commits a new model package version for one manifest, on {@code branch}, without a checkout.
   *
   * <p>The new commit's parent is {@code startRef} when given, otherwise the branch's tip; the branch
   * is created, or moved to the new commit even if that is not a fast-forward. Only the value of
   * {@code spec.model.package} changes: comments, quoting and layout stay byte for byte. When the
   * manifest already names {@code newPackage}, nothing is written and the result's
   * {@link CommitResult#changed()} is false.
   *
   * @param branch the branch to write, with or without {@code refs/heads/}; it must not be the branch
   *     checked out in the work tree (which would then look modified)
   * @param startRef the commit to build on, or {@code null} to build on the existing branch
   * @param manifestPath relative to the repository root
   * @param newPackage the new {@code group/version}, for example {@code churn/8}
   * @param author the author and committer; its time is ignored in favour of the clock's, and
   *     {@code null} means {@code sagemaker-gitops <sagemaker-gitops@localhost>}
   * @param message the commit message, or {@code null} for
   *     {@code Bump <metadata.name> to model package <newPackage>}
   */
  public CommitResult bumpPackageVersion(String branch, String startRef, String manifestPath, String newPackage,
      PersonIdent author, String message) {
    return write(() -> new PackageVersionBumper(context, resolver, writer)
        .bump(branch, startRef, manifestPath, newPackage, author, message));
  }

  /**
   * Like {@link #bumpPackageVersion}, for production variant {@code variant}'s own model
   * ({@code spec.endpoint.variants[].model.package}); a variant serving {@code spec.model} gets a
   * {@code model:} block with the package. The default message is
   * {@code Bump <metadata.name> variant <variant> to model package <newPackage>}.
   */
  public CommitResult bumpVariantPackageVersion(String branch, String startRef, String manifestPath, String variant,
      String newPackage, PersonIdent author, String message) {
    return write(() -> new PackageVersionBumper(context, resolver, writer)
        .bump(branch, startRef, manifestPath, variant, newPackage, author, message));
  }

  /**
   * Commits the revert of {@code commitToRevert} on {@code branch}, with the message
   * {@code git revert} writes: {@code Revert "<subject>"}, a blank line, and
   * {@code This reverts commit <id>.}. When the change is already undone, nothing is written and the
   * result's {@link CommitResult#changed()} is false.
   *
   * @param startRef the commit to build on, or {@code null} to build on the existing branch
   * @throws GitRevertConflictException when later commits changed the same lines; names the paths
   * @throws GitException for a merge commit, or a commit whose parent a shallow clone lacks
   */
  public CommitResult revertCommit(String branch, String startRef, String commitToRevert, PersonIdent author) {
    return write(() -> new CommitReverter(context, resolver, writer).revert(branch, startRef, commitToRevert, author));
  }

  /** The branch checked out (without {@code refs/heads/}), or empty for a detached HEAD or a bare repository. */
  public Optional<String> checkedOutBranch() {
    try {
      String full = context.repository().getFullBranch();
      return full != null && full.startsWith("refs/heads/") && !context.repository().isBare()
          ? Optional.of(full.substring("refs/heads/".length())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The remote {@code remote} names: a remote of this repository ({@code origin}), a
   * {@code codecommit::REGION://REPOSITORY} URL, or any URL or path git pushes to.
   *
   * @throws GitException when it is none of these
   */
  public GitRemote remote(String remote) {
    return GitRemote.resolve(context.repository(), remote);
  }

  /**
   * Pushes {@code branch} to {@code remote}, replacing what sagemaker-gitops pushed there before but
   * never someone else's commits ({@link BranchPush}).
   *
   * @throws BranchPushException when the push did not happen (refused, unreachable, someone else's commits)
   * @throws GitException when the branch does not exist here
   */
  public PushOutcome push(String branch, GitRemote remote, GitCredentials credentials) {
    try {
      return new BranchPush(context).push(branch, remote, credentials);
    } catch (IOException e) {
      throw new GitException("could not read " + context.displayName() + " while pushing branch '" + branch + "': "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    context.repository().close();
  }

  static CommitInfo commitInfo(RevCommit commit) {
    PersonIdent author = commit.getAuthorIdent();
    return new CommitInfo(commit.name(), commit.getShortMessage(), author.getName(), author.getEmailAddress(),
        commit.getCommitterIdent().getWhenAsInstant());
  }

  static ResolvedCommit resolvedCommit(RevCommit commit) {
    PersonIdent author = commit.getAuthorIdent();
    List<String> parents = new ArrayList<>(commit.getParentCount());
    for (RevCommit parent : commit.getParents()) {
      parents.add(parent.name());
    }
    return new ResolvedCommit(commit.name(), commit.getShortMessage(), author.getName(), author.getEmailAddress(),
        commit.getCommitterIdent().getWhenAsInstant(), parents);
  }

  private <T> T read(ReadOperation<T> operation) {
    try (ObjectReader reader = context.repository().newObjectReader()) {
      return operation.apply(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Git repository " + context.displayName()
          + ": " + e.getMessage(), e);
    }
  }

  private <T> T write(WriteOperation<T> operation) {
    try {
      return operation.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the Git repository " + context.displayName()
          + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface ReadOperation<T> {
    T apply(ObjectReader reader) throws IOException;
  }

  @FunctionalInterface
  private interface WriteOperation<T> {
    T run() throws IOException;
  }
}
