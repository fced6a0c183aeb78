package dev.sagemakergitops.local;

/**
 * One part of the control plane (SageMaker training, hosting, ECR, CloudWatch, ...): it installs its
 * operations, routes and admin actions into an {@link Installation} when the control plane starts.
 * A service keeps its own state; it reaches other services through {@link Installation#service}.
 */
public interface LocalService {
  void install(Installation installation);
}
