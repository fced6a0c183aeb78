package dev.sagemakergitops.cli;

import java.io.File;
import java.nio.file.Path;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The folders a run writes to: its saved state and its deployment records. Given explicitly, by an
 * environment variable, or inside the repository's Git folder ({@code .git/sagemaker-gitops/}),
 * where they survive a {@code git clean} and never show up as changes in the work tree.
 *
 * @param state where states are saved between polls
 * @param records where deployment records are written
 */
record RunFolders(Path state, Path records) {
  static final String STATE_VARIABLE = "SAGEMAKER_GITOPS_STATE_DIR";
  static final String RECORD_VARIABLE = "SAGEMAKER_GITOPS_RECORD_DIR";

  static RunFolders of(OperationOptions options, CommandRuntime runtime, Path repository) {
    Path state = options.stateDir != null ? options.stateDir : pathOf(runtime.variable(STATE_VARIABLE));
    Path records = options.recordDir != null ? options.recordDir : pathOf(runtime.variable(RECORD_VARIABLE));
    if (state == null || records == null) {
      Path tool = gitDirectory(repository).resolve("sagemaker-gitops");
      state = state != null ? state : tool.resolve("state");
      records = records != null ? records : tool.resolve("records");
    }
    return new RunFolders(state, records);
  }

  private static Path pathOf(String value) {
    return value == null ? null : Path.of(value);
  }

  /** The Git folder of the repository holding {@code directory} (a linked work tree's own folder). */
  private static Path gitDirectory(Path directory) {
    File start = directory.toAbsolutePath().normalize().toFile();
    File gitDir = new FileRepositoryBuilder().findGitDir(start).getGitDir();
    if (gitDir == null) {
      throw new InvalidInputException("no Git repository found at or above " + start
          + "; run inside the checkout, or give --repo");
    }
    return gitDir.toPath();
  }
}
