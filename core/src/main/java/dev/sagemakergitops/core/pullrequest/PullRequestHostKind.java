package dev.sagemakergitops.core.pullrequest;

import java.util.Arrays;
import java.util.Locale;

/** The hosts {@code --comment} and {@code --open-pull-request} name. */
public enum PullRequestHostKind {
  GITHUB,
  GITLAB,
  CODECOMMIT;

  /** The option's spelling: {@code github}, {@code gitlab}, {@code codecommit}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind an option names. */
  public static PullRequestHostKind of(String option) {
    return Arrays.stream(values()).filter(k -> k.optionName().equals(option)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("expected github, gitlab or codecommit, got '" + option + "'"));
  }
}
