package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.IntegrationPhase;
import hudson.AbortException;
import hudson.FilePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git in a workspace that the controller cannot open, read through {@code FilePath.act} and kept as
 * a copy in the build's folder; branches the steps write there go back to the workspace. Here the
 * workspace's {@code FilePath} is local, so {@code act} runs in this JVM, as it runs on the agent.
 */
@IntegrationPhase
class WorkspaceGitTest {
  private static final AdminPolicy DEFAULT = new AdminPolicy(false, false, List.of("127.0.0.1"));

  @TempDir Path directory;

  private LocalSetup setup;
  private Path agentWorkspace;
  private Path buildFolder;

  @BeforeEach
  void start() throws GitAPIException, IOException {
    setup = new LocalSetup(directory);
    // The agent's workspace as checkout scm leaves it: a clone with a detached HEAD at the build's commit.
    agentWorkspace = directory.resolve("agent/workspace");
    try (Git git = Git.cloneRepository().setURI(setup.git.directory().toUri().toString())
        .setDirectory(agentWorkspace.toFile()).call()) {
      git.checkout().setName(setup.commit).call();
    }
    buildFolder = Files.createDirectories(directory.resolve("jobs/models/builds/42"));
  }

  @AfterEach
  void stop() {
    setup.close();
  }

  @Test
  void copy_ofAClone_holdsItsRefsAndTheCommitItsHeadIsAt() throws IOException, InterruptedException {
    Path copy = buildFolder.resolve(WorkspaceGit.COPY);

    WorkspaceGit.copy(new FilePath(agentWorkspace.toFile()), copy);

    try (Git git = Git.open(copy.toFile())) {
      Repository repository = git.getRepository();
      assertThat(repository.resolve(Constants.HEAD)).isEqualTo(ObjectId.fromString(setup.commit));
      assertThat(repository.exactRef("refs/remotes/origin/main")).isNotNull();
    }
  }

  @Test
  void copy_ofAFolderThatIsNoClone_isRefused() throws IOException {
    Path notAClone = Files.createDirectories(directory.resolve("agent/empty"));

    assertThatThrownBy(() -> WorkspaceGit.copy(new FilePath(notAClone.toFile()), buildFolder.resolve(WorkspaceGit.COPY)))
        .isInstanceOf(AbortException.class).hasMessage(notAClone + " is not a Git clone (it has no .git); check out"
            + " there first (checkout scm), or pass repository: 'the clone's folder in the workspace'");
  }

  @Test
  void returnBranch_writtenInTheCopy_arrivesInTheWorkspaceWithItsCommit() throws Exception {
    Path copy = buildFolder.resolve(WorkspaceGit.COPY);
    WorkspaceGit.copy(new FilePath(agentWorkspace.toFile()), copy);
    ObjectId bump = commitOnBranch(copy, "bump/churn-prod-42");

    boolean returned = WorkspaceGit.returnBranch(copy, "bump/churn-prod-42", new FilePath(agentWorkspace.toFile()));

    assertThat(returned).isTrue();
    try (Git git = Git.open(agentWorkspace.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
      assertThat(git.getRepository().resolve("refs/heads/bump/churn-prod-42")).isEqualTo(bump);
      assertThat(walk.parseCommit(bump).getFullMessage()).isEqualTo("Bump churn-prod");
    }
    assertThat(WorkspaceGit.returnBranch(copy, "no-such-branch", new FilePath(agentWorkspace.toFile()))).isFalse();
  }

  @Test
  void stepOutsideNode_readsTheBuildsCopy_underTheDefaultPolicy() throws IOException, InterruptedException {
    // What a step inside node { } on the agent left in the build's folder.
    WorkspaceGit.copy(new FilePath(agentWorkspace.toFile()), buildFolder.resolve(WorkspaceGit.COPY));
    SageMakerTrainStep step = setup.configure(new SageMakerTrainStep(LocalSetup.MANIFEST));
    step.setRepository(null);

    StepRun run = StepRun.start(step, new RecordingStepContext(setup.buildEnvironment(), null)
        .withRun(new BuildFolder(buildFolder)), setup.ticks, DEFAULT);
    setup.ticks.runAll();

    Map<String, Object> result = run.result();
    assertThat(result).containsEntry("outcome", "succeeded");
    assertThat((String) result.get("recordPath")).startsWith(buildFolder.resolve(StepRuntime.RECORDS).toString());
  }

  @Test
  void stepOutsideNode_withoutACopyOrRepository_saysWhereToCallIt() {
    SageMakerTrainStep step = setup.configure(new SageMakerTrainStep(LocalSetup.MANIFEST));
    step.setRepository(null);

    StepRun run = StepRun.start(step, new RecordingStepContext(setup.buildEnvironment(), null)
        .withRun(new BuildFolder(buildFolder)), setup.ticks, DEFAULT);
    setup.ticks.runAll();

    assertThat(run.context.failure()).isInstanceOf(AbortException.class).hasMessage("sagemakerTrain needs the Git"
        + " repository that holds the manifests: call it inside node { } after the checkout (outside node { }, a later"
        + " step reads the copy that step keeps in the build)");
  }

  /** A commit on top of HEAD with HEAD's tree, on {@code branch}, written into the repository at {@code dir}. */
  private static ObjectId commitOnBranch(Path dir, String branch) throws IOException {
    try (Git git = Git.open(dir.toFile()); ObjectInserter inserter = git.getRepository().newObjectInserter();
        RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit head = walk.parseCommit(git.getRepository().resolve(Constants.HEAD));
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(head.getTree());
      commit.setParentId(head);
      PersonIdent who = new PersonIdent("sagemaker-gitops", "gitops@example.com");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("Bump churn-prod");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = git.getRepository().updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(id);
      update.forceUpdate();
      return id;
    }
  }
}
