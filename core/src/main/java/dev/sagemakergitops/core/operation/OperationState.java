package dev.sagemakergitops.core.operation;

/**
 * What every operation state has in common. Implementations are records of plain values (names,
 * ARNs, a phase, deadlines); never a client, a credential or a secret, because a state is written
 * to disk by the command line and persisted by Jenkins.
 */
public interface OperationState {

  /** The current phase, for progress lines and {@code getStatus()}. */
  String phase();
}
