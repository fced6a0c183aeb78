/**
 * The revert that brings Git back in line with an endpoint SageMaker rolled back.
 *
 * <p>When SageMaker rolls a deployment back (an alarm fired, the new fleet failed), the endpoint
 * serves the previous configuration while Git still asks for the new one. {@link
 * dev.sagemakergitops.core.revert.RollbackRevert} finds the commit that introduced the rolled-back
 * change (from the endpoint's status, {@code core.status}) and writes its revert on a branch, ready
 * for a pull request; a revert that was already made writes nothing. The command line
 * ({@code deploy}, {@code sync}, {@code status}) and the Jenkins {@code safeDeploy} step both ask it
 * and only word the answer.
 */
package dev.sagemakergitops.core.revert;
