package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/**
 * An instance-type change of an autoscaled variant, done the way the developer guide prescribes
 * (endpoint-scaling-update: "If you are trying to update the endpoint by calling the UpdateEndpoint
 * API, the call fails. Before you update the endpoint ... deregister the variant as a scalable
 * target ... After you update the endpoint, you can register the updated variant"), and rolled back
 * by an alarm ({@link ForcedRollback}). Documented: the update is refused while the variant is a
 * scalable target (its code and text are not). Undocumented, and what this probe is for: whether
 * anything registers the variant again when SageMaker rolls the update back (the reading taken is
 * that nothing does, so a tool that deregistered must register again itself). Costs: one
 * {@code ml.m5.large} for the endpoint's life and one {@code ml.m5.xlarge} while the new fleet
 * bakes, counted as 2.5 {@code ml.m5.xlarge} instance-hours at most.
 */
public final class ScaledInstanceTypeRollbackProbe implements Probe {
  static final String INSTANCE_TYPE = "ml.m5.large";
  static final String NEW_INSTANCE_TYPE = "ml.m5.xlarge";

  @Override
  public String id() {
    return "scaled-instance-type-rollback";
  }

  @Override
  public String question() {
    return "Is an instance-type change of a scalable target refused, and is the variant a scalable target again after"
        + " SageMaker rolled back a change made with it deregistered?";
  }

  @Override
  public Cost cost() {
    // ml.m5.large for 30 min creating plus 45 min updating, ml.m5.xlarge for the 45 min update: priced as xlarge.
    return new Cost(NEW_INSTANCE_TYPE, 2.5);
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    var sageMaker = run.target().sageMaker();
    var autoScaling = run.target().autoScaling();
    String model = run.ledger().name("scaled-model");
    run.createModel(model, run.target().servingImage(), run.target().servingModelDataUrl());
    String config = run.ledger().name("scaled-config");
    run.createEndpointConfig(config, variant(model, INSTANCE_TYPE));
    String endpoint = run.ledger().name("scaled");
    run.createEndpoint(endpoint, config);
    String alarm = run.ledger().name("scaled-alarm");
    ForcedRollback.createAlarm(run, alarm);
    String next = run.ledger().name("scaled-xlarge-config");
    run.createEndpointConfig(next, variant(model, NEW_INSTANCE_TYPE));
    run.whenVisible(() -> sageMaker.describeEndpointConfig(r -> r.endpointConfigName(next)));
    String resource = "endpoint/" + endpoint + "/variant/AllTraffic";
    List<Observation> observations = new ArrayList<>();

    Map<String, Object> target = new LinkedHashMap<>();
    target.put("ResourceId", resource);
    target.put("MinCapacity", 1);
    target.put("MaxCapacity", 2);
    Observation registered = run.observe("RegisterScalableTarget of the variant", target,
        () -> autoScaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resource)
            .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(1).maxCapacity(2)),
        answer -> Map.of());
    observations.add(registered);
    if (!registered.outcome().equals(Observation.ANSWERED)) {
      return observations;
    }
    run.ledger().created("scalable target", resource, () -> autoScaling.deregisterScalableTarget(r -> r
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resource)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)));

    Map<String, Object> request = new LinkedHashMap<>();
    request.put("EndpointName", endpoint);
    request.put("EndpointConfigName", next);
    request.put("DeploymentConfig", "BlueGreenUpdatePolicy: ALL_AT_ONCE, WaitIntervalInSeconds "
        + ForcedRollback.BAKE_SECONDS + "; AutoRollbackConfiguration: " + alarm);
    Observation refused = run.observe("UpdateEndpoint changing the instance type of the scalable target", request,
        () -> update(run, endpoint, next, alarm), answer -> Map.of());
    observations.add(refused);
    if (refused.outcome().equals(Observation.ANSWERED)) {
      // Against the developer guide: wait the update out so the probe goes on from the old fleet.
      ForcedRollback.holdUntilOver(run, endpoint, alarm, new ArrayList<>());
    }
    observations.add(targets(run, "the scalable targets after the refused update", resource));

    observations.add(run.observe("DeregisterScalableTarget of the variant", Map.of("ResourceId", resource),
        () -> autoScaling.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)
            .resourceId(resource).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)),
        answer -> Map.of()));
    Observation update = run.observe("UpdateEndpoint changing the instance type once deregistered", request,
        () -> update(run, endpoint, next, alarm), answer -> Map.of());
    observations.add(update);
    if (!update.outcome().equals(Observation.ANSWERED)) {
      return observations;
    }
    ForcedRollback.waitForBake(run, endpoint);
    ForcedRollback.force(run, alarm);
    DescribeEndpointResponse after = ForcedRollback.holdUntilOver(run, endpoint, alarm, new ArrayList<>());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("EndpointStatus", after.endpointStatusAsString());
    fields.put("EndpointConfigName", after.endpointConfigName());
    fields.put("FailureReason", after.failureReason() == null ? "" : after.failureReason());
    observations.add(run.observe("the endpoint after the alarm rolled the change back", Map.of("EndpointName", endpoint),
        () -> after, answer -> fields));
    observations.add(targets(run, "the scalable targets after the rollback", resource));
    return observations;
  }

  private static Object update(ProbeRun run, String endpoint, String config, String alarm) {
    return run.target().sageMaker().updateEndpoint(r -> r.endpointName(endpoint).endpointConfigName(config)
        .deploymentConfig(d -> d.blueGreenUpdatePolicy(b -> b.trafficRoutingConfiguration(t -> t
                .type(TrafficRoutingConfigType.ALL_AT_ONCE).waitIntervalInSeconds(ForcedRollback.BAKE_SECONDS)))
            .autoRollbackConfiguration(a -> a.alarms(x -> x.alarmName(alarm)))));
  }

  /** The variant's scalable targets: how many, and their capacities. */
  private static Observation targets(ProbeRun run, String name, String resource) {
    // A registration is eventually consistent like the rest (docs/local.md, Eventual consistency): what is
    // observed is the target after the update, not how soon it shows.
    run.target().pause(ProbeRun.POLL);
    return run.observe(name, Map.of("ResourceId", resource), () -> run.target().autoScaling().describeScalableTargets(
            r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceIds(resource)),
        (DescribeScalableTargetsResponse answer) -> Map.of("ScalableTargets", answer.scalableTargets().stream()
            .map(t -> t.minCapacity() + ".." + t.maxCapacity()).toList()));
  }

  private static ProductionVariant variant(String model, String instanceType) {
    return ProductionVariant.builder().variantName("AllTraffic").modelName(model).instanceType(instanceType)
        .initialInstanceCount(1).build();
  }
}
