package dev.sagemakergitops.jenkins;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One of the five operation steps: a manifest (the one mandatory argument), the ref to read it at,
 * the step's own few arguments, and everything of {@link AwsStep}. Each subclass only names its
 * function and factory and declares its own arguments; the execution is the same for all.
 */
public abstract class OperationStep extends AwsStep {
  private final String manifest;
  private String ref;

  protected OperationStep(String manifest) {
    this.manifest = blankToNull(manifest);
    if (this.manifest == null) {
      throw new IllegalArgumentException("manifest is required: the path of a model manifest in the repository,"
          + " for example models/churn/prod.yaml");
    }
  }

  public String getManifest() {
    return manifest;
  }

  public String getRef() {
    return ref;
  }

  /** The commit, branch or tag to read the manifest at; the build's commit ({@code GIT_COMMIT}) by default. */
  @DataBoundSetter
  public void setRef(String ref) {
    this.ref = blankToNull(ref);
  }

  /** The step's function name, as its descriptor declares it. */
  protected abstract String functionName();

  /** Builds the step's operation. */
  protected abstract OperationFactory factory();

  /** The step's own arguments by name, as strings; null values are left out. */
  protected Map<String, String> options() {
    return Map.of();
  }

  /** The arguments {@code name, value, name, value ...} in order; a value may be null (left out). */
  protected static Map<String, String> optionsOf(String... namesAndValues) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      options.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return options;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new OperationStepExecution(context, factory(), new StepSettings(functionName(), manifest, ref, this, options()));
  }
}
