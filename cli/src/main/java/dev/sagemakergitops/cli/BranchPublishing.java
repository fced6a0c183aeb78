package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.PushOutcome;
import dev.sagemakergitops.core.pullrequest.BranchPublisher;
import dev.sagemakergitops.core.pullrequest.PullRequestDraft;
import dev.sagemakergitops.core.pullrequest.PullRequestHostSettings;
import dev.sagemakergitops.core.pullrequest.PullRequestOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Runs {@link BranchPublisher} for a command and turns what it did into the fields the JSON
 * document and the text summary show: {@code push} (remote, branch, commit, previous, action) and
 * {@code pullRequest} (host, action, number, url, base, title).
 */
final class BranchPublishing {
  private BranchPublishing() {}

  /** Pushes {@code branch} and opens or updates its pull request as {@code request} says. */
  static Map<String, Object> publish(GitRepository git, String branch, BranchPublisher.Request request,
      CommandRuntime runtime, AwsSettings aws, Supplier<AwsCredentialsProvider> credentials,
      Function<String, PullRequestDraft> texts) {
    // The texts read the registry; they are made once, for the one base the publisher picks.
    Map<String, PullRequestDraft> made = new java.util.HashMap<>();
    Function<String, PullRequestDraft> draft = base -> made.computeIfAbsent(base, texts);
    BranchPublisher publisher = BranchPublisher.of(runtime.environment(), new PullRequestHostSettings(null, aws),
        credentials, runtime.clock());
    BranchPublisher.Publication done = publisher.publish(git, branch, request, draft);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("push", pushFields(done.push()));
    if (done.pullRequest() != null) {
      fields.put("pullRequest", pullRequestFields(request, done.pullRequest(), done.base(), draft.apply(done.base())));
    }
    return fields;
  }

  private static Map<String, Object> pushFields(PushOutcome push) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("remote", push.remote());
    fields.put("branch", push.branch());
    fields.put("commit", push.commit());
    fields.put("previous", push.previous());
    fields.put("action", push.action().name());
    return fields;
  }

  private static Map<String, Object> pullRequestFields(BranchPublisher.Request request, PullRequestOutcome outcome,
      String base, PullRequestDraft draft) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("host", request.host().optionName());
    fields.put("action", outcome.action().name());
    fields.put("number", outcome.number().value());
    fields.put("url", outcome.url());
    fields.put("base", base);
    fields.put("title", draft.title());
    return fields;
  }

  /** One line a person reads: what was pushed and which pull request. */
  @SuppressWarnings("unchecked")
  static String summary(Map<String, Object> fields) {
    Map<String, Object> push = (Map<String, Object>) fields.get("push");
    String line = switch (String.valueOf(push.get("action"))) {
      case "CREATED" -> "Pushed new branch " + push.get("branch") + " to " + push.get("remote");
      case "UPDATED" -> "Pushed " + push.get("branch") + " to " + push.get("remote") + ", replacing "
          + String.valueOf(push.get("previous")).substring(0, 12) + " (written by an earlier run)";
      default -> "Branch " + push.get("branch") + " at " + push.get("remote") + " is up to date";
    };
    Map<String, Object> pullRequest = (Map<String, Object>) fields.get("pullRequest");
    if (pullRequest != null) {
      line += "; " + ("OPENED".equals(pullRequest.get("action")) ? "opened" : "updated") + " pull request #"
          + pullRequest.get("number") + " into " + pullRequest.get("base")
          + (pullRequest.get("url") == null ? "" : ": " + pullRequest.get("url"));
    }
    return line;
  }
}
