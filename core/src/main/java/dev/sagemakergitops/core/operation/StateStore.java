package dev.sagemakergitops.core.operation;

import java.util.Optional;

/**
 * Where a run keeps its operation's state between polls. The command line keeps it in files (so a
 * re-run after a crash resumes); Jenkins keeps it in the step's execution, which the controller
 * persists.
 */
public interface StateStore {

  /** Saves {@code state} under {@code key}, replacing what was there. */
  void save(String key, String operation, OperationState state);

  /** The state saved under {@code key}, if any. */
  <S extends OperationState> Optional<S> load(String key, String operation, Class<S> type);

  /** Forgets {@code key}. */
  void delete(String key);

  /** A store that keeps nothing: a run that dies starts again from scratch (and attaches by name). */
  static StateStore none() {
    return new StateStore() {
      @Override
      public void save(String key, String operation, OperationState state) {}

      @Override
      public <S extends OperationState> Optional<S> load(String key, String operation, Class<S> type) {
        return Optional.empty();
      }

      @Override
      public void delete(String key) {}
    };
  }
}
