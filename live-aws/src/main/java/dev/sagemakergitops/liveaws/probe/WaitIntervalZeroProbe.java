package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/**
 * {@code WaitIntervalInSeconds: 0} in a guardrail update: the operations send it when a manifest
 * names rollback alarms but no bake (aws-behaviours §1.4). The API reference gives the field the
 * range 0 to 3600 in both {@code TrafficRoutingConfig} and {@code RollingUpdatePolicy}, so the
 * documented reading is that 0 is accepted and the update runs to {@code InService} on the new
 * configuration ("After updating the endpoint, it sets the status to InService", UpdateEndpoint).
 * Undocumented, and what this probe is for: whether SageMaker refuses a zero bake anyway (the
 * developer guide calls CloudWatch alarms "a prerequisite for using baking periods") and what a
 * canary and a rolling update with no bake leave behind. Two updates of a two-instance endpoint (a
 * canary must be at most half the fleet, a rolling batch 5 to 50%, so one instance is too few).
 * Costs: two {@code ml.m5.large} for the endpoint's life and up to two more while each update
 * launches its new fleet, about 6.5 instance-hours at most.
 */
public final class WaitIntervalZeroProbe implements Probe {
  static final String INSTANCE_TYPE = "ml.m5.large";
  /** The endpoint's fleet: the smallest one a canary of one instance and a rolling batch of one fit. */
  static final int INSTANCES = 2;
  /** How long an update may take before the probe gives up on it (the cost bound counts on it). */
  static final Duration UPDATE_LIMIT = Duration.ofMinutes(45);

  @Override
  public String id() {
    return "wait-interval-zero";
  }

  @Override
  public String question() {
    return "Does UpdateEndpoint accept WaitIntervalInSeconds 0 in a canary TrafficRoutingConfiguration and in a"
        + " RollingUpdatePolicy, and where does each update leave the endpoint?";
  }

  @Override
  public Cost cost() {
    // Endpoint: 2 instances for 30 min creating plus 2 x 45 min updating = 4; green canary fleet 2 x 45 min = 1.5;
    // rolling batches 1 extra instance x 45 min = 0.75. Rounded up.
    return new Cost(INSTANCE_TYPE, 6.5);
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    String model = run.ledger().name("bake-model");
    run.createModel(model, run.target().servingImage(), run.target().servingModelDataUrl());
    String config = run.ledger().name("bake-config");
    run.createEndpointConfig(config, fleet(model));
    String endpoint = run.ledger().name("bake");
    run.createEndpoint(endpoint, config);
    List<Observation> observations = new ArrayList<>();

    String canaryConfig = run.ledger().name("bake-canary-config");
    run.createEndpointConfig(canaryConfig, fleet(model));
    DeploymentConfig canary = DeploymentConfig.builder().blueGreenUpdatePolicy(b -> b.trafficRoutingConfiguration(
        t -> t.type(TrafficRoutingConfigType.CANARY).waitIntervalInSeconds(0)
            .canarySize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1)))).build();
    update(run, observations, "a canary TrafficRoutingConfiguration", endpoint, canaryConfig, canary,
        "BlueGreenUpdatePolicy: CANARY, CanarySize INSTANCE_COUNT 1, WaitIntervalInSeconds 0");

    String rollingConfig = run.ledger().name("bake-rolling-config");
    run.createEndpointConfig(rollingConfig, fleet(model));
    DeploymentConfig rolling = DeploymentConfig.builder().rollingUpdatePolicy(p -> p.waitIntervalInSeconds(0)
        .maximumBatchSize(c -> c.type(CapacitySizeType.INSTANCE_COUNT).value(1))).build();
    update(run, observations, "a RollingUpdatePolicy", endpoint, rollingConfig, rolling,
        "RollingUpdatePolicy: MaximumBatchSize INSTANCE_COUNT 1, WaitIntervalInSeconds 0");
    return observations;
  }

  /** UpdateEndpoint with {@code deployment}; when answered, the endpoint once the update settled. */
  private static void update(ProbeRun run, List<Observation> observations, String what, String endpoint,
      String config, DeploymentConfig deployment, String described) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("EndpointName", endpoint);
    request.put("EndpointConfigName", config);
    request.put("DeploymentConfig", described);
    // The configuration was just created; what is observed is the update, not its visibility.
    run.whenVisible(() -> run.target().sageMaker().describeEndpointConfig(r -> r.endpointConfigName(config)));
    Observation update = run.observe("UpdateEndpoint with WaitIntervalInSeconds 0 in " + what, request,
        () -> run.target().sageMaker().updateEndpoint(r -> r.endpointName(endpoint).endpointConfigName(config)
            .deploymentConfig(deployment)), answer -> Map.of());
    observations.add(update);
    if (!update.outcome().equals(Observation.ANSWERED)) {
      return;
    }
    run.target().pause(ProbeRun.POLL);
    DescribeEndpointResponse settled = run.waitForEndpoint(endpoint, UPDATE_LIMIT);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("EndpointStatus", settled.endpointStatusAsString());
    fields.put("EndpointConfigName", settled.endpointConfigName());
    fields.put("FailureReason", settled.failureReason() == null ? "" : settled.failureReason());
    observations.add(run.observe("the endpoint after the update with " + what, Map.of("EndpointName", endpoint),
        () -> settled, answer -> fields));
  }

  static ProductionVariant fleet(String model) {
    return ProductionVariant.builder().variantName("AllTraffic").modelName(model).instanceType(INSTANCE_TYPE)
        .initialInstanceCount(INSTANCES).build();
  }
}
