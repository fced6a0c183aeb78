package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * The create-then-use chains AWS documents as eventually consistent (botocore sagemaker
 * CreateEndpoint: "If the dependent entities are not yet in DynamoDB, this causes a validation error";
 * application-autoscaling RegisterScalableTarget: "there might be a brief delay"), in two parts.
 *
 * <p>The answers when the dependency does not exist at all, which is what a caller sees while a new
 * one is still invisible: compared with the local control plane's {@code --consistency-delay}
 * answers. And, for each chain, the use right after the create, repeated every second until it is
 * accepted: how many refusals and how long, recorded for people ({@link Observation#informational}),
 * never compared, since the window is AWS's and varies. Free: no endpoint is created.
 */
public final class EventualConsistencyProbe implements Probe {
  /** How long a chain is retried before the probe gives up on it. */
  static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final Duration STEP = Duration.ofSeconds(1);

  @Override
  public String id() {
    return "eventual-consistency";
  }

  @Override
  public String question() {
    return "What does a call answer when the resource it uses is not (yet) visible, and for how long after its create?";
  }

  @Override
  public Cost cost() {
    return Cost.NONE;
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    var sageMaker = run.target().sageMaker();
    List<Observation> observations = new ArrayList<>();
    String absentModel = run.ledger().name("absent-model");
    String absentConfig = run.ledger().name("absent-config");
    // Should AWS ever accept these, what they created is deleted with the rest of the run.
    String neverConfig = run.ledger().name("never-config");
    run.ledger().created("endpoint configuration", neverConfig,
        () -> sageMaker.deleteEndpointConfig(r -> r.endpointConfigName(neverConfig)));
    observations.add(run.observe("CreateEndpointConfig naming a model that does not exist",
        Map.of("ModelName", absentModel),
        () -> sageMaker.createEndpointConfig(r -> r.endpointConfigName(neverConfig)
            .productionVariants(variant(absentModel)).tags(run.tag())),
        answer -> Map.of("EndpointConfigArn", answer.endpointConfigArn())));
    String neverEndpoint = run.ledger().name("never-endpoint");
    run.ledger().created("endpoint", neverEndpoint, () -> sageMaker.deleteEndpoint(r -> r.endpointName(neverEndpoint)));
    observations.add(run.observe("CreateEndpoint naming an endpoint configuration that does not exist",
        Map.of("EndpointConfigName", absentConfig),
        () -> sageMaker.createEndpoint(r -> r.endpointName(neverEndpoint)
            .endpointConfigName(absentConfig).tags(run.tag())),
        answer -> Map.of("EndpointArn", answer.endpointArn())));
    observations.add(run.observe("DescribeEndpointConfig of an endpoint configuration that does not exist",
        Map.of("EndpointConfigName", absentConfig),
        () -> sageMaker.describeEndpointConfig(r -> r.endpointConfigName(absentConfig)),
        answer -> Map.of("EndpointConfigArn", answer.endpointConfigArn())));
    String absentVersion = "arn:aws:sagemaker:" + run.target().region() + ":" + accountOf(run) + ":model-package/"
        + run.ledger().name("absent-group") + "/1";
    observations.add(run.observe("DescribeModelPackage of a version that does not exist",
        Map.of("ModelPackageName", absentVersion),
        () -> sageMaker.describeModelPackage(r -> r.modelPackageName(absentVersion)),
        answer -> Map.of("ModelPackageArn", answer.modelPackageArn())));
    String resourceId = "endpoint/" + run.ledger().name("absent-endpoint") + "/variant/AllTraffic";
    observations.add(run.observe("PutScalingPolicy on a scalable target that is not registered",
        Map.of("ResourceId", resourceId),
        () -> run.target().autoScaling().putScalingPolicy(r -> r.policyName(run.ledger().name("policy"))
            .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)
            .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
            .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(t -> t
                .targetValue(70.0).predefinedMetricSpecification(p -> p
                    .predefinedMetricType("SageMakerVariantInvocationsPerInstance")))),
        answer -> Map.of("PolicyARN", answer.policyARN())));

    String model = run.ledger().name("model");
    run.createModel(model, run.target().servingImage(), run.target().servingModelDataUrl());
    String config = run.ledger().name("config");
    observations.add(race(run, "CreateEndpointConfig right after CreateModel", Map.of("ModelName", model), () -> {
      sageMaker.createEndpointConfig(r -> r.endpointConfigName(config).productionVariants(variant(model))
          .tags(run.tag()));
      run.ledger().created("endpoint configuration", config,
          () -> sageMaker.deleteEndpointConfig(r -> r.endpointConfigName(config)));
    }));
    observations.add(race(run, "DescribeEndpointConfig right after CreateEndpointConfig",
        Map.of("EndpointConfigName", config), () -> sageMaker.describeEndpointConfig(r -> r.endpointConfigName(config))));
    String group = run.ledger().name("group");
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group).tags(run.tag()));
    run.ledger().created("model package group", group,
        () -> sageMaker.deleteModelPackageGroup(r -> r.modelPackageGroupName(group)));
    String version = run.whenVisible(() -> sageMaker.createModelPackage(r -> r.modelPackageGroupName(group)
        .inferenceSpecification(i -> i.containers(c -> c.image(run.target().servingImage()))
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")))).modelPackageArn();
    run.ledger().created("model package", version, () -> sageMaker.deleteModelPackage(r -> r.modelPackageName(version)));
    observations.add(race(run, "DescribeModelPackage right after CreateModelPackage",
        Map.of("ModelPackageGroupName", group), () -> sageMaker.describeModelPackage(r -> r.modelPackageName(version))));
    return observations;
  }

  /**
   * Repeats {@code use} every second until it is accepted, at most {@link #PATIENCE}: whether it was
   * accepted, and (informational) after how many refusals, how many seconds, and the first refusal.
   */
  private static Observation race(ProbeRun run, String name, Map<String, Object> request, Runnable use) {
    int refusals = 0;
    String firstRefusal = "";
    Duration waited = Duration.ZERO;
    boolean accepted = false;
    while (!accepted && waited.compareTo(PATIENCE) <= 0) {
      try {
        use.run();
        accepted = true;
      } catch (AwsServiceException e) {
        if (refusals++ == 0) {
          firstRefusal = e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
        }
        run.target().pause(STEP);
        waited = waited.plus(STEP);
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("acceptedWithinTwoMinutes", accepted);
    answer.put("refusalsBeforeAccepted", refusals);
    answer.put("secondsUntilAccepted", waited.toSeconds());
    answer.put("firstRefusal", firstRefusal);
    Supplier<Map<String, Object>> fields = () -> answer;
    return run.observe(name, request, fields, a -> a)
        .informational("refusalsBeforeAccepted", "secondsUntilAccepted", "firstRefusal");
  }

  private static String accountOf(ProbeRun run) {
    // The account shows in the ARN of anything created; an empty model package group is free.
    String arn = run.target().sageMaker().createModelPackageGroup(r -> r.modelPackageGroupName(
        run.ledger().name("account")).tags(run.tag())).modelPackageGroupArn();
    String group = run.ledger().name("account");
    run.ledger().created("model package group", group,
        () -> run.target().sageMaker().deleteModelPackageGroup(r -> r.modelPackageGroupName(group)));
    return arn.split(":")[4];
  }

  static ProductionVariant variant(String model) {
    return ProductionVariant.builder().variantName("AllTraffic").modelName(model).instanceType("ml.m5.large")
        .initialInstanceCount(1).build();
  }
}
