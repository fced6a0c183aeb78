package dev.sagemakergitops.jenkins;

import java.io.Serializable;
import java.util.Map;

/**
 * A read-only step's work: reads Git (and AWS, unless offline), returns plain values. Safe to run
 * again at any time, which is how such a step resumes after a restart. Implementations are
 * stateless; the execution persists them as their class.
 */
interface Report extends Serializable {

  /**
   * @throws hudson.AbortException to fail the step with a message and no stack trace
   */
  Map<String, Object> run(StepSettings settings, StepRuntime runtime) throws Exception;
}
