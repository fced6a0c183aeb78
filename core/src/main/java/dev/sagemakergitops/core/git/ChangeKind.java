package dev.sagemakergitops.core.git;

/** How a manifest differs between two commits. A rename is a {@link #REMOVED} plus an {@link #ADDED}. */
public enum ChangeKind {
  /** The path holds a manifest at the head commit and nothing at the base commit. */
  ADDED,
  /** The path holds a file at both commits, with different content, and at least one is a manifest. */
  CHANGED,
  /** The path holds a manifest at the base commit and nothing at the head commit. */
  REMOVED
}
