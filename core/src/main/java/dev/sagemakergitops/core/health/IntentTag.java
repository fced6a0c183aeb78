package dev.sagemakergitops.core.health;

import java.util.Objects;
import java.util.Optional;

/**
 * What sagemaker-gitops last asked an endpoint to do, kept in AWS on the endpoint itself (tag
 * {@value #KEY}) so that any later run, on any machine, can tell a rollback from a change made
 * outside Git: the configuration requested, the commit whose deployment requested it, and the
 * configuration the endpoint served when it was asked.
 *
 * <p>The tag's value is {@code <config>} followed by {@code commit=<id>} and {@code from=<config>}
 * when they are known, separated by spaces (SageMaker allows letters, digits, spaces and
 * {@code _.:/=+-@} in a tag value, up to 256 characters: a 63-character name twice and a 40-digit
 * commit fit). A value written by an earlier version is the configuration name alone; it parses with
 * no commit and no previous configuration.
 *
 * @param config the endpoint configuration requested
 * @param commit the commit the deploy ran at, or {@code null} when unknown
 * @param previousConfig the configuration the endpoint served when the update was requested, or
 *     {@code null} when unknown (a creation, or a tag written by an earlier version)
 * @param inPlaceOn the configuration the endpoint keeps serving when {@code config}'s weights and
 *     instance counts were applied to it in place ({@code UpdateEndpointWeightsAndCapacities}, written
 *     {@code on=<config>} once the change is verified), or {@code null}: {@code config} itself was
 *     never created, and the endpoint serving {@code inPlaceOn} is what was asked
 */
public record IntentTag(String config, String commit, String previousConfig, String inPlaceOn) {
  /** The endpoint tag. */
  public static final String KEY = "sagemaker-gitops:endpoint-config";

  public IntentTag {
    Objects.requireNonNull(config, "config");
  }

  /** An intent applied by a new configuration (created or updated to): the endpoint is to serve {@code config}. */
  public IntentTag(String config, String commit, String previousConfig) {
    this(config, commit, previousConfig, null);
  }

  /** True when the endpoint serving {@code liveConfig} is what this intent asked: the configuration, or the one it was applied to in place. */
  public boolean servedBy(String liveConfig) {
    return config.equals(liveConfig) || inPlaceOn != null && inPlaceOn.equals(liveConfig);
  }

  /** The tag's value. */
  public String format() {
    StringBuilder out = new StringBuilder(config);
    if (commit != null) {
      out.append(" commit=").append(commit);
    }
    if (previousConfig != null) {
      out.append(" from=").append(previousConfig);
    }
    if (inPlaceOn != null) {
      out.append(" on=").append(inPlaceOn);
    }
    return out.toString();
  }

  /** The intent a tag value describes; empty for a missing or blank value. */
  public static Optional<IntentTag> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String[] words = value.trim().split(" +");
    String commit = null;
    String previous = null;
    String on = null;
    for (int i = 1; i < words.length; i++) {
      if (words[i].startsWith("commit=")) {
        commit = emptyToNull(words[i].substring("commit=".length()));
      } else if (words[i].startsWith("from=")) {
        previous = emptyToNull(words[i].substring("from=".length()));
      } else if (words[i].startsWith("on=")) {
        on = emptyToNull(words[i].substring("on=".length()));
      }
    }
    return Optional.of(new IntentTag(words[0], commit, previous, on));
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
