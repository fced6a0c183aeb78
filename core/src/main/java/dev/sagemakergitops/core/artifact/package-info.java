/**
 * Where a model artifact to register comes from when the user does not name one: the training job
 * SageMaker ran for the manifest.
 *
 * <p>{@link dev.sagemakergitops.core.artifact.TrainedArtifacts} derives the job's name from the
 * manifest's training spec at its commit (the deterministic name {@code train} uses, optionally with
 * a run key) and reads the job: missing, still running, or completed with its
 * {@code model.tar.gz}. The command line ({@code register}) and the Jenkins {@code registerModel}
 * step ask it and word the refusal in their own terms.
 */
package dev.sagemakergitops.core.artifact;
