package dev.sagemakergitops.local.cloudwatch;

import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.required;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.text;
import static dev.sagemakergitops.local.cloudwatch.CloudWatchInput.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.cloudwatch.Alarms.Alarm;
import dev.sagemakergitops.local.cloudwatch.CloudWatchService.Call;
import dev.sagemakergitops.local.protocol.Arns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * CloudWatch's composite alarms per region (botocore doc strings of PutCompositeAlarm,
 * DescribeAlarms, DeleteAlarms, SetAlarmState and CompositeAlarm; CloudWatch API reference):
 *
 * <ul>
 *   <li>PutCompositeAlarm creates or updates one. The rule ({@link AlarmRule}) names existing
 *       alarms, metric or composite, by name or ARN; naming one that does not exist is refused with
 *       {@code ValidationError} "Could not save the composite alarm as alarms [..] in the alarm rule
 *       do not exist" (the text users report: awsdocs/aws-cloudformation-user-guide#911,
 *       hashicorp/terraform-provider-aws reports). A new alarm starts in INSUFFICIENT_DATA and is
 *       evaluated at once, so it is then OK or ALARM: "this initial time after creation is the only
 *       time that the alarm can be in INSUFFICIENT_DATA". An update keeps the state, overwrites the
 *       configuration and evaluates again.
 *   <li>Its state is ALARM when its rule holds over its children's states, else OK; it is evaluated
 *       whenever the alarms are read, after the metric alarms. Alarms on a cycle of composite alarms
 *       keep their state ("the evaluation of composite alarms stops if CloudWatch detects a cycle").
 *       {@code StateUpdatedTimestamp} "tracks the timestamp of any state update, even if StateValue
 *       doesn't change": it moves whenever a child's state changed (the reading that moves it most
 *       often); {@code StateTransitionedTimestamp} only when the value changes.
 *   <li>SetAlarmState on a composite alarm holds "only once any of its children alarms change state"
 *       or its configuration is updated.
 *   <li>DeleteAlarms deletes at most one composite alarm per call, and refuses, deleting nothing,
 *       to delete an alarm that a composite alarm outside the call depends on ({@code ValidationError}
 *       "Cannot delete x as there are composite alarm(s) depending on it.", as users report:
 *       ekristen/aws-nuke#462, cloud-custodian/cloud-custodian#7763).
 * </ul>
 *
 * <p>Undocumented, and read here the harder way: the refusal texts of a malformed rule, of two
 * composite alarms in one DeleteAlarms, and of a name already used by an alarm of the other kind
 * (refused); the {@code StateReason} text. Actions and their suppressors are stored and described,
 * never executed (no actions are executed here at all).
 */
final class CompositeAlarms {
  /** What a composite alarm decides on; changed only by PutCompositeAlarm. */
  record Config(String name, String arn, String description, boolean actionsEnabled, List<String> okActions,
      List<String> alarmActions, List<String> insufficientDataActions, AlarmRule rule,
      Map<String, String> childNames, Instant updatedAt, String actionsSuppressor, Integer suppressorWaitPeriod,
      Integer suppressorExtensionPeriod) {}

  /**
   * A composite alarm's state. {@code children} are its children's states at its last evaluation;
   * {@code held} is true while a state set by SetAlarmState holds (until a child changes state);
   * {@code pinned} while the scenario control {@code trip} keeps it in ALARM.
   */
  record State(String value, String reason, Instant updatedAt, Instant transitionedAt, Map<String, String> children,
      boolean held, boolean pinned) {}

  record Composite(Config config, State state) {}

  private final Map<String, Map<String, Composite>> regions = new HashMap<>();

  Map<String, Composite> in(String region) {
    return regions.computeIfAbsent(region, r -> new TreeMap<>());
  }

  boolean exists(String region, String name) {
    return in(region).containsKey(name);
  }

  /** PutCompositeAlarm: {@code metrics} are the region's metric alarms. */
  void put(JsonNode in, Call call, Map<String, Alarm> metrics) {
    String name = required(in, "AlarmName");
    AlarmRule rule = AlarmRule.parse(required(in, "AlarmRule"));
    if (metrics.containsKey(name)) {
      throw CloudWatchException.invalidParameterValue("The alarm " + name + " is a metric alarm; a composite alarm "
          + "cannot have its name.");
    }
    String suppressor = text(in, "ActionsSuppressor");
    Map<String, String> childNames = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String reference : rule.children()) {
      String child = nameOf(reference, call);
      if (child == null || !(metrics.containsKey(child) || exists(call.region(), child))) {
        missing.add(reference);
      } else {
        childNames.put(reference, child);
      }
    }
    if (!missing.isEmpty()) {
      throw CloudWatchException.validationError("Could not save the composite alarm as alarms "
          + "[" + String.join(", ", missing) + "] in the alarm rule do not exist");
    }
    Config config = new Config(name, "arn:" + Arns.partition(call.region()) + ":cloudwatch:" + call.region() + ":"
        + call.accountId() + ":alarm:" + name, text(in, "AlarmDescription"), in.path("ActionsEnabled").asBoolean(true),
        texts(in.path("OKActions")), texts(in.path("AlarmActions")), texts(in.path("InsufficientDataActions")), rule,
        Map.copyOf(childNames), call.now(), suppressor,
        in.hasNonNull("ActionsSuppressorWaitPeriod") ? in.get("ActionsSuppressorWaitPeriod").asInt() : null,
        in.hasNonNull("ActionsSuppressorExtensionPeriod") ? in.get("ActionsSuppressorExtensionPeriod").asInt() : null);
    Composite existing = in(call.region()).get(name);
    State state = existing != null
        // An update keeps the state and is evaluated again (SetAlarmState: "also reevaluated if you
        // update its configuration").
        ? new State(existing.state().value(), existing.state().reason(), existing.state().updatedAt(),
            existing.state().transitionedAt(), Map.of(), false, existing.state().pinned())
        : new State("INSUFFICIENT_DATA", "Unchecked: Initial alarm creation", call.now(), call.now(), Map.of(), false,
            false);
    in(call.region()).put(name, new Composite(config, state));
  }

  /** The alarm name an {@code AlarmRule} reference means in this call's account and region, or null. */
  private static String nameOf(String reference, Call call) {
    if (!reference.startsWith("arn:")) {
      return reference;
    }
    String prefix = "arn:" + Arns.partition(call.region()) + ":cloudwatch:" + call.region() + ":" + call.accountId()
        + ":alarm:";
    return reference.startsWith(prefix) && reference.length() > prefix.length() ? reference.substring(prefix.length())
        : null;
  }

  /** Evaluates every composite alarm of {@code region} at {@code now}, after its metric alarms were. */
  void evaluate(String region, Instant now, Map<String, Alarm> metrics) {
    Map<String, Composite> composites = in(region);
    if (composites.isEmpty()) {
      return;
    }
    Set<String> cyclic = new HashSet<>();
    for (String name : composites.keySet()) {
      if (reaches(composites, name, name, new HashSet<>())) {
        cyclic.add(name);
      }
    }
    Map<String, String> decided = new HashMap<>();
    for (String name : List.copyOf(composites.keySet())) {
      value(region, name, now, metrics, cyclic, decided);
    }
  }

  private static boolean reaches(Map<String, Composite> composites, String from, String target, Set<String> seen) {
    for (String child : composites.get(from).config().childNames().values()) {
      if (child.equals(target)) {
        return true;
      }
      if (composites.containsKey(child) && seen.add(child) && reaches(composites, child, target, seen)) {
        return true;
      }
    }
    return false;
  }

  private String value(String region, String name, Instant now, Map<String, Alarm> metrics, Set<String> cyclic,
      Map<String, String> decided) {
    Alarm metric = metrics.get(name);
    if (metric != null) {
      return metric.state().value();
    }
    Composite composite = in(region).get(name);
    if (composite == null) {
      return null;
    }
    if (decided.containsKey(name) || cyclic.contains(name)) {
      return decided.getOrDefault(name, composite.state().value());
    }
    Map<String, String> children = new TreeMap<>();
    for (String child : composite.config().childNames().values()) {
      children.put(child, value(region, child, now, metrics, cyclic, decided));
    }
    State state = composite.state();
    boolean childChanged = !children.equals(state.children());
    State next;
    if (state.pinned() || (state.held() && !childChanged)) {
      next = state;
    } else {
      boolean alarm = composite.config().rule().holds(ref -> children.get(composite.config().childNames().get(ref)));
      String value = alarm ? "ALARM" : "OK";
      boolean valueChanged = !value.equals(state.value());
      next = !valueChanged && !childChanged && !state.held() ? state
          : new State(value, "Composite alarm rule evaluated to " + (alarm ? "TRUE" : "FALSE") + " with children "
              + children, now, valueChanged ? now : state.transitionedAt(), Map.copyOf(children), false, false);
    }
    if (next != state) {
      in(region).put(name, new Composite(composite.config(), next));
    }
    decided.put(name, next.value());
    return next.value();
  }

  /** The composite alarm's state after evaluation, if it exists. */
  Optional<String> state(String region, String name) {
    return Optional.ofNullable(in(region).get(name)).map(c -> c.state().value());
  }

  /** SetAlarmState on a composite alarm: held until a child changes state or the alarm is updated. */
  void set(String region, String name, String value, String reason, Instant now) {
    Composite composite = in(region).get(name);
    State s = composite.state();
    boolean changed = !value.equals(s.value());
    in(region).put(name, new Composite(composite.config(), new State(value, reason, now,
        changed ? now : s.transitionedAt(), s.children(), true, s.pinned())));
  }

  /** The scenario controls: {@code pinned} keeps it in ALARM; released, it is OK until a child changes. */
  void pin(String region, String name, boolean pinned, Instant now) {
    Composite composite = in(region).get(name);
    State s = composite.state();
    String value = pinned ? "ALARM" : "OK";
    boolean changed = !value.equals(s.value());
    in(region).put(name, new Composite(composite.config(), new State(value,
        pinned ? "Tripped by the local control plane" : "Cleared by the local control plane", now,
        changed ? now : s.transitionedAt(), s.children(), !pinned, pinned)));
  }

  /** The composite alarms whose rule names {@code alarmName}. */
  List<String> parentsOf(String region, String alarmName) {
    return in(region).values().stream().filter(c -> c.config().childNames().containsValue(alarmName))
        .map(c -> c.config().name()).toList();
  }

  /** The alarms {@code name}'s rule names, or none when it is not a composite alarm. */
  List<String> childrenOf(String region, String name) {
    Composite composite = in(region).get(name);
    return composite == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(composite.config().childNames().values()));
  }

  /**
   * Checks a DeleteAlarms of {@code names} before anything is deleted: at most one composite alarm,
   * and no alarm that a composite alarm outside {@code names} depends on.
   */
  void checkDeletion(String region, List<String> names) {
    List<String> composites = names.stream().distinct().filter(n -> exists(region, n)).toList();
    if (composites.size() > 1) {
      throw CloudWatchException.validationError("DeleteAlarms can delete at most one composite alarm per call; "
          + composites + " are composite alarms.");
    }
    List<String> depended = names.stream().distinct()
        .filter(n -> parentsOf(region, n).stream().anyMatch(parent -> !names.contains(parent))).toList();
    if (!depended.isEmpty()) {
      throw CloudWatchException.validationError("Cannot delete " + String.join(",", depended)
          + " as there are composite alarm(s) depending on " + (depended.size() == 1 ? "it." : "them."));
    }
  }

  void delete(String region, String name) {
    in(region).remove(name);
  }

  /** The alarm as DescribeAlarms' {@code CompositeAlarms} lists it (botocore CompositeAlarm). */
  static ObjectNode json(Composite composite) {
    Config c = composite.config();
    State s = composite.state();
    ObjectNode out = CloudWatchInput.alarmHead(c.name(), c.arn(), c.description(), c.updatedAt(), c.actionsEnabled(),
        c.okActions(), c.alarmActions(), c.insufficientDataActions());
    out.put("AlarmRule", c.rule().text());
    out.put("StateValue", s.value());
    out.put("StateReason", s.reason());
    out.putPOJO("StateUpdatedTimestamp", s.updatedAt());
    out.putPOJO("StateTransitionedTimestamp", s.transitionedAt());
    if (c.actionsSuppressor() != null) {
      out.put("ActionsSuppressor", c.actionsSuppressor());
      if (c.suppressorWaitPeriod() != null) {
        out.put("ActionsSuppressorWaitPeriod", c.suppressorWaitPeriod());
      }
      if (c.suppressorExtensionPeriod() != null) {
        out.put("ActionsSuppressorExtensionPeriod", c.suppressorExtensionPeriod());
      }
    }
    return out;
  }
}
