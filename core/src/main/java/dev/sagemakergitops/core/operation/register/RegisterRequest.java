package dev.sagemakergitops.core.operation.register;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.train.TrainResult;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link RegisterOperation} registers: the model artifact, in the model package group of a
 * manifest's {@code spec.registry}, served by the manifest's pinned image.
 *
 * @param manifest the manifest, images pinned
 * @param artifact the model artifact and where it came from
 * @param bump the bump commit to write once the version exists, or {@code null} for none
 */
public record RegisterRequest(ResolvedManifest manifest, Artifact artifact, Bump bump) {

  public RegisterRequest {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(artifact, "artifact");
  }

  /** Registers what {@code training} produced, without a bump commit. */
  public static RegisterRequest of(ResolvedManifest manifest, TrainResult training) {
    return new RegisterRequest(manifest, Artifact.of(training), null);
  }

  /** The same request, writing a bump commit as {@code bump} says. */
  public RegisterRequest withBump(Bump value) {
    return new RegisterRequest(manifest, artifact, value);
  }

  /**
   * A model artifact.
   *
   * @param s3Uri the {@code model.tar.gz}
   * @param trainingJob the training job that produced it, or {@code null} when it was made elsewhere
   */
  public record Artifact(String s3Uri, String trainingJob) {
    public Artifact {
      Objects.requireNonNull(s3Uri, "s3Uri");
    }

    /** The artifact of a completed training job. */
    public static Artifact of(TrainResult training) {
      return new Artifact(training.modelArtifactUri(), training.jobName());
    }

    /** An artifact made outside sagemakerTrain. */
    public static Artifact of(String s3Uri) {
      return new Artifact(s3Uri, null);
    }
  }

  /**
   * The commit that points the manifest's {@code spec.model.package} at the new version, written on
   * a branch for a pull request.
   *
   * @param repository the Git repository (a work tree, a folder in it, or a bare repository)
   * @param branch the branch to write, for example {@code sagemaker-gitops/churn-prod}; not the
   *     checked-out branch
   * @param startRef the commit to build on, or {@code null} for the commit the manifest was read at
   */
  public record Bump(Path repository, String branch, String startRef) {
    public Bump {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(branch, "branch");
    }
  }
}
