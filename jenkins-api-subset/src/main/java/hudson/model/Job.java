// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/model/Job.java at tag jenkins-2.479.3.
// "public RunT getLastBuild()" (null when the job has no build).
// Omitted: every supertype and every other member; needed as Run's type bound, and to walk a job's builds back.
package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
  /** The job's newest build, or null. */
  public RunT getLastBuild() {
    throw new UnsupportedOperationException("compile-only declaration of hudson.model.Job#getLastBuild");
  }
}
