package dev.sagemakergitops.local.sagemaker.hosting;

import java.util.Map;

/**
 * Scenario faults armed for one endpoint (see {@link HostingService}'s scenario controls). An
 * immutable value replaced as a whole, so controls can be set from any thread.
 *
 * @param failProvisioning the next launch of this endpoint's fleet (CreateEndpoint) ends {@code Failed}
 * @param failNextUpdateReason the next update fails while launching its new fleet with this reason, or {@code null}
 * @param failRollback the next rollback of this endpoint fails: {@code UpdateRollbackFailed}
 * @param trippedAlarm an alarm read as {@code ALARM} from a traffic step of the next update, or {@code null}
 * @param variantFaults slowness and error rates per variant name
 * @param failCapacityChangeReason the next UpdateEndpointWeightsAndCapacities fails and rolls back
 *     ({@code RollingBack}) with this reason, or {@code null}
 */
record EndpointScenario(boolean failProvisioning, String failNextUpdateReason, boolean failRollback,
    AlarmTrip trippedAlarm, Map<String, VariantFault> variantFaults, String failCapacityChangeReason) {

  /** "Treat {@code alarmName} as ALARM from traffic step {@code step} (1-based) of the next update." */
  record AlarmTrip(String alarmName, int step) {}

  /**
   * @param latencyFactor multiplies the simulated ModelLatency
   * @param errorRate the share of invocations (0..1) the model answers with a 500 (ModelError 424 to callers)
   */
  record VariantFault(double latencyFactor, double errorRate) {
    static final VariantFault NONE = new VariantFault(1.0, 0.0);
  }

  static final EndpointScenario NONE = new EndpointScenario(false, null, false, null, Map.of(), null);

  EndpointScenario {
    variantFaults = Map.copyOf(variantFaults);
  }

  EndpointScenario withFailProvisioning(boolean value) {
    return new EndpointScenario(value, failNextUpdateReason, failRollback, trippedAlarm, variantFaults, failCapacityChangeReason);
  }

  EndpointScenario withFailNextUpdate(String reason) {
    return new EndpointScenario(failProvisioning, reason, failRollback, trippedAlarm, variantFaults, failCapacityChangeReason);
  }

  EndpointScenario withFailRollback(boolean value) {
    return new EndpointScenario(failProvisioning, failNextUpdateReason, value, trippedAlarm, variantFaults, failCapacityChangeReason);
  }

  EndpointScenario withTrippedAlarm(AlarmTrip trip) {
    return new EndpointScenario(failProvisioning, failNextUpdateReason, failRollback, trip, variantFaults, failCapacityChangeReason);
  }

  EndpointScenario withVariantFault(String variant, VariantFault fault) {
    java.util.Map<String, VariantFault> copy = new java.util.HashMap<>(variantFaults);
    copy.put(variant, fault);
    return new EndpointScenario(failProvisioning, failNextUpdateReason, failRollback, trippedAlarm, copy,
        failCapacityChangeReason);
  }

  EndpointScenario withFailCapacityChange(String reason) {
    return new EndpointScenario(failProvisioning, failNextUpdateReason, failRollback, trippedAlarm, variantFaults, reason);
  }

  VariantFault variantFault(String variant) {
    return variantFaults.getOrDefault(variant, VariantFault.NONE);
  }
}
