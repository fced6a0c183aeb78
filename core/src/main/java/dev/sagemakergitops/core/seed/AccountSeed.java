package dev.sagemakergitops.core.seed;

import dev.sagemakergitops.core.aws.AwsClients;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/**
 * What a story needs in an account before it starts, created through the AWS API exactly as a
 * user's own tooling would: a rollback alarm on an endpoint's metric, approved model package
 * versions. The demo, the seed file of {@code sagemaker-gitops local} and the build's
 * class-data-sharing training run use it against a local control plane; nothing here is part of an
 * operation (the operations never create alarms or register packages outside their own run).
 */
public final class AccountSeed {
  private final AwsClients clients;

  public AccountSeed(AwsClients clients) {
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  /** Creates (or replaces) {@code alarm} with {@code PutMetricAlarm}. */
  public void put(String region, EndpointAlarm alarm) {
    clients.cloudWatch(region).putMetricAlarm(r -> r.alarmName(alarm.name()).namespace("AWS/SageMaker")
        .metricName(alarm.metric()).statistic(alarm.statistic()).period(60).evaluationPeriods(1)
        .threshold(alarm.threshold()).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(alarm.treatMissingData())
        .dimensions(d -> d.name("EndpointName").value(alarm.endpoint())));
  }

  /**
   * Creates the model package group {@code group} and one approved version per artifact, in order
   * (versions 1, 2, ...), each served by {@code image} with {@code text/csv} in and out.
   */
  public void approvedVersions(String region, String group, String image, List<String> artifacts) {
    clients.sageMaker(region).createModelPackageGroup(r -> r.modelPackageGroupName(group));
    for (String artifact : artifacts) {
      clients.sageMaker(region).createModelPackage(r -> r.modelPackageGroupName(group)
          .modelApprovalStatus(ModelApprovalStatus.APPROVED)
          .inferenceSpecification(i -> i.containers(c -> c.image(image).modelDataUrl(artifact))
              .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
    }
  }

  /**
   * An alarm in namespace {@code AWS/SageMaker} on one endpoint's metric, over one 60-second period,
   * in ALARM at or above the threshold.
   *
   * @param name the alarm's name
   * @param endpoint the {@code EndpointName} dimension
   * @param metric the metric ({@code Invocation5XXErrors} ...)
   * @param statistic {@code Sum}, {@code Average} ...
   * @param threshold the value at or above which it alarms
   * @param treatMissingData {@code notBreaching} ..., or {@code null} for CloudWatch's default ({@code missing})
   */
  public record EndpointAlarm(String name, String endpoint, String metric, String statistic, double threshold,
      String treatMissingData) {}
}
