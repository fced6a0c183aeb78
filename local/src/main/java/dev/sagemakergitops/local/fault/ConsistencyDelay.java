package dev.sagemakergitops.local.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Eventual consistency, as AWS documents it for the resources the operations create and then use:
 * "When you call CreateEndpoint, a load call is made to DynamoDB to verify that your endpoint
 * configuration exists ... If the dependent entities are not yet in DynamoDB, this causes a
 * validation error. If you repeat your read request after a short time, the response should return
 * the latest data" (botocore sagemaker CreateEndpoint), and "there might be a brief delay until the
 * operation achieves eventual consistency" (botocore application-autoscaling RegisterScalableTarget).
 *
 * <p>With a delay set, a resource created at simulated time {@code t} is invisible until
 * {@code t + delay} to the calls that depend on it and to its own Describe, which answer as if it did
 * not exist, with the service's own not-found error ({@code ValidationException "Could not find model
 * ..."}, {@code "ModelPackage ... does not exist."}, {@code ObjectNotFoundException}). AWS documents
 * no bound ("a short time"); the delay is chosen by whoever runs the control plane. Creating it again
 * still answers "already exists" (writes are not stale), and listings show it at once: the harder
 * reading for a caller that checks with Describe before it creates. Zero (the default) is strongly
 * consistent. Thread-safe.
 */
public final class ConsistencyDelay {
  private final Map<String, Instant> visibleFrom = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;

  public Duration delay() {
    return delay;
  }

  /** Sets the delay for resources created from now on. */
  public void set(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a consistency delay cannot be negative, got " + delay);
    }
    this.delay = delay;
  }

  /** Records that the resource {@code id} (its ARN, or another key unique across services) was created at {@code now}. */
  public void created(String id, Instant now) {
    if (!delay.isZero()) {
      visibleFrom.put(id, now.plus(delay));
    }
  }

  /** True when {@code id} can be seen at {@code now}: it was created before the delay, or the delay has passed. */
  public boolean visible(String id, Instant now) {
    Instant from = visibleFrom.get(id);
    if (from == null) {
      return true;
    }
    if (!now.isBefore(from)) {
      visibleFrom.remove(id, from);
      return true;
    }
    return false;
  }
}
