package dev.sagemakergitops.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The demo's GitOps repository: a real Git repository with a work tree, where the demo commits as a
 * person would and merges pull-request branches (fast-forward, as a squash-free merge would leave
 * them). What the operations read is what is committed; the work tree is only for the user to look
 * at afterwards.
 */
final class DemoRepository implements AutoCloseable {
  static final String MAIN = "main";

  private final Path directory;
  private final Git git;
  private final PersonIdent author = new PersonIdent("Dana Developer", "dana@example.com");

  private DemoRepository(Path directory, Git git) {
    this.directory = directory;
    this.git = git;
  }

  static DemoRepository init(Path directory) {
    try {
      Files.createDirectories(directory);
      Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch(MAIN).call();
      // The repository is the user's to keep: give it a readable origin-less identity of its own.
      git.getRepository().getConfig().setString("user", null, "name", "Dana Developer");
      git.getRepository().getConfig().setString("user", null, "email", "dana@example.com");
      git.getRepository().getConfig().save();
      return new DemoRepository(directory, git);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException("cannot create the demo repository in " + directory + ": " + e.getMessage(), e);
    }
  }

  Path directory() {
    return directory;
  }

  PersonIdent author() {
    return author;
  }

  /** Writes {@code path} in the work tree and commits it on the current branch; returns the commit id. */
  String commit(String path, String text, String message) {
    try {
      Path file = directory.resolve(path);
      Files.createDirectories(java.util.Objects.requireNonNull(file.getParent(), path));
      Files.writeString(file, text, StandardCharsets.UTF_8);
      git.add().addFilepattern(path).call();
      return git.commit().setMessage(message).setAuthor(author).setCommitter(author).call().getName();
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException("cannot commit " + path + ": " + e.getMessage(), e);
    }
  }

  /** Merges {@code branch} into main, fast-forward only, and updates the work tree. */
  void merge(String branch) {
    try {
      ObjectId head = git.getRepository().resolve(branch.startsWith("refs/") ? branch : "refs/heads/" + branch);
      git.merge().include(head).setFastForward(MergeCommand.FastForwardMode.FF_ONLY).call();
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException("cannot merge " + branch + " into main: " + e.getMessage(), e);
    }
  }

  /** The commit main points at. */
  String head() {
    try {
      return git.getRepository().resolve("refs/heads/" + MAIN).getName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
