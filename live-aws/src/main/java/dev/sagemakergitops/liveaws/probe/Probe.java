package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.util.List;

/**
 * One question about AWS that the documentation leaves open or that the local control plane answers
 * from documentation, asked with the fewest calls that settle it. A probe creates every resource
 * through its {@link ProbeRun} (named and tagged for the run, deleted at its end) and answers its
 * observations, normalized.
 */
public interface Probe {
  /** A stable id, the fixture's file name. */
  String id();

  /** One sentence: what the probe settles. */
  String question();

  /** What it may cost on AWS, at most: instance-hours of each instance type it runs. */
  Cost cost();

  List<Observation> run(ProbeRun run);

  /**
   * SageMaker instance-hours a probe may use, at most.
   *
   * @param instanceType the instance type
   * @param instanceHours instances times hours, an upper bound
   * @param also the hours of another instance type it runs too, or null
   */
  record Cost(String instanceType, double instanceHours, Cost also) {
    public static final Cost NONE = new Cost("", 0);

    /** Hours of one instance type. */
    public Cost(String instanceType, double instanceHours) {
      this(instanceType, instanceHours, null);
    }
  }
}
