package dev.sagemakergitops.core.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which pull request a build is for: the number given as an option, else the one the CI system
 * names in its own variables. Each source is the CI's documented variable:
 *
 * <ol>
 *   <li>GitHub Actions: the event payload file {@code GITHUB_EVENT_PATH}, field
 *       {@code pull_request.number}, present for the {@code pull_request} and
 *       {@code pull_request_target} events (docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows);
 *   <li>AWS CodeBuild: {@code CODEBUILD_WEBHOOK_TRIGGER}, which is {@code pr/N} for a pull-request
 *       webhook event (docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html);
 *   <li>Jenkins multibranch: {@code CHANGE_ID}, the change request's number (Jenkins's Branch API);
 *   <li>GitLab CI: {@code CI_MERGE_REQUEST_IID}, in merge request pipelines
 *       (docs.gitlab.com/ci/variables/predefined_variables/).
 * </ol>
 *
 * <p>The first one set wins; a variable set to something that is not a number is skipped rather
 * than guessed at (Jenkins sets {@code CHANGE_ID} to a non-number for some SCMs).
 */
public final class PullRequestLocator {
  private static final Pattern CODEBUILD_PULL_REQUEST = Pattern.compile("pr/([0-9]{1,12})");
  private static final ObjectMapper JSON = new ObjectMapper();

  private PullRequestLocator() {}

  /**
   * The pull request {@code option} names, else the one the CI's variables in {@code environment}
   * name, else empty.
   *
   * @throws IllegalArgumentException when {@code option} is given and is not a number
   */
  public static Optional<PullRequestNumber> locate(String option, Map<String, String> environment) {
    if (option != null && !option.isBlank()) {
      return Optional.of(new PullRequestNumber(option.strip()));
    }
    return fromGitHubEvent(environment.get("GITHUB_EVENT_PATH"))
        .or(() -> fromCodeBuild(environment.get("CODEBUILD_WEBHOOK_TRIGGER")))
        .or(() -> number(environment.get("CHANGE_ID")))
        .or(() -> number(environment.get("CI_MERGE_REQUEST_IID")));
  }

  /** Where the number came from, for a message: the first source set. */
  public static String sources() {
    return "--pull-request, GITHUB_EVENT_PATH (pull_request.number), CODEBUILD_WEBHOOK_TRIGGER (pr/N), CHANGE_ID,"
        + " CI_MERGE_REQUEST_IID";
  }

  private static Optional<PullRequestNumber> fromGitHubEvent(String eventPath) {
    if (eventPath == null || eventPath.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode event = JSON.readTree(Files.readString(Path.of(eventPath)));
      JsonNode number = event == null ? null : event.path("pull_request").get("number");
      return number == null ? Optional.empty() : number(number.asText());
    } catch (IOException e) {
      // A push event's payload has no pull request; an unreadable file says nothing either.
      return Optional.empty();
    }
  }

  private static Optional<PullRequestNumber> fromCodeBuild(String trigger) {
    if (trigger == null) {
      return Optional.empty();
    }
    Matcher m = CODEBUILD_PULL_REQUEST.matcher(trigger.strip());
    return m.matches() ? Optional.of(new PullRequestNumber(m.group(1))) : Optional.empty();
  }

  private static Optional<PullRequestNumber> number(String value) {
    return value != null && value.strip().matches("[0-9]{1,12}")
        ? Optional.of(new PullRequestNumber(value.strip())) : Optional.empty();
  }
}
