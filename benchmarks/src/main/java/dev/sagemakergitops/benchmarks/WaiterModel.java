package dev.sagemakergitops.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SDK's {@code EndpointInService} waiter computed over the ground truth: a
 * {@code DescribeEndpoint} when it is called, then one every {@link #DELAY} (30 s), until one shows
 * {@code InService} (success, whichever configuration is live: a rolled-back update succeeds too)
 * or {@code Failed} (failure), at most {@link #MAX_ATTEMPTS} polls. Each poll sees the last state
 * the endpoint entered at or before it.
 *
 * <p>The local control plane's timings are whole minutes, so a waiter called at the very instant of
 * the request would poll exactly when every change happens, and look perfectly prompt: an artefact.
 * On AWS a launch takes 3 to 10 minutes to the second, so where a change falls in the waiter's
 * 30-second cycle is a matter of chance. The waiter is therefore computed once for each
 * {@link #PHASES} start, called 0, 1, ... 29 s after the request, and its figures are taken over all
 * of them; phase 0 is what the real waiter run does.
 */
final class WaiterModel {
  static final Duration DELAY = Duration.ofSeconds(30);
  static final int MAX_ATTEMPTS = 120;
  static final int PHASES = 30;
  private static final Set<String> FINAL = Set.of("InService", "Failed");

  /**
   * What one waiter does.
   *
   * @param polls the poll times, the first when it is called
   * @param end the poll that ended the wait
   * @param outcome {@code InService}, {@code Failed} or {@code timed out}
   */
  record Figures(List<Instant> polls, Instant end, String outcome) {
    int calls() {
      return polls.size();
    }

    /** The first poll at or after {@code at}, or null when the wait ended before. */
    Instant firstPollAtOrAfter(Instant at) {
      return polls.stream().filter(p -> !p.isBefore(at)).findFirst().orElse(null);
    }
  }

  private WaiterModel() {}

  /** The waiter called at {@code start}. */
  static Figures over(List<EndpointObserver.Change> truth, Instant start) {
    List<Instant> polls = new ArrayList<>();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Instant poll = start.plus(DELAY.multipliedBy(attempt));
      polls.add(poll);
      String status = stateAt(truth, poll).status();
      if (FINAL.contains(status)) {
        return new Figures(polls, poll, status);
      }
    }
    return new Figures(polls, polls.get(polls.size() - 1), "timed out");
  }

  /** The waiter called 0, 1, ... {@link #PHASES}-1 seconds after {@code request}. */
  static List<Figures> phases(List<EndpointObserver.Change> truth, Instant request) {
    List<Figures> out = new ArrayList<>();
    for (int phase = 0; phase < PHASES; phase++) {
      out.add(over(truth, request.plusSeconds(phase)));
    }
    return out;
  }

  static EndpointObserver.Change stateAt(List<EndpointObserver.Change> truth, Instant at) {
    EndpointObserver.Change current = truth.get(0);
    for (EndpointObserver.Change change : truth) {
      if (!change.at().isAfter(at)) {
        current = change;
      }
    }
    return current;
  }
}
