package dev.sagemakergitops.core.plan;

import dev.sagemakergitops.core.manifest.BatchTransformSpec;
import dev.sagemakergitops.core.manifest.Durations;
import dev.sagemakergitops.core.manifest.EndpointSpec;
import dev.sagemakergitops.core.manifest.EndpointSpec.Deployment;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.ModelManifest;
import dev.sagemakergitops.core.manifest.ShadowTestSpec;
import dev.sagemakergitops.core.manifest.Spec;
import dev.sagemakergitops.core.manifest.VariantModelSpec;
import dev.sagemakergitops.core.redaction.Redaction;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The plan-relevant facts of a manifest as an ordered map of stable labels to one-line values, so
 * that two versions compare field by field and a reviewer reads the difference at a glance.
 * The labels are part of the plan's JSON contract (see {@code docs/plan-json.md}).
 */
final class ManifestSummary {
  static final String NOT_RESOLVED = "not resolved (offline)";

  private ManifestSummary() {}

  /**
   * @param digestOf the digest of an image, or {@code null} when unknown
   */
  static Map<String, String> of(ModelManifest manifest, Function<ImageReference, String> digestOf) {
    Map<String, String> out = new LinkedHashMap<>();
    Spec spec = manifest.spec();
    put(out, "region", spec.region());
    if (spec.model() != null && spec.model().modelPackage() != null) {
      out.put("model package", spec.model().modelPackage().toString());
    }
    if (spec.image() != null) {
      out.put("image", spec.image().toString());
      out.put("image digest", digest(spec.image(), digestOf));
    }
    if (spec.model() != null && spec.model().isPipeline()) {
      containers(out, spec.model(), digestOf);
    }
    if (spec.model() != null) {
      put(out, "model mode", spec.model().mode() == dev.sagemakergitops.core.manifest.ModelSpec.Mode.MULTI_MODEL
          ? "MultiModel" : null);
      out.put("execution role", spec.model().executionRoleArn());
      if (!spec.model().environment().isEmpty()) {
        // Plans become pull-request comments: secret-looking values are never shown.
        out.put("environment", Redaction.maskedEnvironment(spec.model().environment()).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
      }
    }
    EndpointSpec endpoint = spec.endpoint();
    if (endpoint != null) {
      out.put("endpoint", endpoint.name());
      for (EndpointSpec.Variant variant : endpoint.variants()) {
        out.put("variant " + variant.name(), variant(variant, endpoint.variants().size() > 1));
        ownModel(out, spec, variant, digestOf);
      }
      out.put("deployment", deployment(endpoint.deployment()));
      if (!endpoint.deployment().rollbackAlarms().isEmpty()) {
        out.put("rollback alarms", String.join(", ", endpoint.deployment().rollbackAlarms()));
      }
      if (endpoint.autoscaling() != null) {
        var scaling = endpoint.autoscaling();
        out.put("autoscaling", scaling.minCapacity() + "-" + scaling.maxCapacity() + " instances, target "
            + number(scaling.invocationsPerInstanceTarget()) + " invocations per instance per minute");
      }
      if (endpoint.dataCapture() != null) {
        var capture = endpoint.dataCapture();
        out.put("data capture", capture.samplingPercent() + "% " + capture.captureMode() + " to " + capture.s3Uri());
      }
    }
    if (spec.shadowTest() != null) {
      out.put("shadow test", shadowTest(spec.shadowTest()));
    }
    for (BatchTransformSpec transform : spec.batchTransforms().values()) {
      out.put("batch transform " + transform.name(), transform(transform));
    }
    if (spec.training() != null) {
      var training = spec.training();
      String image = training.image() == null ? "" : ", image " + training.image();
      out.put("training", training.instanceCount() + " x " + training.instanceType() + ", max "
          + Durations.format(training.maxRuntime()) + ", inputs " + training.inputs().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue().s3Uri()).collect(Collectors.joining(" "))
          + image);
      if (!training.hyperparameters().isEmpty()) {
        out.put("hyperparameters", training.hyperparameters().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
      }
    }
    if (spec.registry() != null) {
      out.put("registry", spec.registry().group() + " (" + spec.registry().approval().wireName() + ")");
    }
    return out;
  }

  /**
   * A variant's own model, only for a variant that has one (so a manifest without overrides
   * summarises as it always did): its package, its image and digest when it names its own, and the
   * environment it runs (spec.model's with its own set over it, secret-looking values masked).
   */
  private static void ownModel(Map<String, String> out, Spec spec, EndpointSpec.Variant variant,
      Function<ImageReference, String> digestOf) {
    VariantModelSpec own = variant.model();
    if (own == null) {
      return;
    }
    String prefix = "variant " + variant.name() + " ";
    out.put(prefix + "model package", own.modelPackage().toString());
    if (own.image() != null) {
      out.put(prefix + "image", own.image().toString());
      out.put(prefix + "image digest", digest(own.image(), digestOf));
    }
    if (!own.environment().isEmpty()) {
      Map<String, String> environment = spec.model() == null ? own.environment()
          : own.environmentOver(spec.model().environment());
      out.put(prefix + "environment", Redaction.maskedEnvironment(environment).entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
    }
  }

  /**
   * An inference pipeline's containers, a fact per field ({@code container 1 image digest} ...), so a
   * plan names every container's digest and a change to one container is a change of its own.
   */
  private static void containers(Map<String, String> out, dev.sagemakergitops.core.manifest.ModelSpec model,
      Function<ImageReference, String> digestOf) {
    out.put("inference execution", model.inferenceExecution() == null ? "Serial (SageMaker's default)"
        : model.inferenceExecution());
    for (int i = 0; i < model.containers().size(); i++) {
      var container = model.containers().get(i);
      String prefix = "container " + (i + 1) + " ";
      put(out, prefix + "hostname", container.hostname());
      out.put(prefix + "image", container.image().toString());
      out.put(prefix + "image digest", digest(container.image(), digestOf));
      out.put(prefix + "artifact", container.modelPackage() != null ? "model package " + container.modelPackage()
          : container.artifact() != null ? container.artifact() : "none");
      if (!container.environment().isEmpty()) {
        out.put(prefix + "environment", Redaction.maskedEnvironment(container.environment()).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
      }
    }
  }

  static String digest(ImageReference image, Function<ImageReference, String> digestOf) {
    if (image.isPinned()) {
      return image.digest();
    }
    String digest = digestOf.apply(image);
    return digest == null ? NOT_RESOLVED : digest;
  }

  static String variant(EndpointSpec.Variant variant, boolean showWeight) {
    String weight = showWeight ? ", weight " + number(variant.weight()) : "";
    if (variant.serverless() != null) {
      return "serverless " + variant.serverless().memorySizeMb() + " MB, max concurrency "
          + variant.serverless().maxConcurrency() + weight;
    }
    return variant.instanceCount() + " x " + variant.instanceType() + weight;
  }

  /** The deployment policy in words, for example "canary 10%, bake 10m, termination wait 5m, timeout 2h". */
  static String deployment(Deployment deployment) {
    StringBuilder out = new StringBuilder(switch (deployment.strategy()) {
      case ALL_AT_ONCE -> "all at once";
      case CANARY -> "canary " + deployment.canarySize();
      case LINEAR -> "linear steps of " + deployment.linearStep();
      case ROLLING -> "rolling batches of " + deployment.rollingBatchSize();
    });
    out.append(", bake ").append(Durations.format(deployment.bake()));
    if (deployment.strategy().isBlueGreen()) {
      out.append(", termination wait ").append(Durations.format(deployment.terminationWait()));
    }
    if (deployment.rollbackBatchSize() != null) {
      out.append(", rollback batches of ").append(deployment.rollbackBatchSize());
    }
    if (deployment.timeout() != null) {
      out.append(", timeout ").append(Durations.format(deployment.timeout()));
    }
    return out.toString();
  }

  static String shadowTest(ShadowTestSpec shadow) {
    String infrastructure = shadow.instanceType() == null ? ""
        : ", on " + (shadow.instanceCount() > 0 ? shadow.instanceCount() + " x " : "") + shadow.instanceType();
    return shadow.samplingPercent() + "% of requests for " + Durations.format(shadow.duration()) + ", pass if latency"
        + " rises at most " + number(shadow.maxLatencyIncreasePercent()) + "% and errors stay at most "
        + number(shadow.maxErrorRatePercent()) + "%, then " + shadow.onPass().manifestName() + infrastructure;
  }

  static String transform(BatchTransformSpec transform) {
    StringBuilder out = new StringBuilder().append(transform.instanceCount()).append(" x ")
        .append(transform.instanceType()).append(", ").append(transform.inputS3Uri()).append(" -> ")
        .append(transform.outputS3Uri());
    if (transform.inputFilter() != null) {
      out.append(", input filter ").append(transform.inputFilter());
    }
    if (!"None".equals(transform.joinSource())) {
      out.append(", join ").append(transform.joinSource().toLowerCase(Locale.ROOT));
    }
    if (transform.outputFilter() != null) {
      out.append(", output filter ").append(transform.outputFilter());
    }
    return out.toString();
  }

  private static void put(Map<String, String> out, String key, String value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }
}
