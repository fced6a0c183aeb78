package dev.sagemakergitops.core.operation.shadow;

/** What a shadow test concluded. */
public enum Verdict {
  /** The shadow met both criteria. */
  PASSED,
  /** The shadow's latency or error rate broke a criterion. */
  FAILED,
  /** Not enough data to judge (no traffic reached the shadow): treated as a failure. */
  INCONCLUSIVE,
  /** The endpoint already serves the manifest's model: there was nothing to test. */
  ALREADY_SERVING
}
