/**
 * The operations' own end-to-end story, the last entry of the live AWS suite
 * ({@link dev.sagemakergitops.liveaws.story.OperationsStoryProbe}, probe {@code operations-story}):
 * the project's register, safe deploy and status operations, the same classes the command line and
 * the Jenkins steps run, driven on a real Git repository against a real account (or, in the build,
 * the local control plane with a consistency delay).
 *
 * <p><b>The acts</b> ({@link dev.sagemakergitops.liveaws.story.OperationsStory}): version 1
 * registered and deployed (a new endpoint); version 2 registered with its bump commit, merged and
 * deployed (an update); version 3 likewise, deployed while its bake trips the rollback alarm
 * ({@link dev.sagemakergitops.liveaws.story.BadVersion} forces it, since the image serves fine), so
 * SageMaker rolls back and deploy fails {@code ROLLED_BACK}; {@code status} reads the rollback and
 * writes the revert of the offending commit, which deploys as no change; {@code git revert} of the
 * bump to version 2 deploys version 1's model and configuration again, reused by name; a batch
 * transform runs over that model, creating only its job. An act that does not end so stops the
 * story: the probe fails.
 *
 * <p><b>Smallest size</b> ({@link dev.sagemakergitops.liveaws.story.StoryManifest}): one
 * {@code ml.t2.medium}, all at once with a 5-minute bake, a 30-minute deployment timeout, one
 * transform on one {@code ml.m5.large} over the input the run names; the run's
 * tag is a manifest label, so everything the operations create carries it, and
 * {@link dev.sagemakergitops.liveaws.story.StoryResources} deletes it at the end.
 *
 * <p><b>Answers</b>: each act is one observation; besides the probes' normalization, the hashed
 * parts of resource names, the story's commit ids and the artifacts' bucket are replaced by stable
 * labels ({@link dev.sagemakergitops.liveaws.story.StoryNames}), and the operations' mutating calls
 * are counted by an SDK interceptor ({@link dev.sagemakergitops.liveaws.story.MutatingCalls}), so the
 * fixture holds what each operation did and the replay fails when that changes.
 */
package dev.sagemakergitops.liveaws.story;
