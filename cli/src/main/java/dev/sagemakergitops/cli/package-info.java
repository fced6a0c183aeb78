/**
 * The {@code sagemaker-gitops} command line (picocli): one class per command, thin over
 * {@code core}.
 *
 * <p>Conventions every command keeps: {@code --repo}, {@code --ref} and manifest paths relative to
 * the repository ({@link dev.sagemakergitops.cli.RepositoryOptions}); AWS settings that default to
 * the AWS conventions ({@link dev.sagemakergitops.cli.AwsOptions}); {@code --format}/{@code --json};
 * exit codes 0 (success), 2 (invalid input: every problem listed) and 1 (failure), mapped in
 * {@link dev.sagemakergitops.cli.ErrorHandler}, which prints one line and never a stack trace unless
 * {@code SAGEMAKER_GITOPS_DEBUG} is set.
 */
package dev.sagemakergitops.cli;
