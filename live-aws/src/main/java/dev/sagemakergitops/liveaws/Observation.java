package dev.sagemakergitops.liveaws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One AWS answer a probe records: what was asked, whether it was answered or refused, the answer's
 * relevant fields or the error's code and message. Values are already normalized
 * ({@link Normalizer}), so the same probe gives the same observation on every account and run.
 *
 * @param name what the observation settles, unique within its probe
 * @param request the request's relevant members
 * @param outcome {@link #ANSWERED} or {@link #REFUSED}
 * @param answer the answer's relevant fields (empty when refused)
 * @param errorCode the error code when refused, else null
 * @param errorMessage the error message when refused, else null
 * @param informational fields of {@code answer} that depend on timing (how long a resource stayed
 *     invisible): recorded for people, never compared
 */
public record Observation(String name, Map<String, Object> request, String outcome, Map<String, Object> answer,
    String errorCode, String errorMessage, java.util.List<String> informational) {
  public static final String ANSWERED = "answered";
  public static final String REFUSED = "refused";

  public Observation {
    Objects.requireNonNull(name, "name");
    request = Map.copyOf(request);
    answer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answer));
    informational = java.util.List.copyOf(informational);
  }

  /** An answered call. */
  public static Observation answered(String name, Map<String, Object> request, Map<String, Object> answer) {
    return new Observation(name, request, ANSWERED, answer, null, null, java.util.List.of());
  }

  /** A refused call. */
  public static Observation refused(String name, Map<String, Object> request, String code, String message) {
    return new Observation(name, request, REFUSED, Map.of(), code, message, java.util.List.of());
  }

  /** This observation with {@code fields} of its answer marked as informational. */
  public Observation informational(String... fields) {
    return new Observation(name, request, outcome, answer, errorCode, errorMessage, java.util.List.of(fields));
  }
}
