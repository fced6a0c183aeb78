package dev.sagemakergitops.core.status;

/** How a live endpoint stands against the manifest that describes it. */
public enum SyncState {
  /** The endpoint serves the endpoint configuration the manifest hashes to. */
  IN_SYNC,
  /** It serves another configuration, or does not exist: a deploy would change it. */
  OUT_OF_SYNC,
  /** The last deployment sagemaker-gitops made did not take: SageMaker rolled it back (or is doing so). */
  ROLLED_BACK,
  /** A deployment is in progress. */
  UPDATING
}
