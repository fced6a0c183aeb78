// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/model/Run.java at tag jenkins-2.479.3
// (getRootDir: "public @NonNull File getRootDir()", overriding hudson.model.PersistenceRoot's; getParent:
// "public @NonNull JobT getParent()"; the constructor: "protected Run(@NonNull JobT job, long timestamp)", which only
// records its arguments, while the other three constructors read the job or the disk).
// Its superclass Actionable ("extends Actionable implements ExtensionPoint, Comparable<RunT>, ..."), and
// "public @CheckForNull RunT getPreviousBuild()", "public String getDisplayName()".
// Omitted: every other supertype (PersistenceRoot among them) and every other member; the adapter passes a Run on to
// the credentials API, writes its deployment records into the run's folder, adds its report to the run and walks a
// job's builds back for the last deployment of each endpoint.
package hudson.model;

import java.io.File;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {

  /** Upstream has no no-arg constructor: every one takes the job the run belongs to. */
  protected Run(JobT job, long timestamp) {}

  /** The job this run belongs to; never null upstream. */
  public JobT getParent() {
    throw new UnsupportedOperationException("compile-only declaration of hudson.model.Run#getParent");
  }

  /** The build's own folder on the controller; never null upstream. */
  public File getRootDir() {
    throw new UnsupportedOperationException("compile-only declaration of hudson.model.Run#getRootDir");
  }

  /** The build before this one, or null for the first. */
  public RunT getPreviousBuild() {
    throw new UnsupportedOperationException("compile-only declaration of hudson.model.Run#getPreviousBuild");
  }

  /** The build's name, {@code #42} unless someone renamed it. */
  public String getDisplayName() {
    throw new UnsupportedOperationException("compile-only declaration of hudson.model.Run#getDisplayName");
  }
}
