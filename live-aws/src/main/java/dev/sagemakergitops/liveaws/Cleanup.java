package dev.sagemakergitops.liveaws;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * {@code -Dlive-aws.mode=cleanup}: deletes what earlier runs left behind (a run killed before its own
 * deletions, a deletion AWS refused). A resource is deleted only when its name starts with
 * {@link RunLedger#NAME_PREFIX} <em>and</em> it carries the {@link RunLedger#TAG_KEY} tag, so nothing
 * else in the account is touched; the run named {@code keepRunId} (the current one, if any) is kept.
 * Order: inference experiments, endpoints, endpoint configurations, models, model packages and their
 * groups, CloudWatch alarms (composite ones first), ECR repositories, and the operations' story's
 * copies of the model artifact (by their key's exact form, since they carry no tag).
 */
public final class Cleanup {
  private static final java.util.regex.Pattern STORY_ARTIFACT = java.util.regex.Pattern.compile(
      java.util.regex.Pattern.quote(RunLedger.NAME_PREFIX)
          + "([a-z0-9]{1,20})-story/(v[0-9]+/model\\.tar\\.gz|transform/.+)");
  private final ProbeTarget target;
  private final PrintStream out;

  public Cleanup(ProbeTarget target, PrintStream out) {
    this.target = target;
    this.out = out;
  }

  /** SageMaker's not-found answers ({@code ValidationException "Could not find ..."}, "... does not exist.") and ECR's. */
  public static boolean isNotFound(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    String message = String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    return code.equals("ResourceNotFound") || code.equals("RepositoryNotFoundException")
        || code.equals("ObjectNotFoundException")
        || code.equals("ValidationException") && (message.startsWith("Could not find") || message.endsWith("does not exist."));
  }

  /** Deletes the tagged leftovers of every run but {@code keepRunId} (null: of every run); answers what it deleted. */
  public List<String> run(String keepRunId) {
    List<String> deleted = new ArrayList<>();
    var sageMaker = target.sageMaker();
    for (InferenceExperimentSummary experiment : sageMaker.listInferenceExperimentsPaginator(
        r -> r.nameContains(RunLedger.NAME_PREFIX)).inferenceExperiments()) {
      String arn = sageMaker.describeInferenceExperiment(r -> r.name(experiment.name())).arn();
      if (leftover(arn, keepRunId).isPresent()) {
        if (List.of(InferenceExperimentStatus.RUNNING, InferenceExperimentStatus.CREATED,
            InferenceExperimentStatus.STARTING).contains(experiment.status())) {
          attempt(() -> sageMaker.stopInferenceExperiment(r -> r.name(experiment.name())
              .modelVariantActionsWithStrings(java.util.Map.of())));
        }
        if (attempt(() -> sageMaker.deleteInferenceExperiment(r -> r.name(experiment.name())))) {
          deleted.add("inference experiment " + experiment.name());
        }
      }
    }
    sageMaker.listEndpointsPaginator(r -> r.nameContains(RunLedger.NAME_PREFIX)).endpoints().forEach(e -> {
      if (leftover(e.endpointArn(), keepRunId).isPresent()) {
        if (attempt(() -> sageMaker.deleteEndpoint(r -> r.endpointName(e.endpointName())))) {
          deleted.add("endpoint " + e.endpointName());
        }
      }
    });
    sageMaker.listEndpointConfigsPaginator(r -> r.nameContains(RunLedger.NAME_PREFIX)).endpointConfigs().forEach(c -> {
      if (leftover(c.endpointConfigArn(), keepRunId).isPresent()) {
        if (attempt(() -> sageMaker.deleteEndpointConfig(r -> r.endpointConfigName(c.endpointConfigName())))) {
          deleted.add("endpoint configuration " + c.endpointConfigName());
        }
      }
    });
    sageMaker.listModelsPaginator(r -> r.nameContains(RunLedger.NAME_PREFIX)).models().forEach(m -> {
      if (leftover(m.modelArn(), keepRunId).isPresent()) {
        if (attempt(() -> sageMaker.deleteModel(r -> r.modelName(m.modelName())))) {
          deleted.add("model " + m.modelName());
        }
      }
    });
    sageMaker.listModelPackageGroupsPaginator(r -> r.nameContains(RunLedger.NAME_PREFIX)).modelPackageGroupSummaryList()
        .forEach(g -> {
          if (leftover(g.modelPackageGroupArn(), keepRunId).isPresent()) {
            for (ModelPackageSummary version : sageMaker.listModelPackagesPaginator(
                r -> r.modelPackageGroupName(g.modelPackageGroupName())).modelPackageSummaryList()) {
              attempt(() -> sageMaker.deleteModelPackage(r -> r.modelPackageName(version.modelPackageArn())));
            }
            if (attempt(() -> sageMaker.deleteModelPackageGroup(r -> r.modelPackageGroupName(g.modelPackageGroupName())))) {
              deleted.add("model package group " + g.modelPackageGroupName());
            }
          }
        });
    // Composite alarms first, one per call: CloudWatch refuses to delete an alarm a composite alarm
    // depends on, and more than one composite alarm per DeleteAlarms (botocore DeleteAlarms).
    var alarms = target.cloudWatch().describeAlarmsPaginator(r -> r.alarmNamePrefix(RunLedger.NAME_PREFIX)
        .alarmTypes(AlarmType.COMPOSITE_ALARM, AlarmType.METRIC_ALARM));
    List<String[]> candidates = new ArrayList<>();
    alarms.compositeAlarms().forEach(a -> candidates.add(new String[] {a.alarmName(), a.alarmArn(), "composite alarm"}));
    alarms.metricAlarms().forEach(a -> candidates.add(new String[] {a.alarmName(), a.alarmArn(), "alarm"}));
    for (String[] alarm : candidates) {
      try {
        Optional<String> run = target.cloudWatch().listTagsForResource(r -> r.resourceARN(alarm[1])).tags()
            .stream().filter(t -> t.key().equals(RunLedger.TAG_KEY)).map(t -> t.value()).findFirst();
        if (run.isPresent() && !run.get().equals(keepRunId)
            && attempt(() -> target.cloudWatch().deleteAlarms(r -> r.alarmNames(alarm[0])))) {
          deleted.add("CloudWatch " + alarm[2] + " " + alarm[0]);
        }
      } catch (AwsServiceException e) {
        out.println("  could not check CloudWatch " + alarm[2] + " " + alarm[0] + ": "
            + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
      }
    }
    for (Repository repository : target.ecr().describeRepositoriesPaginator(r -> { }).repositories()) {
      if (repository.repositoryName().startsWith(RunLedger.NAME_PREFIX)) {
        try {
          Optional<String> run = target.ecr().listTagsForResource(r -> r.resourceArn(repository.repositoryArn()))
              .tags().stream().filter(t -> t.key().equals(RunLedger.TAG_KEY)).map(t -> t.value()).findFirst();
          if (run.isPresent() && !run.get().equals(keepRunId) && attempt(() -> target.ecr().deleteRepository(
              r -> r.repositoryName(repository.repositoryName()).force(true)))) {
            deleted.add("ECR repository " + repository.repositoryName());
          }
        } catch (AwsServiceException e) {
          out.println("  could not check ECR repository " + repository.repositoryName() + ": "
              + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
        }
      }
    }
    deleted.addAll(storyArtifacts(keepRunId));
    deleted.forEach(d -> out.println("  cleaned up " + d));
    return deleted;
  }

  /**
   * The operations' story's copies of the model artifact, in the bucket of {@link ProbeTarget#modelArtifact()}.
   * and its batch transform's output. They carry no tag (tagging an object needs another permission);
   * the key alone identifies them, so only keys of exactly the story's forms are deleted:
   * {@code sgl-live-<run id>-story/v<n>/model.tar.gz} and {@code sgl-live-<run id>-story/transform/...}.
   */
  private List<String> storyArtifacts(String keepRunId) {
    List<String> deleted = new ArrayList<>();
    if (target.modelArtifact() == null) {
      return deleted;
    }
    String bucket = java.net.URI.create(target.modelArtifact()).getHost();
    try {
      target.s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(RunLedger.NAME_PREFIX)).contents().forEach(o -> {
        var key = STORY_ARTIFACT.matcher(o.key());
        if (key.matches() && !key.group(1).equals(keepRunId)
            && attempt(() -> target.s3().deleteObject(r -> r.bucket(bucket).key(o.key())))) {
          deleted.add("S3 object s3://" + bucket + "/" + o.key());
        }
      });
    } catch (AwsServiceException e) {
      out.println("  could not list s3://" + bucket + "/" + RunLedger.NAME_PREFIX + "*: "
          + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
    }
    return deleted;
  }

  /** The run id of a SageMaker resource carrying the run tag, unless it is {@code keepRunId}'s. */
  private Optional<String> leftover(String arn, String keepRunId) {
    List<Tag> tags = target.sageMaker().listTags(r -> r.resourceArn(arn)).tags();
    return tags.stream().filter(t -> t.key().equals(RunLedger.TAG_KEY)).map(Tag::value)
        .filter(run -> !run.equals(keepRunId)).findFirst();
  }

  /** Makes a deletion; false (and says why) when AWS refused it for another reason than not finding it. */
  private boolean attempt(Runnable call) {
    try {
      call.run();
      return true;
    } catch (AwsServiceException e) {
      if (isNotFound(e)) {
        return true;
      }
      out.println("  could not delete: " + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
      return false;
    }
  }
}
