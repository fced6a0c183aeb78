package dev.sagemakergitops.jenkins;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * An operation step that runs the same manifest again under a run key ({@code sagemakerTrain},
 * {@code shadowTest}, {@code batchTransform}): left out, a finished run of the manifest's spec is
 * reused; a new key starts a new one; the same key attaches to the same run. Each step explains
 * what its run is in its own {@code help-runKey.html}.
 */
public abstract class RunKeyedOperationStep extends OperationStep {
  /** The option that carries the run key to the step's factory. */
  static final String RUN_KEY = "runKey";

  private String runKey;

  protected RunKeyedOperationStep(String manifest) {
    super(manifest);
  }

  public String getRunKey() {
    return runKey;
  }

  /** What tells two runs of the same spec apart (a build number, a date). */
  @DataBoundSetter
  public void setRunKey(String runKey) {
    this.runKey = blankToNull(runKey);
  }

  /** The step's own arguments and then the run key. */
  @Override
  protected final Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>(runOptions());
    options.put(RUN_KEY, runKey);
    return options;
  }

  /** The step's arguments besides the run key, in order. */
  protected Map<String, String> runOptions() {
    return Map.of();
  }
}
