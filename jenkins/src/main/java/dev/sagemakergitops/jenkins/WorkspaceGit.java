package dev.sagemakergitops.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportBundleStream;
import org.eclipse.jgit.transport.URIish;

/**
 * Git in a workspace on an agent, read where it is. The controller cannot open an agent's files,
 * and the steps must not need a build on the controller (Jenkins' controller-isolation guidance).
 * So the step asks the agent, through {@code FilePath.act}, for its clone as a Git bundle (every
 * ref and the objects they reach, JGit's {@link BundleWriter}), and keeps it as a copy in the
 * build's own folder on the controller ({@value #COPY}): what the operations read while they wait,
 * with no workspace and no executor, and again after a restart. A branch a step writes in the copy
 * (a bump or revert commit) goes back the same way, fetched into the workspace's clone on the agent,
 * where the Pipeline pushes it with its own Git credentials.
 *
 * <p>The agent side reads only the given folder's own {@code .git} and refuses anything else; the
 * controller side writes only inside the build's folder.
 */
final class WorkspaceGit {
  /** The folder in the build's folder that holds the copy. */
  static final String COPY = "sagemaker-gitops-git";

  private static final String NO_HEAD = "refs/sagemaker-gitops/unborn";

  private WorkspaceGit() {}

  /**
   * Copies the clone at {@code clone} (on whichever node holds it) into {@code copy}, made or
   * refreshed: every ref of the clone, and {@code HEAD} at the commit the clone's {@code HEAD} is at.
   */
  static void copy(FilePath clone, Path copy) throws IOException, InterruptedException {
    Snapshot snapshot = clone.act(new TakeSnapshot());
    if (!Files.exists(copy.resolve(Constants.DOT_GIT))) {
      Files.createDirectories(copy);
      try (Git git = Git.init().setDirectory(copy.toFile()).setInitialBranch("main").call()) {
        // HEAD points nowhere until the fetch, so that fetching the clone's refs never updates a checked-out branch.
        git.getRepository().updateRef(Constants.HEAD).link(NO_HEAD);
      } catch (GitAPIException e) {
        throw new IOException("could not make the copy of the workspace's Git repository in " + copy, e);
      }
    }
    try (Repository repository = open(copy.toFile())) {
      fetch(repository, snapshot.bundle(), List.of(new RefSpec("+refs/*:refs/*")));
      if (snapshot.head() != null) {
        RefUpdate head = repository.updateRef(Constants.HEAD, true);
        head.setNewObjectId(ObjectId.fromString(snapshot.head()));
        head.forceUpdate();
      }
    }
  }

  /** Whether {@code copy} holds a copy made by {@link #copy}. */
  static boolean exists(Path copy) {
    return Files.isDirectory(copy.resolve(Constants.DOT_GIT));
  }

  /**
   * Sends {@code branch} of {@code copy}, if it has one, back to the clone at {@code clone}; true
   * when it did.
   */
  static boolean returnBranch(Path copy, String branch, FilePath clone) throws IOException, InterruptedException {
    String name = Constants.R_HEADS + branch;
    byte[] bundle;
    try (Repository repository = open(copy.toFile())) {
      Ref ref = repository.exactRef(name);
      if (ref == null) {
        return false;
      }
      BundleWriter writer = new BundleWriter(repository);
      writer.include(ref);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writer.writeBundle(NullProgressMonitor.INSTANCE, out);
      bundle = out.toByteArray();
    }
    clone.act(new FetchBranch(bundle, name));
    return true;
  }

  private static Repository open(File directory) throws IOException {
    return new FileRepositoryBuilder().setWorkTree(directory).setMustExist(true).build();
  }

  private static void fetch(Repository repository, byte[] bundle, List<RefSpec> refs) throws IOException {
    try (Transport transport = new TransportBundleStream(repository, new URIish("bundle"),
        new ByteArrayInputStream(bundle))) {
      transport.fetch(NullProgressMonitor.INSTANCE, refs);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The clone's refs and objects as a bundle, and the commit its {@code HEAD} is at. */
  record Snapshot(byte[] bundle, String head) implements Serializable {}

  /** Runs on the node that holds the clone: bundles it. */
  private static final class TakeSnapshot extends MasterToSlaveFileCallable<Snapshot> {
    private static final long serialVersionUID = 1L;

    @Override
    public Snapshot invoke(File directory, VirtualChannel channel) throws IOException {
      if (!new File(directory, Constants.DOT_GIT).exists()) {
        throw new AbortException(directory + " is not a Git clone (it has no .git); check out there first (checkout"
            + " scm), or pass repository: 'the clone's folder in the workspace'");
      }
      try (Repository repository = open(directory)) {
        BundleWriter writer = new BundleWriter(repository);
        int refs = 0;
        for (Ref ref : repository.getRefDatabase().getRefs()) {
          if (ref.getObjectId() != null && !ref.isSymbolic()) {
            writer.include(ref);
            refs++;
          }
        }
        ObjectId head = repository.resolve(Constants.HEAD);
        if (head != null) {
          // A detached HEAD (what checkout scm leaves) is no ref: keep its commit under a name of ours.
          writer.include("refs/sagemaker-gitops/head", head);
          refs++;
        }
        if (refs == 0) {
          throw new AbortException(directory + " is a Git clone without a commit; check out the manifests' repository");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeBundle(NullProgressMonitor.INSTANCE, out);
        return new Snapshot(out.toByteArray(), head == null ? null : head.name());
      }
    }
  }

  /** Runs on the node that holds the clone: fetches one branch from a bundle into it. */
  private static final class FetchBranch extends MasterToSlaveFileCallable<Void> {
    private static final long serialVersionUID = 1L;

    private final byte[] bundle;
    private final String ref;

    FetchBranch(byte[] bundle, String ref) {
      this.bundle = bundle.clone();
      this.ref = ref;
    }

    @Override
    public Void invoke(File directory, VirtualChannel channel) throws IOException {
      try (Repository repository = open(directory)) {
        fetch(repository, bundle, List.of(new RefSpec("+" + ref + ":" + ref)));
      }
      return null;
    }
  }
}
