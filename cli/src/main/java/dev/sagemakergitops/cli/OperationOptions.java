package dev.sagemakergitops.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that runs an operation shares: where to read, where to keep state, how to answer. */
final class OperationOptions {
  @Option(names = "--ref", paramLabel = "REF", defaultValue = "HEAD",
      description = "Commit, branch or tag to read the manifest at (default: HEAD). The work tree is not read.")
  String ref;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where the run keeps its state between polls, so that running the same command again after a"
          + " crash resumes it (default: SAGEMAKER_GITOPS_STATE_DIR, else <git dir>/sagemaker-gitops/state).")
  Path stateDir;

  @Option(names = "--record-dir", paramLabel = "DIR",
      description = "Where the deployment record of the run is written (default: SAGEMAKER_GITOPS_RECORD_DIR, else"
          + " <git dir>/sagemaker-gitops/records).")
  Path recordDir;

  @Option(names = "--build-url", paramLabel = "URL",
      description = "The build that runs this, for lineage (default: CODEBUILD_BUILD_URL, Jenkins' BUILD_URL).")
  String buildUrl;

  @Option(names = "--json",
      description = "Print the result as JSON on standard output; progress lines then go to standard error.")
  boolean json;
}
