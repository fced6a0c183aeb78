/**
 * What a deploy's clean-up keeps: the resources of the manifest's last commits
 * ({@link dev.sagemakergitops.core.cleanup.DeployCleanUp}, default
 * {@value dev.sagemakergitops.core.cleanup.DeployCleanUp#DEFAULT_KEEP_COMMITS} commits). The
 * deletion itself is the safe deploy's last stage ({@code core.operation.deploy}); the command line
 * ({@code deploy --clean-up --keep-commits}) and the Jenkins {@code safeDeploy} step
 * ({@code cleanUp}, {@code keepCommits}) only pass the user's choice here.
 */
package dev.sagemakergitops.core.cleanup;
