package dev.sagemakergitops.liveaws.story;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.liveaws.Observation;
import dev.sagemakergitops.liveaws.ProbeTarget;
import dev.sagemakergitops.liveaws.RunLedger;
import dev.sagemakergitops.liveaws.probe.ForcedRollback;
import dev.sagemakergitops.liveaws.probe.Probe;
import dev.sagemakergitops.liveaws.probe.ProbeRun;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.util.FileUtils;

/**
 * The operations' own end-to-end story at the smallest size ({@link OperationsStory}): register,
 * safe deploy, a bump merged from a pull-request branch, an alarm-driven rollback with the revert
 * {@code status} writes, and the {@code git revert} that rolls back, all through the project's
 * operations. What the team's tooling would have made beforehand, the probe makes and tags itself:
 * one copy of the model artifact per version (each version needs an artifact of its own, since a
 * version's identity is its group, artifact and image digest), the model package group (tagged for
 * the run; register would create it without the run's tag) and the rollback alarm
 * ({@link ForcedRollback}). What the operations create carries the run's tag as a manifest label,
 * and is deleted at the end by {@link StoryResources}. The Git repository is a real one in a
 * temporary folder, built with the testkit's {@code GitRepositoryBuilder} as the tests build theirs,
 * and deleted at the end.
 */
public final class OperationsStoryProbe implements Probe {
  /** The probe's id, also what {@code -Dlive-aws.probes} names. */
  public static final String ID = "operations-story";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String question() {
    return "Do the operations' register, safe deploy, bump, alarm-driven rollback, status revert and git revert end"
        + " on AWS as they do on the local control plane?";
  }

  @Override
  public Cost cost() {
    // One ml.t2.medium for the endpoint's life: creation (30 minutes at most) and three updates, each
    // bounded by the manifest's 30-minute deployment timeout plus a rollback: 2.5 hours at most. Each
    // update's new fleet is one more instance for at most 30 minutes: 1.5. Registering costs nothing.
    // The transform job: one ml.m5.large, provisioning and a small input, counted as half an hour.
    return new Cost(StoryManifest.INSTANCE_TYPE, 4, new Cost(StoryManifest.TRANSFORM_INSTANCE_TYPE, 0.5));
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    ProbeTarget target = run.target();
    RunLedger ledger = run.ledger();
    String name = ledger.name("story");
    String alarm = ledger.name("story-alarm");
    URI source = URI.create(target.modelArtifact());
    List<String> artifacts = new ArrayList<>();
    for (int version = 1; version <= 3; version++) {
      artifacts.add(copyArtifact(run, source, name + "/v" + version + "/model.tar.gz"));
    }
    target.sageMaker().createModelPackageGroup(r -> r.modelPackageGroupName(name)
        .modelPackageGroupDescription("sagemaker-gitops live-aws story " + ledger.runId()).tags(run.tag()));
    ledger.created("model package group", name, () -> StoryResources.deleteGroup(target, name));
    ForcedRollback.createAlarm(run, alarm);
    String transformOutput = "s3://" + source.getHost() + "/" + name + "/transform/";
    ledger.created("S3 objects", transformOutput + "*",
        () -> StoryResources.deleteObjects(target, source.getHost(), name + "/transform/"));
    ledger.created("the operations' endpoint, configurations and models", name + "*",
        () -> StoryResources.deleteServing(target, name));
    StoryManifest.Settings settings = new StoryManifest.Settings(target.region(), target.servingImage(),
        target.executionRoleArn(), alarm, target.transformInput(), target.transformContentType(), transformOutput);

    MutatingCalls calls = new MutatingCalls();
    BadVersion sleeper = new BadVersion(run, name, alarm);
    Path folder = temporaryFolder();
    try (AwsClients clients = target.operationClients(List.of(calls));
        GitRepositoryBuilder repository = GitRepositoryBuilder.init(folder)) {
      OperationContext context = new OperationContext(clients, target.clock(), new BuildInfo(null, "live-aws"),
          PollingPolicy.defaults(), new Random(7));
      OperationsStory story = new OperationsStory(run, context, repository, sleeper, calls,
          new StoryNames(name, "s3://" + source.getHost()), name);
      String[] runTag = {RunLedger.TAG_KEY, ledger.runId()};
      return story.run(version -> StoryManifest.text(name, runTag, settings, version), artifacts);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the operations' story", e);
    } finally {
      try {
        FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
      } catch (IOException e) {
        run.progress("could not delete the story's Git repository " + folder + ": " + e.getMessage());
      }
    }
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("sagemaker-gitops-live-story");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the story's Git repository", e);
    }
  }

  /** Copies the target's model artifact to {@code key} in its bucket, recorded for deletion; answers its URI. */
  private static String copyArtifact(ProbeRun run, URI source, String key) {
    String bucket = source.getHost();
    String sourceKey = source.getPath().substring(1);
    run.target().s3().copyObject(r -> r.sourceBucket(bucket).sourceKey(sourceKey).destinationBucket(bucket)
        .destinationKey(key));
    run.ledger().created("S3 object", "s3://" + bucket + "/" + key,
        () -> run.target().s3().deleteObject(r -> r.bucket(bucket).key(key)));
    return "s3://" + bucket + "/" + key;
  }
}
