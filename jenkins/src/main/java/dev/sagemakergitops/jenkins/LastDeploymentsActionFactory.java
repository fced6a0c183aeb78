package dev.sagemakergitops.jenkins;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Puts {@link LastDeploymentsAction} on the page of every job whose recent builds deployed with {@code safeDeploy}. */
@Extension
@SuppressWarnings("rawtypes") // Jenkins' own factories for jobs are declared on the raw type
public final class LastDeploymentsActionFactory extends TransientActionFactory<Job> {
  @Override
  public Class<Job> type() {
    return Job.class;
  }

  @Override
  public Class<? extends Action> actionType() {
    return LastDeploymentsAction.class;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Collection<? extends Action> createFor(Job target) {
    List<LastDeploymentsAction.LastDeployment> last = LastDeploymentsAction.of(target);
    return last.isEmpty() ? List.of() : List.of(new LastDeploymentsAction(last));
  }
}
