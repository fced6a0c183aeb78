package dev.sagemakergitops.core.plan;

import dev.sagemakergitops.core.manifest.EndpointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a change of a manifest is one safe deploy applies in place
 * ({@code UpdateEndpointWeightsAndCapacities}: no new model, endpoint configuration or fleet), judged
 * offline from which of the manifest's facts changed: only variant weights and instance counts, the
 * same endpoint, region, variant names in the same order, instance types and everything else, and
 * at most one variant that is not autoscaled changing its count (the API changes the "capacity of
 * one variant"). The plan cannot know what the endpoint runs: the deploy decides again from the live
 * endpoint, and takes a new configuration when the endpoint does not serve what the base commit
 * asked (a change outside Git, a deploy that did not happen).
 *
 * @param adjustments one line per variant that changes, {@code A weight 80 -> 50}
 * @param leftToScaling autoscaled variants whose instance count changes: left to the scaling policy
 */
record InPlacePlan(List<String> adjustments, List<String> leftToScaling) {
  /** A variant's fact without its instance count and weight ({@link ManifestSummary#variant}). */
  private static final Pattern COUNT = Pattern.compile("^\\d+ x ");
  private static final Pattern WEIGHT = Pattern.compile(", weight [0-9.E-]+");

  InPlacePlan {
    adjustments = List.copyOf(adjustments);
    leftToScaling = List.copyOf(leftToScaling);
  }

  /**
   * The change in place from {@code before} to {@code after}, given the facts that changed; empty
   * when it needs a new endpoint configuration (or nothing changes).
   */
  static Optional<InPlacePlan> of(EndpointSpec before, EndpointSpec after, List<FieldChange> changes) {
    if (changes.isEmpty() || changes.stream().anyMatch(c -> !c.field().startsWith("variant ")
        && !c.field().equals("autoscaling") && !c.field().equals("deployment") && !c.field().equals("rollback alarms"))) {
      return Optional.empty();
    }
    if (before.variants().size() != after.variants().size() || !before.name().equals(after.name())) {
      return Optional.empty();
    }
    List<String> autoscaled = after.autoscaling() == null ? List.of()
        : after.variants().stream().filter(v -> v.serverless() == null).map(EndpointSpec.Variant::name).toList();
    List<String> adjustments = new ArrayList<>();
    List<String> leftToScaling = new ArrayList<>();
    int counts = 0;
    for (int i = 0; i < after.variants().size(); i++) {
      EndpointSpec.Variant old = before.variants().get(i);
      EndpointSpec.Variant now = after.variants().get(i);
      boolean showWeight = true;
      if (!old.name().equals(now.name()) || !Objects.equals(old.instanceType(), now.instanceType())
          || !rest(ManifestSummary.variant(old, showWeight)).equals(rest(ManifestSummary.variant(now, showWeight)))) {
        return Optional.empty();
      }
      List<String> parts = new ArrayList<>();
      if (old.weight() != now.weight()) {
        parts.add("weight " + ManifestSummary.number(old.weight()) + " -> " + ManifestSummary.number(now.weight()));
      }
      if (now.serverless() == null && !Objects.equals(old.instanceCount(), now.instanceCount())) {
        if (autoscaled.contains(now.name())) {
          leftToScaling.add(now.name());
        } else {
          counts++;
          parts.add("instances " + old.instanceCount() + " -> " + now.instanceCount());
        }
      }
      if (!parts.isEmpty()) {
        adjustments.add(now.name() + " " + String.join(", ", parts));
      }
    }
    if (counts > 1 || adjustments.isEmpty() && leftToScaling.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new InPlacePlan(adjustments, leftToScaling));
  }

  private static String rest(String variantFact) {
    return WEIGHT.matcher(COUNT.matcher(variantFact).replaceFirst("")).replaceAll("");
  }

  /** The plan's action line for {@code endpoint}, its condition included. */
  String action(EndpointSpec endpoint, String fallback) {
    if (adjustments.isEmpty()) {
      return "no update of endpoint " + endpoint.name() + ": only the instance count of autoscaled variants changes,"
          + " and no new configuration is created for it";
    }
    return "change the weights and instance counts of endpoint " + endpoint.name() + " in place"
        + (adjustments.isEmpty() ? "" : " (" + String.join("; ", adjustments) + ")")
        + " with UpdateEndpointWeightsAndCapacities: no new model, endpoint configuration or fleet. The deploy checks"
        + " the live endpoint first: when it does not serve what the base commit deployed, it updates it with a new"
        + " configuration instead (" + fallback + ")";
  }

  /** The plan's note on the autoscaled variants whose count changes, or empty. */
  Optional<String> scalingNote(EndpointSpec endpoint) {
    if (leftToScaling.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("the instance count of autoscaled variant(s) " + String.join(", ", leftToScaling)
        + " is left to the scaling policy (Application Auto Scaling sets it, within "
        + endpoint.autoscaling().minCapacity() + "-" + endpoint.autoscaling().maxCapacity() + "); instanceCount is not sent");
  }
}
