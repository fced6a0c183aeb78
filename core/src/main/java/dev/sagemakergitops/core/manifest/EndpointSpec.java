package dev.sagemakergitops.core.manifest;

import java.time.Duration;
import java.util.List;

/**
 * A real-time endpoint and how changes to it are rolled out.
 *
 * @param name the SageMaker endpoint name
 * @param variants 1 to 10 production variants
 * @param autoscaling target tracking on invocations per instance, or {@code null}
 * @param dataCapture request/response capture, or {@code null}
 * @param deployment the blue/green or rolling policy; never {@code null} (defaults to all-at-once)
 * @param smokeTest the sample requests sent once a deploy is verified, or {@code null} for none
 * @param kmsKeyId the KMS key that encrypts the instances' storage volumes, or {@code null}
 */
public record EndpointSpec(
    String name, List<Variant> variants, Autoscaling autoscaling, DataCapture dataCapture, Deployment deployment,
    SmokeTestSpec smokeTest, String kmsKeyId) {

  public EndpointSpec {
    variants = List.copyOf(variants);
  }

  /** An endpoint without a smoke test or a {@code kmsKeyId}. */
  public EndpointSpec(String name, List<Variant> variants, Autoscaling autoscaling, DataCapture dataCapture,
      Deployment deployment) {
    this(name, variants, autoscaling, dataCapture, deployment, null, null);
  }

  /** True when any variant is serverless. */
  public boolean isServerless() {
    return variants.stream().anyMatch(v -> v.serverless() != null);
  }

  /**
   * A production variant: instance-backed ({@code instanceType} and {@code instanceCount}) or
   * serverless ({@code serverless}).
   *
   * @param name the variant name; must stay the same across blue/green updates
   * @param instanceType for example {@code ml.m5.large}, or {@code null} when serverless
   * @param instanceCount initial instances (0 when serverless)
   * @param weight the relative traffic weight
   * @param serverless the serverless configuration, or {@code null}
   * @param model the variant's own model (overriding {@code spec.model}), or {@code null} when it
   *     serves {@code spec.model}
   */
  public record Variant(String name, String instanceType, int instanceCount, double weight, Serverless serverless,
      VariantModelSpec model) {

    /** A variant serving {@code spec.model}. */
    public Variant(String name, String instanceType, int instanceCount, double weight, Serverless serverless) {
      this(name, instanceType, instanceCount, weight, serverless, null);
    }
  }

  /** True when any variant has its own model. */
  public boolean hasVariantModels() {
    return variants.stream().anyMatch(v -> v.model() != null);
  }

  /**
   * @param memorySizeMb 1024 to 6144 in steps of 1024
   * @param maxConcurrency 1 to 200
   */
  public record Serverless(int memorySizeMb, int maxConcurrency) {}

  /**
   * Target tracking on {@code SageMakerVariantInvocationsPerInstance}; the target is
   * {@code maxRps * safetyFactor * 60} invocations per instance per minute, as SageMaker's load
   * testing guide recommends.
   */
  public record Autoscaling(int minCapacity, int maxCapacity, double maxRps, double safetyFactor,
      Duration scaleInCooldown, Duration scaleOutCooldown) {

    /** The target value for {@code SageMakerVariantInvocationsPerInstance}. */
    public double invocationsPerInstanceTarget() {
      return maxRps * safetyFactor * 60.0;
    }
  }

  /**
   * @param s3Uri where captured requests and responses go
   * @param samplingPercent 0 to 100
   * @param captureMode {@code Input}, {@code Output} or {@code InputAndOutput}
   */
  public record DataCapture(String s3Uri, int samplingPercent, String captureMode, String kmsKeyId) {
    /** Data capture with no {@code kmsKeyId}. */
    public DataCapture(String s3Uri, int samplingPercent, String captureMode) {
      this(s3Uri, samplingPercent, captureMode, null);
    }
  }

  /**
   * How SageMaker rolls out an endpoint update (its deployment guardrails).
   *
   * @param strategy all-at-once, canary, linear or rolling
   * @param canarySize the canary's share (canary only), or {@code null}
   * @param linearStep each step's share (linear only), or {@code null}
   * @param rollingBatchSize each batch's share (rolling only), or {@code null}
   * @param rollbackBatchSize the rollback batch (rolling only), or {@code null} for the whole fleet
   * @param bake {@code WaitIntervalInSeconds}: baking time after each traffic step
   * @param terminationWait {@code TerminationWaitInSeconds}: final bake before the old fleet goes
   * @param timeout {@code MaximumExecutionTimeoutInSeconds}, or {@code null} for SageMaker's default
   * @param rollbackAlarms CloudWatch alarms that roll the deployment back
   */
  public record Deployment(
      Strategy strategy,
      CapacitySize canarySize,
      CapacitySize linearStep,
      CapacitySize rollingBatchSize,
      CapacitySize rollbackBatchSize,
      Duration bake,
      Duration terminationWait,
      Duration timeout,
      List<String> rollbackAlarms) {

    public Deployment {
      rollbackAlarms = List.copyOf(rollbackAlarms);
    }

    /** The default when a manifest names no deployment: blue/green, all at once, no bake. */
    public static Deployment allAtOnce() {
      return new Deployment(Strategy.ALL_AT_ONCE, null, null, null, null, Duration.ZERO, Duration.ZERO, null, List.of());
    }
  }

  /** The deployment strategies, with the manifest's spelling. */
  public enum Strategy {
    ALL_AT_ONCE("allAtOnce"),
    CANARY("canary"),
    LINEAR("linear"),
    ROLLING("rolling");

    private final String manifestName;

    Strategy(String manifestName) {
      this.manifestName = manifestName;
    }

    public String manifestName() {
      return manifestName;
    }

    public boolean isBlueGreen() {
      return this != ROLLING;
    }
  }
}
