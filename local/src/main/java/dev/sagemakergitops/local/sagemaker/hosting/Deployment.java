package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run of an endpoint's state machine: its creation, an update (blue/green or rolling) or a
 * reweighing. The plan (the list of phases) is fixed when it starts; events of the scheduler walk
 * through it. Mutable, but only under the control plane's lock; an event whose deployment is no
 * longer its endpoint's current one does nothing, which is how a rollback cancels what was planned.
 */
final class Deployment {
  enum Kind { CREATE, BLUE_GREEN, ROLLING, REWEIGH }

  enum PhaseType { PROVISION, BAKE, TERMINATION_WAIT }

  /**
   * @param share the share of traffic the new (green) fleet takes during this phase, 0..1
   * @param trafficStep the 1-based traffic step a bake belongs to (0 while provisioning)
   * @param greenInstances instances of the new fleet that run once this phase has begun (provisioning: once it ended)
   * @param capacityText how the bake's status message names the capacity ("canary capacity of 1 instance(s)")
   */
  record Phase(PhaseType type, Duration duration, double share, int trafficStep, int greenInstances,
      String capacityText) {}

  final Kind kind;
  final EndpointConfig target;
  final List<LiveVariant> greenVariants;
  final List<LiveVariant> greenShadows;
  final List<Phase> phases;
  final Instant startTime;
  final List<String> alarms;
  final ObjectNode deploymentConfig;
  final int trafficSteps;

  int phaseIndex;
  Instant phaseStart;
  double greenShare;
  int greenInstances;
  boolean finished;
  /** Scenario faults claimed by this deployment when it first needs them (so they may be armed while it runs). */
  EndpointScenario.AlarmTrip trip;
  boolean failRollback;
  /** A rolling update being rolled back batch by batch (RollbackMaximumBatchSize); its plan no longer runs. */
  boolean rollingBack;
  /** Instances of the old fleet brought back per rollback batch. */
  int rollbackBatch;

  Deployment(Kind kind, EndpointConfig target, List<LiveVariant> greenVariants, List<LiveVariant> greenShadows,
      List<Phase> phases, Instant startTime, List<String> alarms, ObjectNode deploymentConfig) {
    this.kind = kind;
    this.target = target;
    this.greenVariants = List.copyOf(greenVariants);
    this.greenShadows = List.copyOf(greenShadows);
    this.phases = List.copyOf(phases);
    this.startTime = startTime;
    this.alarms = List.copyOf(alarms);
    this.deploymentConfig = deploymentConfig == null ? null : deploymentConfig.deepCopy();
    this.trafficSteps = (int) phases.stream().filter(p -> p.type() == PhaseType.BAKE).count();
    this.phaseStart = startTime;
  }

  Phase phase() {
    return phases.get(Math.min(phaseIndex, phases.size() - 1));
  }

  /** True for updates that bring a new endpoint configuration (so PendingDeploymentSummary is shown). */
  boolean bringsNewConfig() {
    return kind == Kind.CREATE || kind == Kind.BLUE_GREEN || kind == Kind.ROLLING;
  }
}
