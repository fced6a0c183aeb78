package dev.sagemakergitops.local.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.clock.Scheduler;
import dev.sagemakergitops.local.spi.AlarmReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks endpoints through their deployments on the scheduler: launching fleets, shifting traffic
 * step by step, baking while watching alarms, terminating the old fleet, or rolling back.
 */
final class DeploymentEngine {
  private final HostingService hosting;

  DeploymentEngine(HostingService hosting) {
    this.hosting = hosting;
  }

  private Scheduler scheduler() {
    return hosting.installation().scheduler();
  }

  // ---- planning ----------------------------------------------------------------------------

  /** The variants as a new fleet launches them: no instance yet, the configured counts and weights desired. */
  List<LiveVariant> launch(String region, List<EndpointConfig.Variant> variants) {
    List<LiveVariant> out = new ArrayList<>();
    for (EndpointConfig.Variant v : variants) {
      out.add(new LiveVariant(v.name(), v.modelName(), v.instanceType(), 0, v.instanceCount(), v.weight(), v.weight(),
          v.serverless(), deployedImages(region, v.modelName())));
    }
    return out;
  }

  List<LiveVariant.DeployedImage> deployedImages(String region, String modelName) {
    Model model = hosting.state(region).models.get(modelName);
    List<LiveVariant.DeployedImage> images = new ArrayList<>();
    if (model != null) {
      for (JsonNode container : model.containers()) {
        String image = Model.textOrNull(container, "Image");
        if (image != null) {
          images.add(new LiveVariant.DeployedImage(image, HostingService.resolveImage(image), hosting.now()));
        }
      }
    }
    return images;
  }

  static int capacity(JsonNode size, int total) {
    int value = Math.max(1, size.path("Value").asInt(1));
    int instances = size.path("Type").asText().equals("CAPACITY_PERCENT")
        ? (int) Math.ceil(total * value / 100.0) : value;
    return Math.max(1, Math.min(total, instances));
  }

  static String instances(int count) {
    return count + " instance(s)";
  }

  /** The phases of a blue/green update (also the default, all at once with no bake, when {@code policy} is null). */
  static List<Deployment.Phase> blueGreen(JsonNode policy, int total) {
    List<Deployment.Phase> phases = new ArrayList<>();
    phases.add(new Deployment.Phase(Deployment.PhaseType.PROVISION, Timings.PROVISIONING, 0, 0, total, ""));
    JsonNode routing = policy == null ? null : policy.path("TrafficRoutingConfiguration");
    String type = routing == null ? "ALL_AT_ONCE" : routing.path("Type").asText("ALL_AT_ONCE");
    Duration wait = Duration.ofSeconds(routing == null ? 0 : routing.path("WaitIntervalInSeconds").asLong(0));
    String full = "full capacity of " + instances(total);
    int step = 0;
    switch (type) {
      case "CANARY" -> {
        int canary = capacity(routing.path("CanarySize"), total);
        phases.add(new Deployment.Phase(Deployment.PhaseType.BAKE, wait, (double) canary / total, ++step, total,
            "canary capacity of " + instances(canary)));
        phases.add(new Deployment.Phase(Deployment.PhaseType.BAKE, wait, 1.0, ++step, total, full));
      }
      case "LINEAR" -> {
        int size = capacity(routing.path("LinearStepSize"), total);
        for (int shifted = size; ; shifted += size) {
          int now = Math.min(shifted, total);
          phases.add(new Deployment.Phase(Deployment.PhaseType.BAKE, wait, (double) now / total, ++step, total,
              now < total ? "linear capacity of " + instances(now) : full));
          if (now >= total) {
            break;
          }
        }
      }
      default -> phases.add(new Deployment.Phase(Deployment.PhaseType.BAKE, wait, 1.0, ++step, total, full));
    }
    long termination = policy == null ? 0 : policy.path("TerminationWaitInSeconds").asLong(0);
    if (termination > 0) {
      phases.add(new Deployment.Phase(Deployment.PhaseType.TERMINATION_WAIT, Duration.ofSeconds(termination), 1.0, step,
          total, full));
    }
    return phases;
  }

  /** The phases of a rolling update: per batch, launch it, move its share of traffic, bake. */
  static List<Deployment.Phase> rolling(JsonNode policy, int total) {
    List<Deployment.Phase> phases = new ArrayList<>();
    int batch = capacity(policy.path("MaximumBatchSize"), total);
    Duration wait = Duration.ofSeconds(policy.path("WaitIntervalInSeconds").asLong(0));
    int step = 0;
    for (int shifted = batch; ; shifted += batch) {
      int now = Math.min(shifted, total);
      phases.add(new Deployment.Phase(Deployment.PhaseType.PROVISION, Timings.PROVISIONING, 0, 0, now, ""));
      phases.add(new Deployment.Phase(Deployment.PhaseType.BAKE, wait, (double) now / total, ++step, now,
          now < total ? "rolling batch capacity of " + instances(now) : "full capacity of " + instances(total)));
      if (now >= total) {
        break;
      }
    }
    return phases;
  }

  // ---- running -----------------------------------------------------------------------------

  /** Starts {@code deployment} on {@code endpoint}: its status becomes Creating or Updating now. */
  void start(Endpoint endpoint, Deployment deployment) {
    endpoint.deployment = deployment;
    endpoint.status = deployment.kind == Deployment.Kind.CREATE ? "Creating" : "Updating";
    endpoint.lastModifiedTime = hosting.now();
    if (deployment.deploymentConfig != null) {
      JsonNode policy = deployment.deploymentConfig.has("BlueGreenUpdatePolicy")
          ? deployment.deploymentConfig.get("BlueGreenUpdatePolicy")
          : deployment.deploymentConfig.path("RollingUpdatePolicy");
      if (policy.has("MaximumExecutionTimeoutInSeconds") && deployment.kind != Deployment.Kind.CREATE) {
        long limit = policy.get("MaximumExecutionTimeoutInSeconds").asLong();
        scheduler().schedule(deployment.startTime.plusSeconds(limit), () -> {
          if (current(endpoint, deployment)) {
            rollback(endpoint, deployment, "Rolled back the update to endpoint configuration \""
                + deployment.target.name() + "\": the deployment exceeded MaximumExecutionTimeoutInSeconds ("
                + limit + " seconds).");
          }
        });
      }
    }
    runPhase(endpoint, deployment);
  }

  private boolean current(Endpoint endpoint, Deployment deployment) {
    return attached(endpoint, deployment) && !deployment.rollingBack;
  }

  private boolean attached(Endpoint endpoint, Deployment deployment) {
    return hosting.state(endpoint.region).endpoints.get(endpoint.name) == endpoint
        && endpoint.deployment == deployment && !deployment.finished;
  }

  private void runPhase(Endpoint endpoint, Deployment deployment) {
    if (deployment.phaseIndex >= deployment.phases.size()) {
      complete(endpoint, deployment);
      return;
    }
    Deployment.Phase phase = deployment.phase();
    Instant start = hosting.now();
    deployment.phaseStart = start;
    if (phase.type() == Deployment.PhaseType.PROVISION) {
      scheduler().schedule(start.plus(phase.duration()), () -> {
        if (current(endpoint, deployment)) {
          provisioned(endpoint, deployment, phase);
        }
      });
      return;
    }
    deployment.greenShare = phase.share();
    deployment.greenInstances = Math.max(deployment.greenInstances, phase.greenInstances());
    if (alarmsTripped(endpoint, deployment)) {
      return;
    }
    long seconds = phase.duration().toSeconds();
    for (long at = Timings.ALARM_EVALUATION.toSeconds(); at < seconds; at += Timings.ALARM_EVALUATION.toSeconds()) {
      scheduler().schedule(start.plusSeconds(at), () -> {
        if (current(endpoint, deployment)) {
          alarmsTripped(endpoint, deployment);
        }
      });
    }
    scheduler().schedule(start.plus(phase.duration()), () -> {
      if (current(endpoint, deployment) && !alarmsTripped(endpoint, deployment)) {
        deployment.phaseIndex++;
        runPhase(endpoint, deployment);
      }
    });
  }

  private void provisioned(Endpoint endpoint, Deployment deployment, Deployment.Phase phase) {
    EndpointScenario scenario = hosting.scenario(endpoint.region, endpoint.name);
    if (deployment.kind == Deployment.Kind.CREATE && scenario.failProvisioning()) {
      hosting.disarm(endpoint.region, endpoint.name, s -> s.withFailProvisioning(false));
      deployment.finished = true;
      endpoint.deployment = null;
      endpoint.status = "Failed";
      endpoint.failureReason = "The primary container for production variant " + deployment.target.variants().get(0).name()
          + " did not pass the ping health check. Please check CloudWatch logs for this endpoint.";
      endpoint.lastModifiedTime = hosting.now();
      return;
    }
    if (deployment.kind == Deployment.Kind.REWEIGH && scenario.failCapacityChangeReason() != null) {
      hosting.disarm(endpoint.region, endpoint.name, s -> s.withFailCapacityChange(null));
      capacityRollback(endpoint, deployment, scenario.failCapacityChangeReason());
      return;
    }
    if ((deployment.kind == Deployment.Kind.BLUE_GREEN || deployment.kind == Deployment.Kind.ROLLING)
        && scenario.failNextUpdateReason() != null) {
      hosting.disarm(endpoint.region, endpoint.name, s -> s.withFailNextUpdate(null));
      rollback(endpoint, deployment, scenario.failNextUpdateReason());
      return;
    }
    deployment.greenInstances = Math.max(deployment.greenInstances, phase.greenInstances());
    deployment.phaseIndex++;
    runPhase(endpoint, deployment);
  }

  /** Reads the deployment's alarms; rolls back and answers true when one is in ALARM. */
  private boolean alarmsTripped(Endpoint endpoint, Deployment deployment) {
    if (deployment.alarms.isEmpty()) {
      return false;
    }
    if (deployment.trip == null) {
      EndpointScenario.AlarmTrip armed = hosting.scenario(endpoint.region, endpoint.name).trippedAlarm();
      if (armed != null) {
        deployment.trip = armed;
        hosting.disarm(endpoint.region, endpoint.name, s -> s.withTrippedAlarm(null));
      }
    }
    int step = deployment.phase().trafficStep();
    Optional<AlarmReader> reader = hosting.capability(AlarmReader.class);
    List<String> inAlarm = new ArrayList<>();
    for (String alarm : deployment.alarms) {
      boolean tripped = deployment.trip != null && deployment.trip.alarmName().equals(alarm)
          && step >= deployment.trip.step();
      if (tripped || reader.flatMap(r -> r.stateOf(endpoint.region, alarm)).filter("ALARM"::equals).isPresent()) {
        inAlarm.add(alarm);
      }
    }
    if (inAlarm.isEmpty()) {
      return false;
    }
    rollback(endpoint, deployment, "Rolled back the update to endpoint configuration \"" + deployment.target.name()
        + "\": alarm(s) " + inAlarm + " in ALARM while baking traffic step " + step + " of " + deployment.trafficSteps
        + ".");
    return true;
  }

  /** Back to the old fleet: InService on the old configuration with {@code reason}, or UpdateRollbackFailed. */
  void rollback(Endpoint endpoint, Deployment deployment, String reason) {
    endpoint.lastModifiedTime = hosting.now();
    EndpointScenario scenario = hosting.scenario(endpoint.region, endpoint.name);
    if (deployment.failRollback || scenario.failRollback()) {
      deployment.finished = true;
      hosting.disarm(endpoint.region, endpoint.name, s -> s.withFailRollback(false));
      // The endpoint keeps serving from both fleets in the proportion reached: the deployment stays attached.
      endpoint.status = "UpdateRollbackFailed";
      endpoint.failureReason = reason + " The rollback failed: the endpoint serves a mix of the old and the new "
          + "endpoint configuration.";
      return;
    }
    if (deployment.kind == Deployment.Kind.ROLLING && deployment.greenInstances > 0) {
      rollBackInBatches(endpoint, deployment, reason);
      return;
    }
    deployment.finished = true;
    endpoint.deployment = null;
    endpoint.status = "InService";
    endpoint.failureReason = reason;
  }

  /**
   * A rolling update that already replaced instances rolls back as AWS documents it: in steps of
   * {@code RollbackMaximumBatchSize} (default: the whole capacity at once), each provisioning old
   * capacity, moving its traffic back and terminating as many new instances. The endpoint stays
   * {@code Updating} meanwhile (AWS documents {@code RollingBack} only for
   * UpdateEndpointWeightsAndCapacities); FailureReason is set at once.
   */
  private void rollBackInBatches(Endpoint endpoint, Deployment deployment, String reason) {
    int total = Math.max(1, deployment.target.totalCapacity());
    JsonNode policy = deployment.deploymentConfig == null ? null : deployment.deploymentConfig.path("RollingUpdatePolicy");
    deployment.rollingBack = true;
    deployment.rollbackBatch = policy != null && policy.hasNonNull("RollbackMaximumBatchSize")
        ? capacity(policy.get("RollbackMaximumBatchSize"), total) : total;
    endpoint.failureReason = reason;
    nextRollbackBatch(endpoint, deployment, reason, total);
  }

  private void nextRollbackBatch(Endpoint endpoint, Deployment deployment, String reason, int total) {
    deployment.phaseStart = hosting.now();
    scheduler().schedule(hosting.now().plus(Timings.PROVISIONING), () -> {
      if (!attached(endpoint, deployment)) {
        return;
      }
      deployment.greenInstances = Math.max(0, deployment.greenInstances - deployment.rollbackBatch);
      deployment.greenShare = (double) deployment.greenInstances / total;
      endpoint.lastModifiedTime = hosting.now();
      if (deployment.greenInstances > 0) {
        nextRollbackBatch(endpoint, deployment, reason, total);
        return;
      }
      deployment.finished = true;
      endpoint.deployment = null;
      endpoint.status = "InService";
      endpoint.failureReason = reason;
    });
  }

  /**
   * A failed UpdateEndpointWeightsAndCapacities: "RollingBack: Endpoint fails to scale up or down or
   * change its variant weight and is in the process of rolling back to its previous configuration.
   * Once the rollback completes, endpoint returns to an InService status. This transitional status
   * only applies to an endpoint that has autoscaling enabled and is undergoing variant weight or
   * capacity changes as part of an UpdateEndpointWeightsAndCapacities call" (botocore
   * DescribeEndpointOutput.EndpointStatus). The endpoint keeps its configuration; the variants go
   * back to their current counts and weights; the FailureReason stays (whether AWS clears it is not
   * documented; keeping it is the harder reading).
   */
  private void capacityRollback(Endpoint endpoint, Deployment deployment, String reason) {
    endpoint.status = "RollingBack";
    endpoint.failureReason = reason;
    endpoint.lastModifiedTime = hosting.now();
    endpoint.variants = endpoint.variants.stream()
        .map(v -> v.withCounts(v.currentInstanceCount(), v.currentInstanceCount())
            .withWeights(v.currentWeight(), v.currentWeight()))
        .toList();
    scheduler().schedule(hosting.now().plus(Timings.REWEIGHING), () -> {
      if (!current(endpoint, deployment)) {
        return;
      }
      deployment.finished = true;
      endpoint.deployment = null;
      endpoint.status = "InService";
      endpoint.lastModifiedTime = hosting.now();
    });
  }

  /** Instances the current rollback batch moves back (rolling rollbacks only). */
  static int rollbackBatchNow(Deployment deployment) {
    return Math.min(deployment.rollbackBatch, deployment.greenInstances);
  }

  private void complete(Endpoint endpoint, Deployment deployment) {
    deployment.finished = true;
    endpoint.deployment = null;
    if (deployment.kind == Deployment.Kind.REWEIGH) {
      endpoint.variants = endpoint.variants.stream()
          .map(v -> v.withCounts(v.desiredInstanceCount(), v.desiredInstanceCount())
              .withWeights(v.desiredWeight(), v.desiredWeight()))
          .toList();
    } else {
      endpoint.config = deployment.target;
      endpoint.variants = inService(deployment.greenVariants);
      endpoint.shadows = inService(deployment.greenShadows);
      endpoint.failureReason = null;
    }
    endpoint.status = "InService";
    endpoint.lastModifiedTime = hosting.now();
  }

  private static List<LiveVariant> inService(List<LiveVariant> variants) {
    return variants.stream().map(v -> v.withCounts(v.desiredInstanceCount(), v.desiredInstanceCount())).toList();
  }

  /** A reweighing (UpdateEndpointWeightsAndCapacities): one phase, longer when instances are added. */
  static List<Deployment.Phase> reweigh(boolean scaleOut) {
    return List.of(new Deployment.Phase(Deployment.PhaseType.PROVISION,
        scaleOut ? Timings.PROVISIONING : Timings.REWEIGHING, 0, 0, 0, ""));
  }
}
