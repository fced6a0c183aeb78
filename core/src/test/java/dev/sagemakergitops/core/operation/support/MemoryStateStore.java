package dev.sagemakergitops.core.operation.support;

import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.StateCodec;
import dev.sagemakergitops.core.operation.StateStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link StateStore} in memory that keeps each state as the JSON {@link StateCodec} writes, so a
 * resumed run reads back exactly what a file would have held (a state that does not survive the
 * round trip fails the test, as it would fail a real resume).
 */
public final class MemoryStateStore implements StateStore {
  private final StateCodec codec = new StateCodec();
  private final Map<String, String> saved = new ConcurrentHashMap<>();

  @Override
  public void save(String key, String operation, OperationState state) {
    saved.put(key, codec.write(operation, state));
  }

  @Override
  public <S extends OperationState> Optional<S> load(String key, String operation, Class<S> type) {
    return Optional.ofNullable(saved.get(key)).map(json -> codec.read(operation, type, json));
  }

  @Override
  public void delete(String key) {
    saved.remove(key);
  }

  /** A store holding what this one holds now; the two go on apart. */
  public MemoryStateStore copy() {
    MemoryStateStore copy = new MemoryStateStore();
    copy.saved.putAll(saved);
    return copy;
  }

  /** The JSON saved under {@code key}, if any. */
  public Optional<String> json(String key) {
    return Optional.ofNullable(saved.get(key));
  }
}
