package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentType;
import software.amazon.awssdk.services.sagemaker.model.ModelInfrastructureType;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantAction;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantConfig;

/**
 * A shadow test, start to promote, on the smallest endpoint: what the endpoint looks like before,
 * while an inference experiment runs and after {@code StopInferenceExperiment} promotes the shadow
 * (production action {@code Remove}). Documented: the promoted shadow replaces the production
 * variant ("This removes your current production variant from production and replaces it with your
 * shadow variant", Developer Guide, shadow-tests-complete). Undocumented, and what this probe is for:
 * the production variant's name and the endpoint configuration's name during and after the
 * experiment, and whether a {@code Schedule} with only {@code EndTime} is accepted. Costs: one
 * production and one shadow {@code ml.m5.large} instance for about an hour at most.
 */
public final class InferenceExperimentPromoteProbe implements Probe {
  static final String INSTANCE_TYPE = "ml.m5.large";

  @Override
  public String id() {
    return "inference-experiment-promote";
  }

  @Override
  public String question() {
    return "Which endpoint configuration and production variant name does an endpoint have during a shadow test"
        + " and after Promote?";
  }

  @Override
  public Cost cost() {
    return new Cost(INSTANCE_TYPE, 3);
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    var sageMaker = run.target().sageMaker();
    String production = run.ledger().name("production-model");
    String shadow = run.ledger().name("shadow-model");
    run.createModel(production, run.target().servingImage(), run.target().servingModelDataUrl());
    run.createModel(shadow, run.target().servingImage(), run.target().servingModelDataUrl());
    String config = run.ledger().name("promote-config");
    run.createEndpointConfig(config, EventualConsistencyProbe.variant(production));
    String endpoint = run.ledger().name("promote");
    List<Observation> observations = new ArrayList<>();
    run.createEndpoint(endpoint, config);
    observations.add(endpointObservation(run, "the endpoint before the experiment", endpoint));

    String experiment = run.ledger().name("experiment");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("Name", experiment);
    request.put("Schedule", "EndTime only, 65 minutes ahead");
    Observation created = run.observe("CreateInferenceExperiment with only Schedule.EndTime", request,
        () -> sageMaker.createInferenceExperiment(r -> r.name(experiment).type(InferenceExperimentType.SHADOW_MODE)
            .roleArn(run.target().executionRoleArn()).endpointName(endpoint)
            .schedule(s -> s.endTime(run.target().now().plus(Duration.ofMinutes(65))))
            .modelVariants(variant(production, "AllTraffic"), variant(shadow, "shadow"))
            .shadowModeConfig(c -> c.sourceModelVariantName("AllTraffic")
                .shadowModelVariants(v -> v.shadowModelVariantName("shadow").samplingPercentage(50)))
            .tags(run.tag())),
        answer -> Map.of("InferenceExperimentArn", answer.inferenceExperimentArn()));
    observations.add(created);
    if (!created.outcome().equals(Observation.ANSWERED)) {
      return observations;
    }
    run.ledger().created("inference experiment", experiment, () -> {
      var status = sageMaker.describeInferenceExperiment(r -> r.name(experiment)).status();
      if (List.of(InferenceExperimentStatus.RUNNING, InferenceExperimentStatus.CREATED).contains(status)) {
        sageMaker.stopInferenceExperiment(r -> r.name(experiment).modelVariantActions(Map.of(
            "shadow", ModelVariantAction.REMOVE, "AllTraffic", ModelVariantAction.RETAIN)));
      }
      sageMaker.deleteInferenceExperiment(r -> r.name(experiment));
    });
    var running = run.waitFor(() -> sageMaker.describeInferenceExperiment(r -> r.name(experiment)),
        e -> e.status() != InferenceExperimentStatus.CREATING && e.status() != InferenceExperimentStatus.STARTING
            && e.status() != InferenceExperimentStatus.CREATED,
        Duration.ofMinutes(30), "inference experiment " + experiment);
    Map<String, Object> experimentFields = new LinkedHashMap<>();
    experimentFields.put("Status", running.statusAsString());
    experimentFields.put("ScheduleHasStartTime", running.schedule() != null && running.schedule().startTime() != null);
    observations.add(Observation.answered("the experiment once started", Map.of("Name", run.normalize(experiment)),
        experimentFields));
    run.waitForEndpoint(endpoint, Duration.ofMinutes(30));
    observations.add(endpointObservation(run, "the endpoint while the experiment runs", endpoint));

    Map<String, Object> stop = new LinkedHashMap<>();
    stop.put("ModelVariantActions", "shadow: Promote, AllTraffic: Remove");
    stop.put("DesiredModelVariants", "shadow on the production instance type");
    observations.add(run.observe("StopInferenceExperiment promoting the shadow", stop,
        () -> sageMaker.stopInferenceExperiment(r -> r.name(experiment)
            .modelVariantActions(Map.of("shadow", ModelVariantAction.PROMOTE, "AllTraffic", ModelVariantAction.REMOVE))
            .desiredModelVariants(variant(shadow, "shadow"))),
        answer -> Map.of("InferenceExperimentArn", answer.inferenceExperimentArn())));
    run.target().pause(ProbeRun.POLL);
    DescribeEndpointResponse after = run.waitForEndpoint(endpoint, Duration.ofMinutes(30));
    if (!after.endpointConfigName().equals(config)) {
      // SageMaker made this configuration for the endpoint; it is deleted with the run's.
      String made = after.endpointConfigName();
      run.ledger().created("endpoint configuration", made,
          () -> sageMaker.deleteEndpointConfig(r -> r.endpointConfigName(made)));
    }
    observations.add(endpointObservation(run, "the endpoint after Promote", endpoint));
    return observations;
  }

  /** The endpoint's status, configuration name, variants, shadow variants and the models its configuration names. */
  private static Observation endpointObservation(ProbeRun run, String name, String endpoint) {
    var sageMaker = run.target().sageMaker();
    DescribeEndpointResponse described = sageMaker.describeEndpoint(r -> r.endpointName(endpoint));
    var config = sageMaker.describeEndpointConfig(r -> r.endpointConfigName(described.endpointConfigName()));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("EndpointStatus", described.endpointStatusAsString());
    fields.put("EndpointConfigName", described.endpointConfigName());
    fields.put("ProductionVariants", described.productionVariants().stream().map(v -> v.variantName()).toList());
    fields.put("ShadowProductionVariants", described.shadowProductionVariants().stream().map(v -> v.variantName())
        .toList());
    fields.put("ProductionModels", config.productionVariants().stream().map(v -> v.modelName()).toList());
    return Observation.answered(name, Map.of("EndpointName", run.normalize(endpoint)), normalized(run, fields));
  }

  private static Map<String, Object> normalized(ProbeRun run, Map<String, Object> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((k, v) -> out.put(k, v instanceof String s ? run.normalize(s)
        : v instanceof List<?> l ? l.stream().map(x -> run.normalize(String.valueOf(x))).toList() : v));
    return out;
  }

  private static ModelVariantConfig variant(String model, String variant) {
    return ModelVariantConfig.builder().modelName(model).variantName(variant)
        .infrastructureConfig(i -> i.infrastructureType(ModelInfrastructureType.REAL_TIME_INFERENCE)
            .realTimeInferenceConfig(r -> r.instanceType(INSTANCE_TYPE).instanceCount(1)))
        .build();
  }
}
