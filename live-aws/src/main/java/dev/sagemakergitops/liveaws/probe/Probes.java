package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.story.OperationsStoryProbe;
import java.util.List;

/** Every probe of the suite, in the order a run makes them (the free ones first, the operations' story last). */
public final class Probes {
  private Probes() {}

  public static List<Probe> all() {
    return List.of(new OciMediaTypesProbe(), new EventualConsistencyProbe(), new ClientTokenAfterDeleteProbe(),
        new ManifestListProbe(), new InferenceExperimentPromoteProbe(),
        new WaitIntervalZeroProbe(), new AlarmRollbackProbe(), new CompositeRollbackAlarmProbe(),
        new ScaledInstanceTypeRollbackProbe(), new OperationsStoryProbe());
  }
}
