package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.AlarmLookup;
import dev.sagemakergitops.core.aws.SageMakerModelPackages;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.health.HealthState;
import dev.sagemakergitops.core.health.IntentTag;
import dev.sagemakergitops.core.manifest.EndpointSpec;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.MultiModelArtifacts;
import dev.sagemakergitops.core.manifest.Spec;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.model.ServingContainer;
import dev.sagemakergitops.core.operation.model.ServingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/**
 * The pre-flight ({@code begin}): checks everything before anything is changed, and decides the
 * {@link DeployPlan}. The manifest has {@code model} and {@code endpoint}; the model package is
 * approved and completed; the rollback alarms exist (and are not in ALARM already, unless the
 * request says to go ahead); the live endpoint (if any) admits the manifest's deployment
 * ({@link Guardrails}). Reads only.
 */
final class DeployPreflight {
  private static final int BEGIN_ATTEMPTS = 4;

  private final OperationContext context;

  DeployPreflight(OperationContext context) {
    this.context = context;
  }

  /** @throws OperationInputException naming file, line and field of every problem */
  DeployState begin(DeployRequest request) {
    ResolvedManifest manifest = request.manifest();
    Spec spec = manifest.manifest().spec();
    List<ManifestProblem> problems = new ArrayList<>();
    if (spec.model() == null) {
      problems.add(manifest.problemAt("spec", "safe deploy needs a 'model' section naming the model package to "
          + "serve; add spec.model"));
    }
    if (spec.endpoint() == null) {
      problems.add(manifest.problemAt("spec", "safe deploy needs an 'endpoint' section; add spec.endpoint with "
          + "the endpoint name and its variants"));
    }
    if (!problems.isEmpty()) {
      throw new OperationInputException(problems);
    }
    return retrying(() -> preflight(request));
  }

  private DeployState preflight(DeployRequest request) {
    ResolvedManifest manifest = request.manifest();
    EndpointSpec endpoint = manifest.manifest().spec().endpoint();
    String region = context.regionOf(manifest);
    DesiredServing desired = DesiredServing.of(context, manifest);
    ServingModel model = desired.model();
    Map<String, ServingModel> byVariant = desired.byVariant();
    EndpointConfigDefinition config = desired.config();
    DeploymentPolicy policy = DeploymentPolicy.of(endpoint);
    List<ManifestProblem> problems = new ArrayList<>();
    SageMakerClient sageMaker = context.clients().sageMaker(region);
    Optional<DescribeEndpointResponse> live = LiveEndpoint.describe(sageMaker, endpoint.name());
    // Nothing to compare with while the endpoint is being created (no variants yet) or deleted, or
    // is Failed; and nothing to check when it already serves (or is being moved to) this configuration.
    HealthState health = live.isEmpty() ? HealthState.MISSING
        : EndpointHealthClassifier.classify(endpoint.name(), live.get(), null, config.name(), List.of()).state();
    if (live.isPresent() && !live.get().productionVariants().isEmpty()
        && !EnumSet.of(HealthState.DEPLOYING, HealthState.HEALTHY, HealthState.FAILED, HealthState.DELETING)
            .contains(health)) {
      String serving = health == HealthState.OUT_OF_DATE ? live.get().endpointConfigName() : null;
      for (Guardrails.Problem p : Guardrails.check(LiveEndpoint.read(sageMaker, live.get(), serving), config, policy)) {
        problems.add(manifest.problemAt(p.field(), p.message()));
      }
    }
    List<String> warnings = new ArrayList<>();
    if (!policy.alarms().isEmpty()) {
      checkAlarms(request, policy, region, problems, warnings);
    }
    SmokeTestPlan smokeTest = SmokeTestPreflight.check(context, manifest, config, region, problems);
    if ("MultiModel".equals(model.mode())) {
      MultiModelArtifacts.problem(model.modelDataUrl()).ifPresent(p -> problems.add(manifest.problemAt("spec.model.mode", p)));
    }
    if (!problems.isEmpty()) {
      throw new OperationInputException(problems);
    }
    Map<String, String> tags = new LinkedHashMap<>(model.lineage().toTags());
    tags.putAll(EndpointConfigDefinition.variantTags(model, byVariant));
    tags.put(IntentTag.KEY, config.name());
    manifest.manifest().metadata().labels().forEach(tags::putIfAbsent);
    DeployPlan plan = new DeployPlan(region, endpoint.name(), manifest.name(), manifest.origin().manifestPath(), model,
        config, policy, AutoscalingPlan.of(endpoint), tags, request.cleanUp(), request.conflictWait().toSeconds(), warnings,
        desired.variantModels(), smokeTest);
    return DeployState.start(plan, context.clock().instant());
  }

  /**
   * The pre-flight reads whose answers can change while a planned deploy waits to start (a shadow
   * test's promotion runs an experiment's hour after its pre-flight): every model package the plan
   * serves is still {@code Approved} (someone may have rejected it meanwhile, and SageMaker deploys
   * only Approved versions), and the rollback alarms still exist and are not in ALARM (SageMaker
   * would fail the update for want of one, or roll back at the first bake and blame the new model).
   * Planned without {@code despiteAlarms}, so an alarm in ALARM stops the start. Reads only: one
   * {@code DescribeModelPackage} per package and one {@code DescribeAlarms}.
   *
   * @return what stops the deploy now, one sentence each; empty when it may start
   */
  List<String> recheck(DeployPlan plan) {
    return retrying(() -> {
      List<String> stops = new ArrayList<>();
      SageMakerModelPackages packages = new SageMakerModelPackages(context.clients().sageMaker(plan.region()));
      for (String arn : packageArns(plan)) {
        Optional<DescribeModelPackageResponse> found = packages.find(arn);
        if (found.isEmpty()) {
          stops.add("model package " + arn + " no longer exists");
        } else if (found.get().modelApprovalStatus() != ModelApprovalStatus.APPROVED) {
          stops.add("model package " + arn + " is " + found.get().modelApprovalStatusAsString()
              + " now, and SageMaker deploys only Approved versions");
        }
      }
      List<String> alarmNames = plan.deployment().alarms();
      if (!alarmNames.isEmpty()) {
        Map<String, AlarmLookup.Alarm> alarms = new AlarmLookup(context.clients().cloudWatch(plan.region()))
            .describe(alarmNames);
        List<String> missing = alarmNames.stream().filter(a -> !alarms.containsKey(a)).toList();
        if (!missing.isEmpty()) {
          stops.add("CloudWatch no longer has the rollback alarm(s) " + missing + " in " + plan.region());
        }
        List<String> inAlarm = alarms.values().stream().filter(AlarmLookup.Alarm::inAlarm)
            .map(AlarmLookup.Alarm::name).toList();
        if (!inAlarm.isEmpty()) {
          stops.add("rollback alarm(s) " + inAlarm + " are in ALARM, so SageMaker would roll the deployment back at "
              + "its first bake and blame the new model");
        }
      }
      return stops;
    });
  }

  private static List<String> packageArns(DeployPlan plan) {
    java.util.Set<String> arns = new java.util.LinkedHashSet<>();
    for (ServingModel model : plan.models()) {
      if (model.modelPackageArn() != null) {
        arns.add(model.modelPackageArn());
      }
      model.containers().stream().map(ServingContainer::modelPackageArn).filter(java.util.Objects::nonNull)
          .forEach(arns::add);
    }
    return List.copyOf(arns);
  }

  /**
   * The rollback alarms must exist (SageMaker fails the update for want of one), must not be in
   * ALARM already (SageMaker reads them at the first bake and would roll back at once, blaming the
   * new model: "if your old fleet trips the alarm during the deployment, SageMaker terminates your
   * deployment", Developer Guide, deployment-guardrails-configuration) unless the request says to go
   * ahead, and should be able to go to ALARM within a bake (a warning otherwise). One
   * {@code DescribeAlarms}.
   */
  private void checkAlarms(DeployRequest request, DeploymentPolicy policy, String region,
      List<ManifestProblem> problems, List<String> warnings) {
    ResolvedManifest manifest = request.manifest();
    String field = "spec.endpoint.deployment.rollbackAlarms";
    String endpointName = manifest.manifest().spec().endpoint().name();
    Map<String, AlarmLookup.Alarm> alarms = new AlarmLookup(context.clients().cloudWatch(region)).describe(policy.alarms());
    List<String> missing = policy.alarms().stream().filter(a -> !alarms.containsKey(a)).toList();
    if (!missing.isEmpty()) {
      problems.add(manifest.problemAt(field, "CloudWatch has no alarm named " + missing + " in " + region
          + "; SageMaker would fail the update for want of it. Create the alarm (on AWS/SageMaker metrics of "
          + endpointName + ") or correct the name"));
    }
    List<String> inAlarm = alarms.values().stream().filter(AlarmLookup.Alarm::inAlarm).map(AlarmLookup.Alarm::name)
        .toList();
    if (!inAlarm.isEmpty() && !request.despiteAlarms()) {
      problems.add(manifest.problemAt(field, "rollback alarm(s) " + inAlarm + " are in ALARM already, before "
          + "anything is deployed: SageMaker would roll the deployment back at its first bake and the rollback would "
          + "blame the new model. Find out why they are in ALARM and deploy once they are OK, or go ahead knowingly "
          + "(deploy --despite-alarms; the safeDeploy step's despiteAlarms: true)"));
    } else if (!inAlarm.isEmpty()) {
      warnings.add("rollback alarm(s) " + inAlarm + " are in ALARM already; going ahead as asked (despite alarms): "
          + "SageMaker will most likely roll the deployment back at its first bake");
    }
    Duration window = Duration.ofSeconds(Math.max(policy.bakeSeconds(), policy.terminationWaitSeconds()));
    for (AlarmLookup.Alarm alarm : alarms.values()) {
      if (alarm.timeToAlarm() != null && alarm.timeToAlarm().compareTo(window) > 0 && !window.isZero()) {
        warnings.add("rollback alarm " + alarm.name() + " needs " + alarm.timeToAlarm().toSeconds() + " s of breaching "
            + "data (period x datapoints to alarm) to go to ALARM, longer than the longest bake ("
            + window.toSeconds() + " s): a bake can end before it fires. Lengthen bake, or shorten the alarm's period "
            + "or datapoints");
      }
    }
  }

  /**
   * {@code begin} is not retried by the runner, so its reads are retried here when they fail
   * transiently (the SDK has already retried each call). The package lookup reports a failed call
   * as an {@link IllegalStateException}, which is retried too.
   */
  private static <T> T retrying(Supplier<T> body) {
    for (int attempt = 1; ; attempt++) {
      try {
        return body.get();
      } catch (OperationInputException e) {
        throw e;
      } catch (RuntimeException e) {
        boolean retryable = TransientFailures.isTransient(e) || e instanceof IllegalStateException;
        if (attempt >= BEGIN_ATTEMPTS || !retryable) {
          throw e;
        }
      }
    }
  }
}
