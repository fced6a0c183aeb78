package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.EndpointInvocations;
import dev.sagemakergitops.core.aws.S3BucketInAnotherRegion;
import dev.sagemakergitops.core.aws.S3Objects;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.VariantProperty;
import software.amazon.awssdk.services.sagemaker.model.VariantPropertyType;

/**
 * Stage {@code SMOKE_TEST}: once the endpoint is verified, each request of the manifest's smoke test
 * is sent with {@code InvokeEndpoint} and {@code TargetVariant} ({@link EndpointInvocations}), one
 * per poll so a resumed deploy goes on where it stopped, and compared with what the manifest expects
 * ({@link SmokeTestCheck}). All passed: stage {@code AUTOSCALING}.
 *
 * <p>A failure ends the deploy {@code SMOKE_TEST_FAILED}. SageMaker has no hook after a blue/green
 * update, so the endpoint is put back here: after an update, {@code UpdateEndpoint} to the
 * configuration it replaced (all at once, the live instance counts kept when autoscaled; the
 * replaced configuration still exists, since clean-up only runs after a success) and stage
 * {@code SMOKE_TEST_ROLLBACK} waits for it. The intent tag still names the failed configuration and
 * the configuration it replaced, so {@code status} reads the endpoint as rolled back and the
 * revert-branch flow names the commit to revert, as after SageMaker's own rollback. A created
 * endpoint has nothing to go back to and an unchanged one was not changed by this run: they are
 * left as they are, and the failure says so. So is an endpoint whose weights or instance counts were
 * changed in place: each request names its variant, so the failing variant served the same model
 * before this deploy, and its earlier weights would not make it answer (reverting the commit does).
 */
final class SmokeTestStage implements DeployStage {
  private final StageContext s;

  SmokeTestStage(StageContext s) {
    this.s = s;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    SmokeTestPlan plan = state.plan().smokeTest();
    List<SmokeTestResult> done = state.smokeTest().results();
    if (plan == null || done.size() >= plan.probes().size()) {
      return finish(state, events);
    }
    SmokeTestPlan.Probe probe = plan.probes().get(done.size());
    SmokeTestResult result = send(state, probe);
    s.event(events, state, "smoke test " + probe.location() + " '" + probe.name() + "' to variant " + probe.variant()
        + (probe.targetModel() == null ? "" : " (TargetModel " + probe.targetModel() + ")") + ": status "
        + result.status() + (result.contentType() == null ? "" : ", " + result.contentType()) + ", "
        + result.latencyMs() + " ms: " + (result.passed() ? "passed" : "FAILED: " + String.join("; ",
            result.problems())));
    return s.next(state.with(d -> d.smokeTestResults.add(result)), events);
  }

  private SmokeTestResult send(DeployState state, SmokeTestPlan.Probe probe) {
    byte[] body;
    try {
      body = probe.body() != null ? probe.body().getBytes(StandardCharsets.UTF_8) : read(state, probe);
    } catch (S3BucketInAnotherRegion e) {
      // The pre-flight found the bucket in the endpoint's region; it was deleted and made again elsewhere since.
      return unsent(probe, e.describe("sample", probe.bodyFrom()) + " any more (S3 answered 301 PermanentRedirect);"
          + " the request was not sent");
    }
    if (body == null) {
      return unsent(probe, "S3 has no object " + probe.bodyFrom() + " any more (it was there at the pre-flight);"
          + " the request was not sent");
    }
    EndpointInvocations invocations = new EndpointInvocations(
        s.context.clients().sageMakerRuntime(state.plan().region()));
    Instant before = s.now();
    EndpointInvocations.Answer answer = invocations.invoke(new EndpointInvocations.Request(state.plan().endpointName(),
        probe.variant(), probe.targetModel(), probe.contentType(), probe.accept(), body));
    long latencyMs = Duration.between(before, s.now()).toMillis();
    List<String> problems = SmokeTestCheck.problems(probe.expect(), answer, latencyMs, probe.variant());
    return new SmokeTestResult(probe.name(), probe.location(), probe.variant(), probe.targetModel(),
        probe.bodySource(), answer.status(), answer.contentType(), answer.invokedVariant(), latencyMs,
        problems.isEmpty(), problems);
  }

  private static SmokeTestResult unsent(SmokeTestPlan.Probe probe, String problem) {
    return new SmokeTestResult(probe.name(), probe.location(), probe.variant(), probe.targetModel(),
        probe.bodySource(), 0, null, null, 0, false, List.of(problem));
  }

  /** The body of a {@code bodyFrom} request: {@code GetObject}, a read. Null when the object is gone. */
  private byte[] read(DeployState state, SmokeTestPlan.Probe probe) {
    SmokeTestPreflight.S3Location object = SmokeTestPreflight.S3Location.parse(probe.bodyFrom());
    String region = state.plan().region();
    S3Objects.Read read = new S3Objects(s.context.clients().s3(region), region).read(object.bucket(), object.key());
    return read instanceof S3Objects.Found found ? found.bytes().asByteArray() : null;
  }

  /** Every request answered: on to autoscaling, or the failure and the way back. */
  private Step<DeployState, DeployResult> finish(DeployState state, List<OperationEvent> events) {
    List<SmokeTestResult> failed = state.smokeTest().results().stream().filter(r -> !r.passed()).toList();
    if (failed.isEmpty()) {
      s.event(events, state, "smoke test passed: " + state.smokeTest().results().size() + " request(s) answered as "
          + "the manifest expects");
      return s.next(state.with(d -> d.stage = DeployState.Stage.AUTOSCALING), events);
    }
    DeployPlan plan = state.plan();
    String previous = state.request().previousConfig();
    StringBuilder message = new StringBuilder("smoke test failed on endpoint " + plan.endpointName() + " ("
        + plan.config().name() + "): " + failed.size() + " of " + state.smokeTest().results().size()
        + " request(s) did not answer as expected:");
    for (SmokeTestResult result : failed) {
      message.append("\n").append(result.location()).append(": '").append(result.name()).append("' to variant ")
          .append(result.variant()).append(result.targetModel() == null ? "" : " (TargetModel "
              + result.targetModel() + ")").append(", ").append(result.bodySource()).append(": ")
          .append(String.join("; ", result.problems()));
    }
    boolean updated = state.request().change() == EndpointChange.UPDATED && previous != null
        && !previous.equals(plan.config().name());
    if (!updated) {
      message.append("\nEndpoint ").append(plan.endpointName()).append(" is left serving ")
          .append(plan.config().name()).append(switch (state.request().change()) {
            case CREATED -> ": it was created by this deploy, so there is no earlier configuration to go back to. Fix "
                + "the model or the smoke test in Git and deploy again, or delete the endpoint";
            // Each request names its variant (TargetVariant), so weights do not decide what answered:
            // the variant that failed served the same model before this deploy, and putting the old
            // weights back would not make it answer.
            case IN_PLACE -> " with the weights and instance counts this deploy set in place (no model or configuration"
                + " changed, so the failing variant answered the same way before). Fix the model or the smoke test in"
                + " Git, or revert the commit to restore the earlier weights";
            default -> ": this deploy did not change it. Fix the model or the smoke test in Git";
          });
      return s.fail(state, events, OperationFailure.of(Kind.SMOKE_TEST_FAILED, message.toString()));
    }
    return rollBack(state, events, message.toString(), previous);
  }

  /** {@code UpdateEndpoint} back to the configuration the deploy replaced, then stage SMOKE_TEST_ROLLBACK. */
  private Step<DeployState, DeployResult> rollBack(DeployState state, List<OperationEvent> events, String message,
      String previous) {
    DeployPlan plan = state.plan();
    SageMakerClient sageMaker = s.sageMaker(state);
    UpdateEndpointRequest.Builder request = UpdateEndpointRequest.builder().endpointName(plan.endpointName())
        .endpointConfigName(previous);
    Map<String, ScalableTarget> scaled = s.autoscaling(state).targets(plan.config().variantNames());
    if (!scaled.isEmpty()) {
      // An update would replace the scaled variants' instance counts with the configuration's; keep the live ones.
      request.retainAllVariantProperties(true).excludeRetainedVariantProperties(
          VariantProperty.builder().variantPropertyType(VariantPropertyType.DESIRED_WEIGHT).build(),
          VariantProperty.builder().variantPropertyType(VariantPropertyType.DATA_CAPTURE_CONFIG).build());
    }
    String failure = message + "\nEndpoint " + plan.endpointName() + " was rolled back to " + previous
        + ", the configuration this deploy replaced. Fix the model or the smoke test in Git, or revert the commit"
        + " (deploy --revert-branch, the safeDeploy step's revertBranch)";
    try {
      sageMaker.updateEndpoint(request.build());
    } catch (SageMakerException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      return s.fail(state, events, OperationFailure.of(Kind.SMOKE_TEST_FAILED, message + "\nEndpoint "
          + plan.endpointName() + " still serves " + plan.config().name() + ": SageMaker refused the update back to "
          + previous + ": " + SageMakerErrors.message(e) + " (" + SageMakerErrors.code(e) + "). Revert the commit in "
          + "Git and deploy, or update the endpoint by hand"));
    }
    Instant now = s.now();
    s.event(events, state, "smoke test failed: updating endpoint " + plan.endpointName() + " back to " + previous
        + ", the configuration this deploy replaced (all at once)");
    DeployState next = state.with(d -> {
      d.stage = DeployState.Stage.SMOKE_TEST_ROLLBACK;
      d.smokeRollbackRequestedAt = now;
      d.failure = OperationFailure.of(Kind.SMOKE_TEST_FAILED, failure);
    });
    return new Step.Running<>(next, events, s.context.polling().afterLaunch(now, now, s.context.random()));
  }
}
