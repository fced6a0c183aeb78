/**
 * How core says that what a user gave is wrong, apart from a manifest's problems (those are located
 * {@code ManifestProblem}s of an {@code OperationInputException}):
 * {@link dev.sagemakergitops.core.input.InvalidArgumentException}, for a path, a branch name, an
 * endpoint URL, a package version or a run key. The adapters turn it into their "invalid input"
 * (the command line's exit code 2) and treat every other unchecked exception as a bug.
 */
package dev.sagemakergitops.core.input;
