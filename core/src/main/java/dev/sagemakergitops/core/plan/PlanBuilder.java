package dev.sagemakergitops.core.plan;

import dev.sagemakergitops.core.aws.AwsCallException;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.aws.ImageResolution;
import dev.sagemakergitops.core.git.ChangeKind;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ManifestChange;
import dev.sagemakergitops.core.git.ManifestDiff;
import dev.sagemakergitops.core.git.RevertInfo;
import dev.sagemakergitops.core.manifest.EndpointSpec;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.ManifestLoader;
import dev.sagemakergitops.core.manifest.ManifestLocator;
import dev.sagemakergitops.core.manifest.ManifestParseResult;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.ManifestSource;
import dev.sagemakergitops.core.manifest.ModelManifest;
import dev.sagemakergitops.core.manifest.VariantModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code plan}: what merging one commit onto another would do, per changed manifest. Reads Git and,
 * unless offline, resolves image tags to digests with read-only ECR calls; never mutates anything.
 *
 * <p>Only the manifests that changed are read and parsed, so a plan costs in proportion to the
 * change, not to the repository. Rules that span all manifests (unique names and endpoints) are
 * {@code validate}'s; a pull-request build runs both.
 *
 * <p>When ECR cannot be asked at all (an outage, no network), {@link #plan} throws
 * {@link AwsCallException} rather than reporting the images as manifest problems: the manifest may
 * well be right, and the caller fails (exit 1) instead of blocking the change (exit 2).
 */
public final class PlanBuilder {
  /** Facts whose change makes SageMaker serve something new, so the endpoint must be updated. */
  private static final Set<String> SERVING_PREFIXES = Set.of("model package", "image", "image digest", "model mode",
      "execution role", "environment", "variant ", "data capture");

  /** Below this many changed manifests, handing work to other threads costs more than it saves. */
  static final int PARALLEL_THRESHOLD = 16;

  private final ManifestLoader loader = new ManifestLoader();
  private final ImagePinner pinner;

  private PlanBuilder(ImagePinner pinner) {
    this.pinner = pinner;
  }

  /** A plan that does not consult AWS: digests are shown as not resolved. */
  public static PlanBuilder offline() {
    return new PlanBuilder(null);
  }

  /** A plan that resolves image tags to digests with {@code pinner}. */
  public static PlanBuilder online(ImagePinner pinner) {
    return new PlanBuilder(Objects.requireNonNull(pinner));
  }

  public GitOpsPlan plan(GitRepository repository, String baseRef, String headRef, List<String> paths) {
    // The manifests are parsed while Git still looks for each change's last commit (its walk runs on
    // a thread of its own); the parsed sides then take the changes that carry those commits.
    ManifestDiff.WithWork<List<Side>> parsed = repository.diff(baseRef, headRef, paths, this::parse);
    ManifestDiff diff = parsed.diff();
    RevertInfo revert = repository.revertOf(diff.head().id()).orElse(null);

    List<Side> sides = new ArrayList<>(diff.changes().size());
    for (int i = 0; i < diff.changes().size(); i++) {
      sides.add(parsed.work().get(i).with(diff.changes().get(i)));
    }
    Map<ImageReference, ImageResolution> resolutions = resolveImages(sides);
    List<ModelPlan> models = new ArrayList<>();
    for (Side side : sides) {
      models.add(planOne(side, resolutions));
    }
    return new GitOpsPlan(diff.base(), diff.head(), revert, models, pinner != null);
  }

  /**
   * Parses both sides of every change. Parsing is most of a large plan's time (two YAML documents per
   * changed manifest), and the loader is thread-safe, so from {@link #PARALLEL_THRESHOLD} changes on
   * the documents are parsed by a parallel stream (the caller and the common fork-join pool); the order is kept.
   */
  private List<Side> parse(List<ManifestChange> changes) {
    if (changes.size() < PARALLEL_THRESHOLD || Runtime.getRuntime().availableProcessors() < 2) {
      List<Side> sides = new ArrayList<>(changes.size());
      for (ManifestChange change : changes) {
        sides.add(side(change));
      }
      return sides;
    }
    return changes.parallelStream().map(this::side).toList();
  }

  private Side side(ManifestChange change) {
    byte[] oldContent = change.oldContent();
    byte[] newContent = change.newContent();
    ManifestParseResult before = oldContent == null ? null
        : loader.load(new ManifestSource(change.path(), change.oldBlobId()), oldContent);
    ManifestParseResult after = newContent == null ? null
        : loader.load(new ManifestSource(change.path(), change.newBlobId()), newContent);
    return new Side(change, before, after);
  }

  private record Side(ManifestChange change, ManifestParseResult before, ManifestParseResult after) {
    /** The same parse results for {@code same}, the same change with its last commit now known. */
    Side with(ManifestChange same) {
      if (!same.path().equals(change.path())) {
        throw new IllegalStateException("parsed " + change.path() + " but the diff lists " + same.path() + " here");
      }
      return new Side(same, before, after);
    }

    ModelManifest beforeManifest() {
      return before == null ? null : before.manifest();
    }

    ModelManifest afterManifest() {
      return after == null ? null : after.manifest();
    }
  }

  private Map<ImageReference, ImageResolution> resolveImages(List<Side> sides) {
    if (pinner == null) {
      return Map.of();
    }
    Set<ImageReference> images = new LinkedHashSet<>();
    for (Side side : sides) {
      for (ModelManifest manifest : new ModelManifest[] {side.beforeManifest(), side.afterManifest()}) {
        if (manifest != null && manifest.spec().image() != null) {
          images.add(manifest.spec().image());
          VariantModelSpec.imagesByField(manifest.spec().endpoint()).values().forEach(images::add);
        }
        if (manifest != null && manifest.spec().model() != null) {
          manifest.spec().model().containers().forEach(container -> images.add(container.image()));
        }
      }
      if (side.afterManifest() != null && side.afterManifest().spec().training() != null
          && side.afterManifest().spec().training().image() != null) {
        images.add(side.afterManifest().spec().training().image());
      }
    }
    Map<ImageReference, ImageResolution> resolutions = images.isEmpty() ? Map.of() : pinner.resolve(images);
    for (ImageResolution resolution : resolutions.values()) {
      if (resolution instanceof ImageResolution.AwsError error) {
        // ECR could not be asked (no network, an outage, throttling that outlasted the retries): that is
        // no problem of the manifest, and a plan made without the digests would say less than it seems to.
        throw new AwsCallException(error.message(), error.errorCode(), null);
      }
    }
    return resolutions;
  }

  private ModelPlan planOne(Side side, Map<ImageReference, ImageResolution> resolutions) {
    ManifestChange change = side.change();
    ModelManifest before = side.beforeManifest();
    ModelManifest after = side.afterManifest();
    List<ManifestProblem> problems = new ArrayList<>();
    if (side.after() != null) {
      problems.addAll(side.after().problems());
    }
    var digestOf = (java.util.function.Function<ImageReference, String>) image ->
        resolutions.get(image) instanceof ImageResolution.Resolved resolved ? resolved.digest() : null;
    Map<String, String> beforeFacts = before == null ? Map.of() : ManifestSummary.of(before, digestOf);
    Map<String, String> afterFacts = after == null ? Map.of() : ManifestSummary.of(after, digestOf);
    if (after != null && after.spec().image() != null
        && resolutions.get(after.spec().image()) instanceof ImageResolution.Problem problem) {
      problems.add(ManifestLocator.problem(change.path(), change.newText(), "spec.image", problem.message()));
    }
    if (after != null) {
      VariantModelSpec.imagesByField(after.spec().endpoint()).forEach((field, image) -> {
        if (resolutions.get(image) instanceof ImageResolution.Problem problem) {
          problems.add(ManifestLocator.problem(change.path(), change.newText(), field, problem.message()));
        }
      });
    }
    for (int i = 0; after != null && after.spec().model() != null && i < after.spec().model().containers().size(); i++) {
      if (resolutions.get(after.spec().model().containers().get(i).image()) instanceof ImageResolution.Problem problem) {
        problems.add(ManifestLocator.problem(change.path(), change.newText(), "spec.model.containers[" + i + "].image",
            problem.message()));
      }
    }
    if (after != null && after.spec().training() != null && after.spec().training().image() != null
        && resolutions.get(after.spec().training().image()) instanceof ImageResolution.Problem problem) {
      // The training image is pinned by the next build's sagemakerTrain; a plan that passes must not let it fail there.
      problems.add(ManifestLocator.problem(change.path(), change.newText(), "spec.training.image", problem.message()));
    }
    List<FieldChange> changes = new ArrayList<>();
    Set<String> fields = new LinkedHashSet<>(afterFacts.keySet());
    fields.addAll(beforeFacts.keySet());
    for (String field : fields) {
      String old = beforeFacts.get(field);
      String now = afterFacts.get(field);
      if (!Objects.equals(old, now)) {
        changes.add(new FieldChange(field, old, now));
      } else if (field.equals("environment") && !Objects.equals(environment(before), environment(after))) {
        // Only a masked value changed: the plan still says so, without showing either value.
        changes.add(new FieldChange(field, old, now + " (a masked value changed)"));
      }
    }
    List<String> actions = new ArrayList<>();
    Optional<InPlacePlan> inPlace = Optional.empty();
    if (change.kind() == ChangeKind.REMOVED) {
      if (before != null && before.spec().endpoint() != null) {
        actions.add("stop managing endpoint " + before.spec().endpoint().name() + ": it keeps running as it is"
            + " (sagemaker-gitops never deletes an endpoint); delete it yourself if that is intended");
      } else {
        actions.add("nothing: the manifest is removed and nothing is deleted");
      }
    } else if (after != null && problems.isEmpty()) {
      inPlace = inPlace(before, after, changes);
      actions.addAll(actions(change, before, after, changes, problems, inPlace));
      if (!problems.isEmpty()) {
        // A change that SageMaker would refuse has no actions: the plan must not promise them.
        actions.clear();
      }
    }
    String name = after != null ? after.name() : before != null ? before.name() : change.path();
    return new ModelPlan(change.path(), name, change.kind(), change.oldBlobId(), change.newBlobId(),
        change.lastCommit(), beforeFacts, afterFacts, changes, actions, problems,
        inPlace.isPresent() && !actions.isEmpty());
  }

  /** A change safe deploy applies in place ({@link InPlacePlan}), when the endpoint stays the same. */
  private static Optional<InPlacePlan> inPlace(ModelManifest before, ModelManifest after, List<FieldChange> changes) {
    if (before == null || before.spec().endpoint() == null || after.spec().endpoint() == null
        || !Objects.equals(before.spec().region(), after.spec().region())) {
      return Optional.empty();
    }
    return InPlacePlan.of(before.spec().endpoint(), after.spec().endpoint(), changes);
  }

  private List<String> actions(ManifestChange change, ModelManifest before, ModelManifest after,
      List<FieldChange> changes, List<ManifestProblem> problems, Optional<InPlacePlan> inPlace) {
    List<String> actions = new ArrayList<>();
    EndpointSpec endpoint = after.spec().endpoint();
    EndpointSpec oldEndpoint = before == null ? null : before.spec().endpoint();
    boolean sameEndpoint = oldEndpoint != null && endpoint != null && oldEndpoint.name().equals(endpoint.name())
        && Objects.equals(before.spec().region(), after.spec().region());
    boolean servingChanged = before == null || !sameEndpoint || changes.stream().anyMatch(c -> isServing(c.field()));
    boolean modelChanged = before == null || changes.stream().anyMatch(c -> c.field().equals("model package")
        || c.field().startsWith("image") || c.field().equals("environment") || c.field().equals("execution role"));

    if (changes.stream().anyMatch(c -> c.field().equals("training") || c.field().equals("hyperparameters"))) {
      actions.add("training settings changed: the next build trains and registers a new model version"
          + " (sagemakerTrain, registerModel); the merge itself does not train");
    }
    if (endpoint != null) {
      if (sameEndpoint) {
        checkVariantNames(change, oldEndpoint, endpoint, problems);
      }
      if (servingChanged) {
        if (after.spec().shadowTest() != null && sameEndpoint) {
          actions.add("shadow test against the live endpoint " + endpoint.name() + ": "
              + ManifestSummary.shadowTest(after.spec().shadowTest()));
        }
        if (inPlace.isPresent()) {
          actions.add(inPlace.get().action(endpoint, ManifestSummary.deployment(endpoint.deployment()) + alarms(endpoint)));
          inPlace.get().scalingNote(endpoint).ifPresent(actions::add);
        } else if (sameEndpoint) {
          actions.add("update endpoint " + endpoint.name() + " (" + ManifestSummary.deployment(endpoint.deployment())
              + alarms(endpoint) + ")");
          if (endpoint.autoscaling() != null) {
            actions.add("keep the live instance count of the autoscaled variants for the new fleet (within "
                + endpoint.autoscaling().minCapacity() + "-" + endpoint.autoscaling().maxCapacity()
                + "; RetainAllVariantProperties), so the deploy never cuts capacity; instanceCount applies only when"
                + " the live count lies outside that range");
          }
          if (endpoint.autoscaling() != null && instanceTypeChanged(oldEndpoint, endpoint)) {
            actions.add("deregister autoscaling before the update (its capacities, policies and scheduled actions"
                + " captured first) and register it again as it was however the deploy ends, as SageMaker requires"
                + " when a variant's instance type changes");
          }
        } else {
          actions.add("deploy endpoint " + endpoint.name() + ": create it, or update it if it already exists ("
              + ManifestSummary.deployment(endpoint.deployment()) + alarms(endpoint) + ")");
          if (oldEndpoint != null) {
            actions.add("stop managing endpoint " + oldEndpoint.name() + ": it keeps running as it is");
          }
        }
        if (endpoint.hasVariantModels()) {
          actions.add("serve each variant its own model: " + endpoint.variants().stream()
              .map(v -> v.name() + " " + (v.model() == null ? "spec.model " + after.spec().model().modelPackage()
                  : v.model().modelPackage().toString()))
              .collect(java.util.stream.Collectors.joining(", "))
              + " (one SageMaker model per distinct package, image and environment)");
        }
        if (endpoint.autoscaling() != null) {
          actions.add("register autoscaling " + ManifestSummary.of(after, i -> null).get("autoscaling"));
        }
      } else if (changes.stream().anyMatch(c -> c.field().equals("autoscaling"))) {
        actions.add("update autoscaling of " + endpoint.name() + " without touching the endpoint");
      } else if (changes.stream().anyMatch(c -> c.field().equals("deployment") || c.field().equals("rollback alarms"))) {
        actions.add("no endpoint update: only the deployment policy changed; it applies to the next deployment");
      }
    }
    for (var transform : after.spec().batchTransforms().values()) {
      boolean transformChanged = changes.stream().anyMatch(c -> c.field().equals("batch transform " + transform.name()));
      if (modelChanged || transformChanged) {
        actions.add("run batch transform " + transform.name() + ": " + ManifestSummary.transform(transform));
      }
    }
    if (actions.isEmpty()) {
      actions.add("nothing to deploy: no change SageMaker would see");
    }
    return actions;
  }

  private static String alarms(EndpointSpec endpoint) {
    List<String> alarms = endpoint.deployment().rollbackAlarms();
    return alarms.isEmpty() ? ", no rollback alarms" : ", roll back on " + String.join(", ", alarms);
  }

  private static boolean isServing(String field) {
    return SERVING_PREFIXES.stream().anyMatch(prefix -> prefix.endsWith(" ") ? field.startsWith(prefix)
        : field.equals(prefix));
  }

  private static boolean instanceTypeChanged(EndpointSpec before, EndpointSpec after) {
    Map<String, String> types = new HashMap<>();
    before.variants().forEach(v -> types.put(v.name(), v.instanceType()));
    return after.variants().stream().anyMatch(v -> types.containsKey(v.name())
        && !Objects.equals(types.get(v.name()), v.instanceType()));
  }

  /** SageMaker's guardrails (blue/green and rolling) need the new config to keep the variant names. */
  private static void checkVariantNames(ManifestChange change, EndpointSpec before, EndpointSpec after,
      List<ManifestProblem> problems) {
    Set<String> old = before.variants().stream().map(EndpointSpec.Variant::name).collect(Collectors.toSet());
    Set<String> now = after.variants().stream().map(EndpointSpec.Variant::name).collect(Collectors.toSet());
    if (!old.equals(now)) {
      problems.add(ManifestLocator.problem(change.path(), change.newText(), "spec.endpoint.variants",
          "the variant names change from " + String.join(", ", sorted(old)) + " to " + String.join(", ", sorted(now))
              + "; SageMaker's blue/green and rolling updates need the same variant names in the new endpoint"
              + " configuration. Keep the names, or deploy to a new endpoint name"));
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  private static Map<String, String> environment(ModelManifest manifest) {
    return manifest == null || manifest.spec().model() == null ? Map.of() : manifest.spec().model().environment();
  }
}
