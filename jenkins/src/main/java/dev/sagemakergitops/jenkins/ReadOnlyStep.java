package dev.sagemakergitops.jenkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the pull-request steps ({@code sagemakerValidate}, {@code sagemakerPlan}) share: which
 * manifests, whether to consult AWS, whether problems fail the step. They change nothing anywhere.
 */
public abstract class ReadOnlyStep extends AwsStep {
  private String paths;
  private boolean offline;
  private boolean failOnProblems = true;

  public String getPaths() {
    return paths;
  }

  /** Manifest files or folders to look at, separated by spaces or commas; all manifests by default. */
  @DataBoundSetter
  public void setPaths(String paths) {
    this.paths = blankToNull(paths);
  }

  public boolean isOffline() {
    return offline;
  }

  /** Read Git only and consult no AWS service (image digests stay unresolved). */
  @DataBoundSetter
  public void setOffline(boolean offline) {
    this.offline = offline;
  }

  public boolean isFailOnProblems() {
    return failOnProblems;
  }

  /** Fail the step when a manifest has a problem (the default); else return the problems. */
  @DataBoundSetter
  public void setFailOnProblems(boolean failOnProblems) {
    this.failOnProblems = failOnProblems;
  }

  /** The settings to persist: the ref, and this class's arguments with {@code extra} as options. */
  StepSettings settings(String function, String ref, Map<String, String> extra) {
    Map<String, String> options = new LinkedHashMap<>(extra);
    options.put("paths", paths);
    options.put("offline", Boolean.toString(offline));
    options.put("failOnProblems", Boolean.toString(failOnProblems));
    return new StepSettings(function, null, ref, this, options);
  }

  static boolean isOffline(StepSettings settings) {
    return Boolean.parseBoolean(settings.options().get("offline"));
  }

  static boolean failsOnProblems(StepSettings settings) {
    return !"false".equals(settings.options().get("failOnProblems"));
  }

  /** The manifest paths, normalised as the command line does: forward slashes, no {@code ./}, no trailing slash. */
  static List<String> paths(StepSettings settings) {
    List<String> out = new ArrayList<>();
    String given = settings.options().get("paths");
    if (given == null) {
      return out;
    }
    for (String path : given.split("[\\s,]+")) {
      String normalised = path.replace('\\', '/');
      while (normalised.startsWith("./")) {
        normalised = normalised.substring(2);
      }
      while (normalised.endsWith("/") && normalised.length() > 1) {
        normalised = normalised.substring(0, normalised.length() - 1);
      }
      if (!normalised.isEmpty() && !normalised.equals(".")) {
        out.add(normalised);
      }
    }
    return out;
  }
}
