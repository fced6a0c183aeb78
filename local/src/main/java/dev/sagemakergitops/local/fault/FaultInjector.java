package dev.sagemakergitops.local.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Call-level fault injection: throttling, 5xx answers and dropped connections on a share of calls.
 * Deterministic for a given seed, so a failing test can be replayed. Scenario faults (a training
 * job that fails, an alarm that trips at a traffic step, a slow shadow variant, a rollback that
 * fails) belong to the resource they concern and are set through its own Java API and the admin
 * endpoint. Thread-safe.
 */
public final class FaultInjector {
  private final List<CallFault> faults = new ArrayList<>();
  private final ConsistencyDelay consistency = new ConsistencyDelay();
  private final Random random;

  public FaultInjector(long seed) {
    this.random = new Random(seed);
  }

  /** How long a new resource stays invisible to the calls that use it (zero: strongly consistent). */
  public ConsistencyDelay consistency() {
    return consistency;
  }

  /** Sets {@link #consistency()}'s delay: the Java side of {@code POST /_local/faults {"consistencyDelaySeconds": n}}. */
  public void consistencyDelay(java.time.Duration delay) {
    consistency.set(delay);
  }

  public synchronized void add(CallFault fault) {
    faults.add(fault);
  }

  public synchronized void clear() {
    faults.clear();
  }

  public synchronized List<CallFault> faults() {
    return List.copyOf(faults);
  }

  /** The fault that hits this call, if any; consumes one use of it. */
  public synchronized Optional<CallFault.Kind> pick(String service, String operation) {
    for (int i = 0; i < faults.size(); i++) {
      CallFault fault = faults.get(i);
      if (fault.remaining() != 0 && fault.matches(service, operation) && random.nextDouble() < fault.share()) {
        faults.set(i, fault.fired());
        return Optional.of(fault.kind());
      }
    }
    return Optional.empty();
  }
}
