/**
 * Pull requests: where users already look. The plan is written on a pull request as one comment
 * that later runs edit, and the bump and revert branches the tool writes are opened as pull
 * requests, on GitHub, GitLab or CodeCommit ({@link dev.sagemakergitops.core.pullrequest.PullRequestHost}).
 *
 * <p>(This manual grows with the hosts, the CI variables that name a pull request, and the texts.)
 */
package dev.sagemakergitops.core.pullrequest;
