package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.AlarmLookup;
import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.ImageRetention;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.health.EndpointHealth;
import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.health.EndpointHealthReader;
import dev.sagemakergitops.core.health.HealthState;
import dev.sagemakergitops.core.health.IntentTag;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.manifest.EndpointSpec;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.SageMakerLimits;
import dev.sagemakergitops.core.manifest.Spec;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.model.ServingModels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.VariantProperty;
import software.amazon.awssdk.services.sagemaker.model.VariantPropertyType;

/**
 * Safe deploy: the manifest's model package version becomes a model and an endpoint configuration
 * (names derived from the resolved spec), the endpoint is created or updated with the manifest's
 * {@code DeploymentConfig} (SageMaker's own blue/green or rolling guardrails, with alarm-based
 * auto-rollback), and the result is verified: the live {@code EndpointConfigName} is the one
 * requested, the endpoint is {@code InService}, and every variant runs the pinned image digest.
 * Anything else is a failure; a rollback by SageMaker is never reported as success. See the package
 * documentation for the stages and {@code docs/operations.md} for the user's view.
 */
public final class SafeDeployOperation implements Operation<DeployRequest, DeployState, DeployResult> {
  public static final String NAME = "safeDeploy";
  /** The endpoint tag naming the configuration this tool last asked the endpoint to serve. */
  public static final String CONFIG_TAG = IntentTag.KEY;
  /** Right after UpdateEndpoint, SageMaker may still describe the endpoint as it was for a moment. */
  static final Duration VISIBILITY = Duration.ofMinutes(2);
  /** The lineage tags that tell whether the endpoint's tags describe this manifest's deployment. */
  private static final List<String> IDENTITY_TAGS = List.of(CONFIG_TAG, Lineage.TAG_PREFIX + "manifest-path",
      Lineage.TAG_PREFIX + "manifest-blob", Lineage.TAG_PREFIX + "image-digest", Lineage.TAG_PREFIX + "model-package");
  private static final int BEGIN_ATTEMPTS = 4;
  /** Polls in a row that may meet Application Auto Scaling's eventual consistency after a registration. */
  private static final int AUTOSCALING_RETRIES = 5;

  private final OperationContext context;
  private final DeploymentSchedule schedule;
  private final CommitAncestry ancestry;

  public SafeDeployOperation(OperationContext context) {
    this(context, DeploymentSchedule.of(context.polling()));
  }

  public SafeDeployOperation(OperationContext context, DeploymentSchedule schedule) {
    this(context, schedule, CommitAncestry.UNKNOWN);
  }

  /** With {@code ancestry}, a run that waited for another deployment never replaces a newer commit with its own. */
  public SafeDeployOperation(OperationContext context, CommitAncestry ancestry) {
    this(context, DeploymentSchedule.of(context.polling()), ancestry);
  }

  public SafeDeployOperation(OperationContext context, DeploymentSchedule schedule, CommitAncestry ancestry) {
    this.context = context;
    this.schedule = schedule;
    this.ancestry = ancestry;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<DeployState> stateType() {
    return DeployState.class;
  }

  // ---- begin: the pre-flight ------------------------------------------------------------------

  /**
   * Checks everything before anything is changed: the manifest has {@code model} and
   * {@code endpoint}; the model package is approved and completed; the rollback alarms exist; the
   * live endpoint (if any) admits the manifest's deployment (variant names, rolling and Inf1
   * exclusions). Reads only.
   *
   * @throws OperationInputException naming file, line and field of every problem
   */
  @Override
  public DeployState begin(DeployRequest request) {
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
    ServingModel model = new ServingModels(context).define(manifest);
    EndpointConfigDefinition config = EndpointConfigDefinition.of(manifest, model);
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
    if (!problems.isEmpty()) {
      throw new OperationInputException(problems);
    }
    Map<String, String> tags = new LinkedHashMap<>(model.lineage().toTags());
    tags.put(CONFIG_TAG, config.name());
    manifest.manifest().metadata().labels().forEach(tags::putIfAbsent);
    DeployPlan plan = new DeployPlan(region, endpoint.name(), manifest.name(), manifest.origin().manifestPath(), model,
        config, policy, AutoscalingPlan.of(endpoint), tags, request.cleanUp(), request.conflictWait().toSeconds(), warnings);
    return DeployState.start(plan, now());
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
  private <T> T retrying(Supplier<T> body) {
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

  // ---- poll -----------------------------------------------------------------------------------

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state) {
    List<OperationEvent> events = new ArrayList<>();
    switch (state.stage()) {
      case MODEL:
        return model(state, events);
      case CONFIG:
        return config(state, events);
      case ENDPOINT:
        return endpoint(state, events);
      case DEPLOYING:
        return deploying(state, events);
      case AUTOSCALING:
        return autoscaling(state, events);
      case TAGS:
        return tags(state, events);
      case CLEAN_UP:
        return cleanUp(state, events);
      case RESTORING:
        return restoring(state, events);
      case SUCCEEDED:
        return new Step.Succeeded<>(state, events, result(state));
      default:
        return new Step.Failed<>(state, events, state.failure());
    }
  }

  private Step<DeployState, DeployResult> model(DeployState state, List<OperationEvent> events) {
    ServingModel model = state.plan().model();
    state.plan().warnings().forEach(w -> event(events, state, "warning: " + w));
    if (state.plan().config().variants().stream().anyMatch(variant -> variant.instanceType() != null)) {
      // Instances pull the image on every launch; serverless endpoints keep a copy (SageMaker Developer
      // Guide, serverless endpoints), so only instance-backed ones are exposed to an expired image.
      ImageRetention.using(context.clients()).warnings(ImageReference.parse(model.image()))
          .forEach(warning -> event(events, state, "warning: " + warning));
    }
    boolean created = new ServingModels(context).ensure(model);
    if (created) {
      event(events, state, "created model " + model.name() + " (" + model.image() + ", " + model.modelDataUrl() + ")");
    } else {
      event(events, state, "model " + model.name() + " exists; reusing it");
    }
    return next(state.with(d -> {
      d.stage = DeployState.Stage.CONFIG;
      if (created) {
        d.created.add(model.name());
      }
    }), events);
  }

  private Step<DeployState, DeployResult> config(DeployState state, List<OperationEvent> events) {
    EndpointConfigDefinition config = state.plan().config();
    SageMakerClient sageMaker = sageMaker(state);
    if (LiveEndpoint.describeConfig(sageMaker, config.name()).isPresent()) {
      event(events, state, "endpoint configuration " + config.name() + " exists; reusing it");
    } else {
      try {
        EventualConsistency.use(EventualConsistency.young(state.startedAt(), now()),
            "model " + state.plan().model().name(), () -> sageMaker.createEndpointConfig(config.toRequest()));
        event(events, state, "created endpoint configuration " + config.name() + " (variants "
            + config.variantNames() + ")");
        return next(state.with(d -> {
          d.stage = DeployState.Stage.ENDPOINT;
          d.created.add(config.name());
        }), events);
      } catch (SageMakerException e) {
        if (!SageMakerErrors.isAlreadyExists(e)) {
          throw e;
        }
        event(events, state, "endpoint configuration " + config.name() + " exists; reusing it");
      }
    }
    return next(state.with(d -> d.stage = DeployState.Stage.ENDPOINT), events);
  }

  /**
   * Decides what to do with the endpoint, from its health: create, update, nothing, attach to our
   * deployment in progress, or wait for whatever else is changing it (another deployment, a
   * capacity change, SageMaker's maintenance, an inference experiment).
   */
  private Step<DeployState, DeployResult> endpoint(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    SageMakerClient sageMaker = sageMaker(state);
    EndpointHealthReader reader = new EndpointHealthReader(sageMaker);
    Optional<DescribeEndpointResponse> found = reader.describe(plan.endpointName());
    if (found.isEmpty()) {
      return create(state, sageMaker, events);
    }
    DescribeEndpointResponse endpoint = found.get();
    String ours = plan.config().name();
    EndpointHealth health = reader.classify(endpoint, null, ours);
    switch (health.state()) {
      case DEPLOYING:
        return attach(state, sageMaker, reader, endpoint, events);
      case SCALING:
        // Autoscaling changes capacity on the configuration the endpoint serves: when that is ours,
        // the wait is the same as for our own deployment.
        if (ours.equals(endpoint.endpointConfigName())) {
          return attach(state, sageMaker, reader, endpoint, events);
        }
        return otherDeployment(state, endpoint, health, events);
      case UPDATING_ELSEWHERE:
      case CAPACITY_ROLLING_BACK:
      case SYSTEM_UPDATING:
      case SHADOW_TEST:
      case DELETING:
        return otherDeployment(state, endpoint, health, events);
      case FAILED:
        return fail(state, events, OperationFailure.of(Kind.CONFLICT, "endpoint " + plan.endpointName()
            + " is Failed (" + health.reasonText() + "), and SageMaker allows only DeleteEndpoint on "
            + "a failed endpoint; delete it (aws sagemaker delete-endpoint --endpoint-name " + plan.endpointName()
            + ") and deploy again", endpoint.failureReason()));
      case HEALTHY:
        event(events, state, "endpoint " + plan.endpointName() + " already serves " + ours + "; no update needed");
        return verify(state.with(d -> {
          d.change = d.change == null ? "UNCHANGED" : d.change;
          d.conflictSince = null;
        }), endpoint, events);
      default:
        // InService on another configuration, UpdateRollbackFailed (SageMaker accepts a new update
        // from the old fleet) and OutOfService: updated, unless an inference experiment runs on it.
        EndpointHealth settled = reader.classifyWithExperiments(endpoint, null, ours);
        if (settled.state() == HealthState.SHADOW_TEST) {
          return otherDeployment(state, endpoint, settled, events);
        }
        if (state.conflictSince() != null) {
          Optional<String> newer = supersededBy(plan, sageMaker, endpoint);
          if (newer.isPresent()) {
            return fail(state, events, OperationFailure.of(Kind.CONFLICT, "superseded by " + newer.get() + ": the "
                + "deployment this run waited for left endpoint " + plan.endpointName() + " on "
                + endpoint.endpointConfigName() + ", made from commit " + newer.get() + ", which descends from this "
                + "run's commit " + plan.model().lineage().commit() + "; an older commit is not put back. Nothing was "
                + "changed"));
          }
        }
        return update(state, sageMaker, endpoint, events);
    }
  }

  /**
   * The commit the endpoint's live configuration was made from (its lineage tags), when it is a
   * later commit than this run's in Git's order: a deployer that waited must not put an older
   * commit back over it. Empty when the order is not later or unknown.
   */
  private Optional<String> supersededBy(DeployPlan plan, SageMakerClient sageMaker, DescribeEndpointResponse endpoint) {
    String ours = plan.model().lineage().commit();
    Optional<String> arn = LiveEndpoint.describeConfig(sageMaker, endpoint.endpointConfigName())
        .map(c -> c.endpointConfigArn());
    if (ours == null || arn.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> tags = new HashMap<>();
    sageMaker.listTagsPaginator(r -> r.resourceArn(arn.get())).tags().forEach(t -> tags.put(t.key(), t.value()));
    String live = Lineage.fromTags(tags).commit();
    if (live == null || live.equals(ours)) {
      return Optional.empty();
    }
    return ancestry.descendsFrom(live, ours).filter(Boolean::booleanValue).map(yes -> live);
  }

  private Step<DeployState, DeployResult> create(DeployState state, SageMakerClient sageMaker,
      List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    boolean young = EventualConsistency.young(state.startedAt(), now());
    String dependency = "endpoint configuration " + plan.config().name();
    // AWS recommends DescribeEndpointConfig before CreateEndpoint (eventual consistency).
    if (young && LiveEndpoint.describeConfig(sageMaker, plan.config().name()).isEmpty()) {
      throw EventualConsistency.notYetVisible(dependency);
    }
    try {
      Map<String, String> tags = new LinkedHashMap<>(plan.endpointTags());
      tags.put(CONFIG_TAG, intent(plan, null).format());
      EventualConsistency.use(young, dependency, () -> sageMaker.createEndpoint(r -> r.endpointName(plan.endpointName())
          .endpointConfigName(plan.config().name()).tags(EndpointConfigDefinition.tagList(tags))));
    } catch (SageMakerException e) {
      if (SageMakerErrors.isAlreadyExists(e)) {
        // Created meanwhile (an earlier attempt whose answer was lost, or another run): look again.
        return new Step.Running<>(state, events, context.polling().unknown(context.random()));
      }
      return refused(state, events, e, "CreateEndpoint");
    }
    Instant now = now();
    event(events, state, "creating endpoint " + plan.endpointName() + " with " + plan.config().name());
    DeployState next = state.with(d -> {
      d.stage = DeployState.Stage.DEPLOYING;
      d.change = "CREATED";
      d.requestedAt = now;
      d.deadline = now.plus(DeploymentPolicy.CREATE_LIMIT);
      d.conflictSince = null;
    });
    return new Step.Running<>(next, events, context.polling().afterLaunch(now, now, context.random()));
  }

  /**
   * Follows our configuration's deployment, already in progress (a run that died, another process
   * deploying the same commit). Its deadline is measured from now on the local clock: how long it
   * has already run is on AWS's clock, which is not compared with ours. The configuration it
   * replaced is taken from the intent tag the run that started it wrote.
   */
  private Step<DeployState, DeployResult> attach(DeployState state, SageMakerClient sageMaker,
      EndpointHealthReader reader, DescribeEndpointResponse endpoint, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    boolean creating = "Creating".equals(endpoint.endpointStatusAsString());
    Instant now = now();
    String previous = state.previousConfig();
    if (!creating) {
      Optional<IntentTag> written = reader.intentOf(endpoint.endpointArn());
      if (previous == null && written.isPresent() && written.get().config().equals(plan.config().name())) {
        previous = written.get().previousConfig();
      }
      if (written.isEmpty() || !written.get().config().equals(plan.config().name())) {
        tagIntent(sageMaker, endpoint.endpointArn(), intent(plan, previous), state, events);
      }
    }
    event(events, state, "endpoint " + plan.endpointName() + " is already " + endpoint.endpointStatusAsString()
        + " to " + plan.config().name() + "; following that deployment");
    String replaced = previous;
    DeployState next = state.with(d -> {
      d.stage = DeployState.Stage.DEPLOYING;
      d.change = d.change != null ? d.change : creating ? "CREATED" : "UPDATED";
      d.endpointArn = endpoint.endpointArn();
      d.previousConfig = replaced;
      d.requestedAt = d.requestedAt != null ? d.requestedAt : now;
      d.deadline = d.deadline != null ? d.deadline
          : now.plus(creating ? DeploymentPolicy.CREATE_LIMIT : plan.deployment().updateLimit());
      d.conflictSince = null;
    });
    return next(next, events);
  }

  private Step<DeployState, DeployResult> update(DeployState state, SageMakerClient sageMaker,
      DescribeEndpointResponse endpoint, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    String serving = "InService".equals(endpoint.endpointStatusAsString()) ? endpoint.endpointConfigName() : null;
    LiveEndpoint live = LiveEndpoint.read(sageMaker, endpoint, serving);
    List<Guardrails.Problem> problems = Guardrails.check(live, plan.config(), plan.deployment());
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder("the live endpoint changed since the pre-flight and no longer admits "
          + "this deployment:");
      problems.forEach(p -> message.append("\n").append(plan.manifestPath()).append(": ").append(p.field()).append(": ")
          .append(p.message()));
      return fail(state, events, OperationFailure.of(Kind.FAILED, message.toString()));
    }
    List<String> changing = changingInstanceTypes(state, live);
    VariantAutoscaling autoscaling = autoscaling(state);
    Map<String, ScalableTarget> scaled = autoscaling.targets(live.variants().stream().filter(v -> !v.serverless())
        .map(LiveEndpoint.Variant::name).toList());
    if (state.captured().isEmpty()) {
      List<CapturedAutoscaling> captured = changing.stream().filter(scaled::containsKey)
          .map(v -> autoscaling.capture(v, scaled.get(v))).toList();
      if (!captured.isEmpty()) {
        // Saved before anything is deregistered, so every outcome (a crash included) can put it back.
        captured.forEach(c -> event(events, state, "captured the autoscaling of variant " + c.variant() + " ("
            + c.describe() + ") before deregistering it for the instance-type change"
            + (c.notCaptured().isEmpty() ? "" : "; policies " + c.notCaptured() + " cannot be captured and must be "
                + "put back by hand")));
        return new Step.Running<>(state.with(d -> d.captured.addAll(captured)), events, Duration.ZERO);
      }
    }
    List<String> deregistered = deregister(state, events);
    boolean inf1 = plan.inf1Fallback() || live.variants().stream().anyMatch(LiveEndpoint.Variant::inf1);
    UpdateEndpointRequest.Builder request = UpdateEndpointRequest.builder()
        .endpointName(plan.endpointName()).endpointConfigName(plan.config().name());
    if (inf1) {
      event(events, state, "Inf1 instances: SageMaker cannot use deployment guardrails, so the update goes all at once "
          + "with no bake (no DeploymentConfig is sent)");
    } else {
      request.deploymentConfig(plan.deployment().toDeploymentConfig());
    }
    retainScaledCapacity(state, endpoint, scaled, request, events);
    try {
      EventualConsistency.use(EventualConsistency.young(state.startedAt(), now()),
          "endpoint configuration " + plan.config().name(), () -> sageMaker.updateEndpoint(request.build()));
    } catch (SageMakerException e) {
      if (SageMakerErrors.isInProgress(e)) {
        // Another deployment started between the look and the call: look again, then wait for it.
        EndpointHealthReader reader = new EndpointHealthReader(sageMaker);
        DescribeEndpointResponse now = reader.describe(plan.endpointName()).orElse(endpoint);
        return otherDeployment(state.with(d -> d.deregistered.addAll(deregistered)), now,
            reader.classify(now, null, plan.config().name()), events);
      }
      return refused(state, events, e, "UpdateEndpoint");
    }
    tagIntent(sageMaker, endpoint.endpointArn(), intent(plan, endpoint.endpointConfigName()), state, events);
    Instant now = now();
    event(events, state, "updating endpoint " + plan.endpointName() + " from " + endpoint.endpointConfigName() + " to "
        + plan.config().name() + (inf1 ? " (all at once)" : ": " + plan.deployment().describe()));
    DeployState next = state.with(d -> {
      d.stage = DeployState.Stage.DEPLOYING;
      d.change = "UPDATED";
      d.endpointArn = endpoint.endpointArn();
      d.previousConfig = endpoint.endpointConfigName();
      d.requestedAt = now;
      d.lastModifiedBefore = endpoint.lastModifiedTime();
      d.deadline = now.plus(plan.deployment().updateLimit());
      d.conflictSince = null;
      d.deregistered.addAll(deregistered);
    });
    return new Step.Running<>(next, events, context.polling().afterLaunch(now, now, context.random()));
  }

  /** The live variants whose instance type the manifest changes. */
  private static List<String> changingInstanceTypes(DeployState state, LiveEndpoint live) {
    Map<String, String> wanted = new HashMap<>();
    state.plan().config().variants().forEach(v -> wanted.put(v.name(), v.instanceType()));
    return live.variants().stream()
        .filter(v -> v.instanceType() != null && wanted.containsKey(v.name())
            && !v.instanceType().equals(wanted.get(v.name())))
        .map(LiveEndpoint.Variant::name).toList();
  }

  /**
   * SageMaker refuses to change the instance type of a variant registered with Application Auto
   * Scaling; the captured variants are deregistered first (again after a crash: a missing policy or
   * target is fine), and registered again however the deploy ends.
   */
  private List<String> deregister(DeployState state, List<OperationEvent> events) {
    VariantAutoscaling autoscaling = autoscaling(state);
    List<String> done = new ArrayList<>();
    for (CapturedAutoscaling captured : state.captured()) {
      autoscaling.deregister(captured.variant());
      done.add(captured.variant());
      event(events, state, "deregistered variant " + captured.variant() + " from autoscaling: SageMaker refuses to "
          + "change the instance type of a scaled variant; it is registered again however the deploy ends");
    }
    return done;
  }

  /**
   * An update replaces an autoscaled variant's instance count with the new configuration's unless
   * {@code RetainAllVariantProperties} is set ("If you want to retain the variant properties like
   * instance count or weight, set the value of the RetainAllVariantProperties parameter to True ...
   * updated with the most recent DesiredInstanceCount ... regardless of the values of the
   * InitialInstanceCount field", Developer Guide, endpoint-scaling), and autoscaling is blocked for
   * the whole update. So for a scaled endpoint the live instance counts are kept, and what the
   * manifest decides (weights, data capture) is excluded from the retention. A live count outside
   * the manifest's min/max is not kept: the manifest's {@code instanceCount} (within them) applies.
   */
  private void retainScaledCapacity(DeployState state, DescribeEndpointResponse endpoint,
      Map<String, ScalableTarget> scaled, UpdateEndpointRequest.Builder request, List<OperationEvent> events) {
    Set<String> scaledVariants = new LinkedHashSet<>(scaled.keySet());
    state.captured().forEach(c -> scaledVariants.add(c.variant()));
    if (scaledVariants.isEmpty()) {
      return;
    }
    AutoscalingPlan plan = state.plan().autoscaling();
    List<String> kept = new ArrayList<>();
    boolean outside = false;
    for (ProductionVariantSummary variant : endpoint.productionVariants()) {
      Integer count = variant.desiredInstanceCount();
      if (!scaledVariants.contains(variant.variantName()) || count == null) {
        continue;
      }
      if (plan != null && (count < plan.minCapacity() || count > plan.maxCapacity())) {
        outside = true;
      } else {
        kept.add(variant.variantName() + " at " + count);
      }
    }
    if (outside || kept.isEmpty()) {
      event(events, state, "autoscaled variant(s) " + scaledVariants + " start at the manifest's instanceCount: the live "
          + "count lies outside the manifest's minCapacity..maxCapacity");
      return;
    }
    request.retainAllVariantProperties(true).excludeRetainedVariantProperties(
        VariantProperty.builder().variantPropertyType(VariantPropertyType.DESIRED_WEIGHT).build(),
        VariantProperty.builder().variantPropertyType(VariantPropertyType.DATA_CAPTURE_CONFIG).build());
    event(events, state, "autoscaled: keeping the live instance count of " + kept + " for the new fleet "
        + "(RetainAllVariantProperties; weights and data capture come from the manifest)");
  }

  /**
   * Something else is changing the endpoint (another deployment, a capacity change, SageMaker's
   * maintenance, an inference experiment): wait for it (bounded, measured on the local clock from
   * when it was first seen), or fail with CONFLICT naming it.
   */
  private Step<DeployState, DeployResult> otherDeployment(DeployState state, DescribeEndpointResponse endpoint,
      EndpointHealth health, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    Instant now = now();
    Instant since = state.conflictSince() != null ? state.conflictSince() : now;
    String what = health.state() == HealthState.UPDATING_ELSEWHERE
        ? "endpoint " + plan.endpointName() + " is " + health.endpointStatus() + " with endpoint configuration "
            + health.targetConfig() + " (another deployment, not this one)"
        : health.message();
    Duration limit = Duration.ofSeconds(plan.conflictWaitSeconds());
    if (!now.isBefore(since.plus(limit))) {
      String after = health.state() == HealthState.SHADOW_TEST
          ? "; waited " + limit.toMinutes() + " min for it to end. The endpoint is left to the experiment; deploy"
              + " again once it has ended (or stop it: aws sagemaker stop-inference-experiment --name "
              + health.experiment().name() + "), or raise the conflict wait"
          : "; waited " + limit.toMinutes() + " min for it to finish. The endpoint is left to that change; deploy"
              + " again once it is InService, or raise the conflict wait";
      return fail(state, events, OperationFailure.of(Kind.CONFLICT, what + after));
    }
    String key = "conflict|" + health.state() + "|" + health.endpointStatus() + "|" + health.targetConfig()
        + (health.experiment() == null ? "" : "|" + health.experiment().name() + "|" + health.experiment().status());
    DeployState next = state.with(d -> {
      d.conflictSince = since;
      d.observed = key;
    });
    if (!key.equals(state.observed())) {
      event(events, state, what + "; waiting for it to finish (at most " + limit.toMinutes() + " min, "
          + Duration.between(since.plus(limit), now).abs().toMinutes() + " min left)");
    }
    DeploymentProgress progress = DeploymentProgress.of(endpoint, null).seenAt(now);
    Duration wait = schedule.describeAfter(progress, since, now, context.random());
    Duration left = Duration.between(now, since.plus(limit));
    return new Step.Running<>(next, events, wait.compareTo(left) > 0 ? left : wait);
  }

  /**
   * Waits for the deployment, reporting its progress, then verifies or reports the failure. While a
   * bake is watched by rollback alarms, the polls before the endpoint is due again only look at the
   * alarms (see {@link DeploymentSchedule}).
   */
  private Step<DeployState, DeployResult> deploying(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    RollbackAlarms.Look look = null;
    if (state.describeAt() != null && now().isBefore(state.describeAt())) {
      look = RollbackAlarms.look(context.clients().cloudWatch(plan.region()), plan.deployment().alarms());
      if (!look.alert(state.alarmsUpdatedAt())) {
        Instant now = now();
        Instant updated = look.updatedAt() != null ? look.updatedAt() : state.alarmsUpdatedAt();
        return new Step.Running<>(state.with(d -> d.alarmsUpdatedAt = updated), events,
            schedule.afterAlarmLook(now, state.describeAt(), context.random()));
      }
      // An alarm is in ALARM, or went there and back since the last look: SageMaker rolls back on
      // it, so the endpoint is looked at now.
    }
    Optional<DescribeEndpointResponse> found = LiveEndpoint.describe(sageMaker(state), plan.endpointName());
    Instant now = now();
    if (found.isEmpty()) {
      if ("CREATED".equals(state.change()) && now.isBefore(state.requestedAt().plus(VISIBILITY))) {
        return new Step.Running<>(state, events, context.polling().unknown(context.random()));
      }
      return fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName()
          + " no longer exists: it was deleted while being deployed"));
    }
    DescribeEndpointResponse endpoint = found.get();
    String ours = plan.config().name();
    EndpointHealth health = new EndpointHealthReader(sageMaker(state))
        .classify(endpoint, intent(plan, state.previousConfig()), ours);
    switch (health.state()) {
      case DEPLOYING:
      case SCALING:
      case CAPACITY_ROLLING_BACK:
      case SYSTEM_UPDATING:
      case SHADOW_TEST:
        // RollingBack is a capacity change rolling back, not this deployment: it is waited for.
        if (now.isAfter(state.deadline())) {
          return fail(state, events, OperationFailure.of(Kind.TIMED_OUT, "the deployment of " + ours + " to "
              + plan.endpointName() + " did not finish by " + state.deadline() + " (the deployment's timeout plus "
              + DeploymentPolicy.PROVISIONING_MARGIN.toMinutes() + " min for provisioning); SageMaker should have "
              + "rolled it back by now and the endpoint is still " + endpoint.endpointStatusAsString()
              + ". Check it in the console; nothing more is done here"));
        }
        return progress(state, endpoint, events, look);
      case UPDATING_ELSEWHERE:
        return fail(state, events, OperationFailure.of(Kind.CONFLICT, "another deployment replaced this one: "
            + "endpoint " + plan.endpointName() + " is now " + endpoint.endpointStatusAsString() + " to "
            + health.targetConfig() + ", not " + ours + "; how this deployment ended is unknown"));
      case UPDATE_ROLLBACK_FAILED:
        return rolledBack(state, endpoint, events, "SageMaker rolled the deployment of " + ours + " to "
            + plan.endpointName() + " back, and the rollback failed too: the endpoint serves a mix of the old and the "
            + "new configuration. SageMaker accepts a new UpdateEndpoint now: deploy again (the same or a reverted "
            + "manifest)");
      case FAILED:
        return fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName()
            + " is Failed: " + health.reasonText() + ". SageMaker allows only DeleteEndpoint on a "
            + "failed endpoint", endpoint.failureReason()));
      case HEALTHY:
        return verify(state, endpoint, events);
      case ROLLED_BACK:
      case CHANGED_OUTSIDE_GIT:
        if (state.lastModifiedBefore() != null && endpoint.lastModifiedTime() != null
            && !endpoint.lastModifiedTime().isAfter(state.lastModifiedBefore())
            && now.isBefore(state.requestedAt().plus(VISIBILITY))) {
          // The update is not visible yet (SageMaker reads are eventually consistent): the endpoint
          // has not changed since before UpdateEndpoint, by AWS's own clock.
          return new Step.Running<>(state, events, context.polling().unknown(context.random()));
        }
        if (health.state() == HealthState.CHANGED_OUTSIDE_GIT) {
          return fail(state, events, OperationFailure.of(Kind.CONFLICT, "another deployment replaced this one: "
              + "endpoint " + plan.endpointName() + " serves " + endpoint.endpointConfigName() + ", neither " + ours
              + " nor the configuration it served before (" + state.previousConfig() + ")"));
        }
        return rolledBack(state, endpoint, events, "SageMaker rolled the deployment of " + ours + " to "
            + plan.endpointName() + " back: the endpoint is InService on " + endpoint.endpointConfigName());
      default:
        return fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName() + " is "
            + endpoint.endpointStatusAsString() + " (" + health.reasonText() + ")", endpoint.failureReason()));
    }
  }

  /**
   * Reports the deployment's progress and decides the next poll. {@code look} is the look at the
   * rollback alarms this poll already took, or null.
   */
  private Step<DeployState, DeployResult> progress(DeployState state, DescribeEndpointResponse endpoint,
      List<OperationEvent> events, RollbackAlarms.Look look) {
    DeployPlan plan = state.plan();
    Instant now = now();
    DeploymentProgress seen = DeploymentProgress.of(endpoint, plan.deployment());
    boolean changed = !seen.key().equals(state.observed());
    // Times are measured on the local clock from when each progress was first seen, except the first
    // launch, which began when this run sent (or found) the update.
    boolean firstLaunch = seen.launching() && state.trafficStep() == 0 && state.requestedAt() != null;
    Instant firstSeen = !changed && state.observedAt() != null ? state.observedAt()
        : firstLaunch ? state.requestedAt() : now;
    DeploymentProgress progress = seen.seenAt(firstSeen);
    boolean newBake = changed && progress.baking();
    boolean watched = progress.baking() && !plan.deployment().alarms().isEmpty();
    RollbackAlarms.Look alarms = !watched ? null
        : look != null ? look : RollbackAlarms.look(context.clients().cloudWatch(plan.region()), plan.deployment().alarms());
    List<String> inAlarm = alarms == null ? List.of() : alarms.inAlarm();
    Duration wait;
    Instant describeAt = null;
    if (!inAlarm.isEmpty()) {
      // SageMaker rolls back on it at its next reading of the alarm: watch the endpoint until it does.
      wait = context.polling().unknown(context.random());
    } else if (watched) {
      describeAt = now.plus(schedule.describeAfter(progress, state.requestedAt(), now, context.random()));
      wait = schedule.afterAlarmLook(now, describeAt, context.random());
    } else {
      wait = schedule.describeAfter(progress, state.requestedAt(), now, context.random());
    }
    Instant nextDescription = describeAt;
    DeployState next = state.with(d -> {
      d.observed = seen.key();
      d.observedAt = firstSeen;
      if (newBake && !"TERMINATION".equals(bakeKind(progress))) {
        d.trafficStep = d.trafficStep + 1;
      }
      d.sawAlarms(inAlarm);
      d.describeAt = nextDescription;
      if (alarms != null && alarms.updatedAt() != null) {
        d.alarmsUpdatedAt = alarms.updatedAt();
      }
    });
    if (changed) {
      String step = !progress.baking() ? ""
          : "TERMINATION".equals(bakeKind(progress)) ? "final bake before the old fleet is terminated: "
          : "traffic step " + Math.max(1, next.trafficStep()) + " of " + plan.deployment().trafficSteps() + ": ";
      event(events, next, step + progress.describe(now));
    }
    for (String alarm : inAlarm) {
      if (!state.alarmsSeen().contains(alarm)) {
        event(events, next, "rollback alarm " + alarm + " is in ALARM while baking; SageMaker will roll back");
      }
    }
    return new Step.Running<>(next, events, wait);
  }

  private static String bakeKind(DeploymentProgress progress) {
    String message = progress.statusMessage();
    return message != null && message.contains("TerminationWaitInSeconds") ? "TERMINATION" : "STEP";
  }

  private Step<DeployState, DeployResult> rolledBack(DeployState state, DescribeEndpointResponse endpoint,
      List<OperationEvent> events, String what) {
    DeployPlan plan = state.plan();
    String reason = endpoint.failureReason();
    List<String> alarmNames = plan.deployment().alarms();
    List<String> now = alarmNames.isEmpty() ? List.of()
        : RollbackAlarms.inAlarm(context.clients().cloudWatch(plan.region()), alarmNames);
    List<String> alarms = RollbackAlarms.union(state.alarmsSeen(), now, RollbackAlarms.mentioned(reason, alarmNames));
    StringBuilder message = new StringBuilder(what).append('.');
    if (reason != null && !reason.isBlank()) {
      message.append(" SageMaker's reason: ").append(reason);
    }
    if (!alarms.isEmpty()) {
      message.append(" Rollback alarm(s) in ALARM: ").append(alarms).append('.');
    }
    message.append(" Git and the live endpoint now differ: ").append(plan.manifestPath()).append(" asks for ")
        .append(plan.config().name()).append(". Revert the change in Git (status can write the revert commit), or fix "
            + "it and deploy again.");
    return fail(state, events, new OperationFailure(Kind.ROLLED_BACK, message.toString(), reason, alarms));
  }

  /** The endpoint serves our configuration: check the status, the variants and the image digests. */
  private Step<DeployState, DeployResult> verify(DeployState state, DescribeEndpointResponse endpoint,
      List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    String digest = plan.model().imageDigest();
    List<String> problems = new ArrayList<>();
    List<String> withoutImages = new ArrayList<>();
    Map<String, ProductionVariantSummary> live = new HashMap<>();
    endpoint.productionVariants().forEach(v -> live.put(v.variantName(), v));
    for (String variant : plan.config().variantNames()) {
      ProductionVariantSummary summary = live.get(variant);
      if (summary == null) {
        problems.add("variant " + variant + " is missing from the endpoint");
      } else if (summary.deployedImages().isEmpty()) {
        withoutImages.add(variant);
      } else {
        for (DeployedImage image : summary.deployedImages()) {
          String resolved = image.resolvedImage();
          String running = resolved == null || !resolved.contains("@") ? resolved : resolved.substring(resolved.indexOf('@') + 1);
          if (!digest.equals(running)) {
            problems.add("variant " + variant + " runs " + resolved + ", not the pinned digest " + digest);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      return fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName() + " is InService on "
          + plan.config().name() + " but does not serve what the manifest pins: " + String.join("; ", problems)
          + ". Someone may have changed the model or the endpoint outside Git"));
    }
    if (!withoutImages.isEmpty()) {
      event(events, state, "SageMaker reports no DeployedImages for variant(s) " + withoutImages + ", so their image "
          + "digest cannot be compared; the model names the image by digest, so no other image can have been pulled");
    }
    event(events, state, "verified: endpoint " + plan.endpointName() + " is InService on " + plan.config().name()
        + (withoutImages.size() == plan.config().variants().size() ? "" : ", serving " + digest));
    return next(state.with(d -> {
      d.stage = DeployState.Stage.AUTOSCALING;
      d.endpointArn = endpoint.endpointArn();
    }), events);
  }

  private Step<DeployState, DeployResult> autoscaling(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    List<String> instanceVariants = plan.config().variants().stream().filter(v -> !v.serverless())
        .map(EndpointConfigDefinition.Variant::name).toList();
    try {
      for (CapturedAutoscaling captured : state.captured()) {
        if (state.deregistered().contains(captured.variant())) {
          autoscaling(state).restore(captured);
          event(events, state, "autoscaling: registered variant " + captured.variant() + " again as it was ("
              + captured.describe() + ")");
        }
      }
      for (String change : autoscaling(state).reconcile(plan.autoscaling(), instanceVariants)) {
        event(events, state, "autoscaling: " + change);
      }
    } catch (AwsServiceException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      if (e instanceof ObjectNotFoundException && state.autoscalingRetries() < AUTOSCALING_RETRIES) {
        return eventuallyConsistent(state, events);
      }
      return fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName() + " serves "
          + plan.config().name() + ", but its autoscaling could not be set as the manifest says: "
          + SageMakerErrors.message(e) + " (" + SageMakerErrors.code(e) + "); deploy again to retry"));
    }
    return next(state.with(d -> {
      d.stage = DeployState.Stage.TAGS;
      d.deregistered.clear();
      d.autoscalingRetries = 0;
    }), events);
  }

  /**
   * Right after {@code RegisterScalableTarget}, a policy or scheduled action may be refused with
   * {@code ObjectNotFoundException} until the registration is visible (botocore
   * RegisterScalableTarget: "The typical strategy is to retry the request"): the stage is polled
   * again shortly; registering again is harmless.
   */
  private Step<DeployState, DeployResult> eventuallyConsistent(DeployState state, List<OperationEvent> events) {
    event(events, state, "Application Auto Scaling does not see the new registration yet (eventual consistency); "
        + "retrying");
    return new Step.Running<>(state.with(d -> d.autoscalingRetries = d.autoscalingRetries + 1), events,
        context.polling().unknown(context.random()));
  }

  /**
   * The deploy ended (failed, rolled back, conflicted, timed out or was cancelled) after it
   * deregistered autoscaling: once the endpoint is InService again (SageMaker registers only then),
   * the captured registration is put back, then the outcome is reported. Bounded by the update's own
   * limit; past it, or when the endpoint is gone or Failed, the outcome says what is left to do.
   */
  private Step<DeployState, DeployResult> restoring(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    Optional<DescribeEndpointResponse> found = LiveEndpoint.describe(sageMaker(state), plan.endpointName());
    String status = found.map(DescribeEndpointResponse::endpointStatusAsString).orElse("gone");
    List<CapturedAutoscaling> pending = state.captured().stream()
        .filter(c -> state.deregistered().contains(c.variant())).toList();
    if ("InService".equals(status)) {
      try {
        for (CapturedAutoscaling captured : pending) {
          autoscaling(state).restore(captured);
          event(events, state, "autoscaling: registered variant " + captured.variant() + " again as it was ("
              + captured.describe() + ")");
        }
      } catch (AwsServiceException e) {
        if (TransientFailures.isTransient(e)) {
          throw e;
        }
        if (e instanceof ObjectNotFoundException && state.autoscalingRetries() < AUTOSCALING_RETRIES) {
          return eventuallyConsistent(state, events);
        }
        return ended(state, events, " The autoscaling of variant(s) " + state.deregistered() + " could NOT be registered "
            + "again (" + SageMakerErrors.message(e) + "); register it by hand as it was: " + describe(pending));
      }
      return ended(state, events, " The autoscaling of variant(s) " + state.deregistered() + " was registered again as "
          + "it was before the deploy.");
    }
    Instant now = now();
    boolean waiting = !"gone".equals(status) && !"Failed".equals(status)
        && now.isBefore(state.restoreSince().plus(plan.deployment().updateLimit()));
    if (waiting) {
      return new Step.Running<>(state, events, schedule.describeAfter(DeploymentProgress.of(found.get(), null),
          state.restoreSince(), now, context.random()));
    }
    return ended(state, events, " The autoscaling of variant(s) " + state.deregistered() + " is still deregistered: the "
        + "endpoint is " + status + ", and SageMaker registers variants of InService endpoints only. Register it "
        + "again as it was once the endpoint is InService: " + describe(pending));
  }

  private static String describe(List<CapturedAutoscaling> captured) {
    return String.join("; ", captured.stream().map(c -> c.variant() + ": " + c.describe()).toList());
  }

  /** Reports the outcome the deploy ended with, once the autoscaling is dealt with. */
  private Step<DeployState, DeployResult> ended(DeployState state, List<OperationEvent> events, String addition) {
    OperationFailure original = state.failure();
    OperationFailure failure = new OperationFailure(original.kind(), original.message() + addition,
        original.failureReason(), original.alarms());
    DeployState done = state.with(d -> {
      d.stage = original.kind() == Kind.CANCELLED ? DeployState.Stage.CANCELLED : DeployState.Stage.FAILED;
      d.failure = failure;
      d.deregistered.clear();
      d.autoscalingRetries = 0;
    });
    return new Step.Failed<>(done, events, failure);
  }

  /**
   * Writes the endpoint's lineage tags and labels, and removes the labels a manifest dropped. Which
   * tags were labels is read from the configuration the endpoint served before (ours, tagged with
   * the labels of its time) and from this configuration, whose label tags are kept in step with the
   * manifest, so a tag someone else put on the endpoint is never taken for a label. Removals go
   * first: SageMaker allows 50 tags per resource.
   */
  private Step<DeployState, DeployResult> tags(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    SageMakerClient sageMaker = sageMaker(state);
    Map<String, String> live = tagsOf(sageMaker, state.endpointArn());
    Map<String, String> wanted = new LinkedHashMap<>(plan.endpointTags());
    // The intent written when the update was requested stays (it names the configuration replaced,
    // which a run that found nothing to change does not know).
    Optional<IntentTag> written = IntentTag.parse(live.get(CONFIG_TAG));
    wanted.put(CONFIG_TAG, written.filter(w -> w.config().equals(plan.config().name()) && w.commit() != null)
        .orElse(intent(plan, state.previousConfig())).format());
    Map<String, String> configTags = LiveEndpoint.describeConfig(sageMaker, plan.config().name())
        .map(c -> tagsOf(sageMaker, c.endpointConfigArn())).orElse(Map.of());
    Map<String, String> earlierLabels = new HashMap<>(labels(configTags));
    if (state.previousConfig() != null && !state.previousConfig().equals(plan.config().name())) {
      LiveEndpoint.describeConfig(sageMaker, state.previousConfig())
          .ifPresent(c -> earlierLabels.putAll(labels(tagsOf(sageMaker, c.endpointConfigArn()))));
    }
    List<String> dropped = earlierLabels.entrySet().stream()
        .filter(e -> !wanted.containsKey(e.getKey()) && e.getValue().equals(live.get(e.getKey())))
        .map(Map.Entry::getKey).sorted().toList();
    if (!dropped.isEmpty()) {
      sageMaker.deleteTags(r -> r.resourceArn(state.endpointArn()).tagKeys(dropped));
      event(events, state, "removed label(s) " + dropped + " from endpoint " + plan.endpointName()
          + ": the manifest no longer has them");
    }
    boolean asDesired = true;
    for (Map.Entry<String, String> tag : wanted.entrySet()) {
      boolean identity = IDENTITY_TAGS.contains(tag.getKey()) || !tag.getKey().startsWith(Lineage.TAG_PREFIX);
      if (identity && !tag.getValue().equals(live.get(tag.getKey()))) {
        asDesired = false;
      }
    }
    if (!asDesired) {
      try {
        sageMaker.addTags(r -> r.resourceArn(state.endpointArn()).tags(EndpointConfigDefinition.tagList(wanted)));
      } catch (SageMakerException e) {
        if (TransientFailures.isTransient(e)) {
          throw e;
        }
        long others = live.keySet().stream().filter(k -> !wanted.containsKey(k) && !dropped.contains(k)).count();
        return fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName() + " serves "
            + plan.config().name() + " (verified), but its lineage tags could not be written: "
            + SageMakerErrors.message(e) + " (" + SageMakerErrors.code(e) + "). SageMaker allows "
            + SageMakerLimits.TAGS_PER_RESOURCE_MAX + " tags per resource; this deploy writes " + wanted.size()
            + " and the endpoint has " + others + " other tag(s). Remove tags that are not this tool's, or labels, "
            + "and deploy again (nothing else is redone)"));
      }
      event(events, state, "tagged endpoint " + plan.endpointName() + " with the lineage of " + plan.manifestPath()
          + " at " + plan.model().lineage().commit());
    }
    syncConfigLabels(sageMaker, plan, configTags);
    if (plan.cleanUp().enabled()) {
      return next(state.with(d -> d.stage = DeployState.Stage.CLEAN_UP), events);
    }
    return succeed(state, events);
  }

  /** Keeps the configuration's label tags as the manifest's labels are now, so the next deploy knows them. */
  private static void syncConfigLabels(SageMakerClient sageMaker, DeployPlan plan, Map<String, String> configTags) {
    Map<String, String> labels = labels(plan.endpointTags());
    Map<String, String> onConfig = labels(configTags);
    if (labels.equals(onConfig) || configTags.isEmpty()) {
      return;
    }
    String arn = LiveEndpoint.describeConfig(sageMaker, plan.config().name()).map(c -> c.endpointConfigArn()).orElse(null);
    if (arn == null) {
      return;
    }
    List<String> stale = onConfig.keySet().stream().filter(k -> !labels.containsKey(k)).sorted().toList();
    if (!stale.isEmpty()) {
      sageMaker.deleteTags(r -> r.resourceArn(arn).tagKeys(stale));
    }
    if (!labels.isEmpty()) {
      sageMaker.addTags(r -> r.resourceArn(arn).tags(EndpointConfigDefinition.tagList(labels)));
    }
  }

  private static Map<String, String> tagsOf(SageMakerClient sageMaker, String arn) {
    Map<String, String> out = new HashMap<>();
    for (Tag tag : sageMaker.listTagsPaginator(r -> r.resourceArn(arn)).tags()) {
      out.put(tag.key(), tag.value());
    }
    return out;
  }

  /** The tags that are labels: neither this tool's nor AWS's. */
  private static Map<String, String> labels(Map<String, String> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach((key, value) -> {
      if (!key.startsWith(Lineage.TAG_PREFIX) && !key.startsWith("aws:")) {
        out.put(key, value);
      }
    });
    return out;
  }

  private Step<DeployState, DeployResult> cleanUp(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    Set<String> keep = new LinkedHashSet<>(plan.cleanUp().referenced());
    keep.add(plan.model().name());
    keep.add(plan.config().name());
    List<String> deleted = new ResourceCleaner(sageMaker(state), plan)
        .clean(keep, line -> event(events, state, "clean-up: " + line));
    return succeed(state.with(d -> d.deleted.addAll(deleted)), events);
  }

  private Step<DeployState, DeployResult> succeed(DeployState state, List<OperationEvent> events) {
    DeployState done = state.with(d -> d.stage = DeployState.Stage.SUCCEEDED);
    return new Step.Succeeded<>(done, events, result(done));
  }

  private static DeployResult result(DeployState state) {
    DeployPlan plan = state.plan();
    return new DeployResult(plan.endpointName(), state.endpointArn(), plan.config().name(), plan.model().name(),
        plan.model().imageDigest(), state.change(), state.previousConfig(), state.alarmsSeen(), state.deleted(),
        state.created());
  }

  // ---- cancel ---------------------------------------------------------------------------------

  /**
   * SageMaker has no API that stops an endpoint deployment (there is no {@code StopEndpointUpdate},
   * and {@code UpdateEndpoint} is refused while one runs), so cancelling stops waiting: the endpoint
   * finishes the deployment or rolls back by itself, and {@code status} tells which. Nothing is
   * undone; a model or configuration already created stays (a later run reuses it).
   */
  @Override
  public DeployState cancel(DeployState state) {
    switch (state.stage()) {
      case SUCCEEDED:
      case FAILED:
      case CANCELLED:
        return state;
      default:
        break;
    }
    if (state.stage() == DeployState.Stage.RESTORING) {
      return state;
    }
    String message = state.stage() == DeployState.Stage.DEPLOYING
        ? "cancelled: stopped waiting for the deployment of " + state.plan().config().name() + " to "
            + state.plan().endpointName() + ". SageMaker has no API to stop an endpoint update, so it goes on and "
            + "either completes or rolls back by itself; run status to see how it ended"
        : "cancelled before the endpoint was changed (stage " + state.stage() + ")";
    boolean restore = !state.deregistered().isEmpty();
    Instant now = now();
    return state.with(d -> {
      // Autoscaling deregistered for this deploy is put back before the cancellation is reported.
      d.stage = restore ? DeployState.Stage.RESTORING : DeployState.Stage.CANCELLED;
      d.restoreSince = restore ? now : d.restoreSince;
      d.cancelRequested = true;
      d.failure = OperationFailure.of(Kind.CANCELLED, message + (restore ? "; the autoscaling of variant(s) "
          + state.deregistered() + " is registered again once the endpoint accepts it" : ""));
    });
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Step<DeployState, DeployResult> refused(DeployState state, List<OperationEvent> events, SageMakerException e,
      String call) {
    if (TransientFailures.isTransient(e)) {
      throw e;
    }
    return fail(state, events, OperationFailure.of(Kind.FAILED, "SageMaker refused " + call + " of endpoint "
        + state.plan().endpointName() + ": " + SageMakerErrors.message(e) + " (" + SageMakerErrors.code(e) + ")",
        SageMakerErrors.message(e)));
  }

  private Step<DeployState, DeployResult> fail(DeployState state, List<OperationEvent> events,
      OperationFailure failure) {
    if (!state.deregistered().isEmpty() && state.stage() != DeployState.Stage.RESTORING) {
      Instant now = now();
      DeployState restoring = state.with(d -> {
        d.stage = DeployState.Stage.RESTORING;
        d.failure = failure;
        d.restoreSince = now;
      });
      event(events, restoring, "the deploy ends " + failure.kind() + "; registering the autoscaling of variant(s) "
          + state.deregistered() + " again as it was before reporting it");
      return new Step.Running<>(restoring, events, Duration.ZERO);
    }
    DeployState failed = state.with(d -> {
      d.stage = DeployState.Stage.FAILED;
      d.failure = failure;
    });
    return new Step.Failed<>(failed, events, failure);
  }

  private Step<DeployState, DeployResult> next(DeployState state, List<OperationEvent> events) {
    return new Step.Running<>(state, events, Duration.ZERO);
  }

  /**
   * Writes the intent tag right after the update was accepted. SageMaker is already deploying then,
   * so a refusal (50 tags per resource reached) must not stop this run from following the
   * deployment: it is reported, and the TAGS stage says what to do.
   */
  private void tagIntent(SageMakerClient sageMaker, String arn, IntentTag intent, DeployState state,
      List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    try {
      sageMaker.addTags(r -> r.resourceArn(arn).tags(Tag.builder().key(CONFIG_TAG).value(intent.format()).build()));
    } catch (SageMakerException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      event(events, state, "warning: could not tag endpoint " + plan.endpointName() + " with " + CONFIG_TAG + "="
          + intent.format() + ": " + SageMakerErrors.message(e) + " (" + SageMakerErrors.code(e) + "); following "
          + "the deployment anyway. Until the tag is written, status cannot tell this deployment from a change "
          + "outside Git");
    }
  }

  /** What this deployment asks of the endpoint: its configuration, its commit, and what it replaces. */
  private static IntentTag intent(DeployPlan plan, String previousConfig) {
    return new IntentTag(plan.config().name(), plan.model().lineage().commit(), previousConfig);
  }

  private SageMakerClient sageMaker(DeployState state) {
    return context.clients().sageMaker(state.plan().region());
  }

  private VariantAutoscaling autoscaling(DeployState state) {
    return new VariantAutoscaling(context.clients().applicationAutoScaling(state.plan().region()),
        state.plan().endpointName());
  }

  private Instant now() {
    return context.clock().instant();
  }

  private void event(List<OperationEvent> events, DeployState state, String message) {
    events.add(new OperationEvent(now(), state.phase(), message));
  }
}
