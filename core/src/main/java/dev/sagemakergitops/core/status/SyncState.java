package dev.sagemakergitops.core.status;

/** How a live endpoint stands against the manifest that describes it. */
public enum SyncState {
  /** The endpoint serves the endpoint configuration the manifest hashes to. */
  IN_SYNC,
  /** It serves another configuration, or does not exist: a deploy would change it. */
  OUT_OF_SYNC,
  /** The last deployment sagemaker-gitops made did not take: SageMaker rolled it back . */
  ROLLED_BACK,
  /** A deployment, a capacity change or SageMaker's maintenance is in progress. */
  UPDATING,
  /** An inference experiment (a shadow test) runs on the endpoint; it is judged when the experiment ends. */
  SHADOW_TEST
}
