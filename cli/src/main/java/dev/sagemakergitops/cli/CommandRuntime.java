package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.Sleeper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What a command runs with besides its options: the clock, how it waits between polls, the
 * environment variables it reads (CI build URLs, default folders), the polling policy and the AWS
 * SDK interceptors. {@link #system()} is the real thing; tests hand {@link Main#commandLine} one on
 * the local control plane's virtual clock, whose sleeper advances that clock, so an hour-long bake
 * passes in milliseconds and nothing global is touched.
 *
 * @param clock where deadlines, progress lines, records and commit times take the time from
 * @param sleeper how the runner waits between polls
 * @param environment the process's environment variables
 * @param polling when to poll
 * @param random jitter's source
 * @param interceptors SDK interceptors put on every AWS client (tests count calls with them)
 */
record CommandRuntime(Clock clock, Sleeper sleeper, Map<String, String> environment, PollingPolicy polling,
    RandomGenerator random, List<ExecutionInterceptor> interceptors) {
  /** Environment variable that tunes polling, for every command that waits. */
  static final String POLLING_VARIABLE = "SAGEMAKER_GITOPS_POLLING";

  CommandRuntime {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(polling, "polling");
    Objects.requireNonNull(random, "random");
    interceptors = List.copyOf(interceptors);
  }

  /**
   * The process's own: the system clock, real sleeps, its environment, the default polling policy;
   * or, with {@code SAGEMAKER_GITOPS_SIMULATED_TIME=local} and {@code AWS_ENDPOINT_URL} naming a local
   * control plane on a virtual clock, that control plane's time (see {@link LocalSimulatedTime}).
   */
  static CommandRuntime system() {
    Map<String, String> environment = System.getenv();
    PollingPolicy polling = polling(environment);
    String endpoint = environment.get("AWS_ENDPOINT_URL");
    if ("local".equals(environment.get(LocalSimulatedTime.VARIABLE)) && endpoint != null && !endpoint.isBlank()) {
      LocalSimulatedTime time = new LocalSimulatedTime(java.net.URI.create(endpoint));
      return new CommandRuntime(time, time, environment, polling, RandomGenerator.getDefault(), List.of());
    }
    return new CommandRuntime(Clock.systemUTC(), Sleeper.real(), environment, polling, RandomGenerator.getDefault(),
        List.of());
  }

  /**
   * The polling policy: the defaults, with the knobs {@code SAGEMAKER_GITOPS_POLLING} names changed
   * (for example {@code interval=5s,alarmWatch=30s}; see {@code PollingPolicy.parse} and
   * docs/operations.md, "Polling").
   */
  static PollingPolicy polling(Map<String, String> environment) {
    String settings = environment.get(POLLING_VARIABLE);
    try {
      return PollingPolicy.parse(settings == null ? "" : settings);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(POLLING_VARIABLE + ": " + e.getMessage());
    }
  }

  /** An environment variable, or {@code null} when it is unset or blank. */
  String variable(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
