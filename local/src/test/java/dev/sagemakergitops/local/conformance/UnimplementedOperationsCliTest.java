package dev.sagemakergitops.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * What the control plane does not serve is refused in each protocol's own words, never answered
 * with a silent 200: S3 {@code 501 NotImplemented}; the AWS JSON protocols (SageMaker, Application
 * Auto Scaling, CloudWatch's JSON 1.0) {@code UnknownOperationException}; CloudWatch's Query protocol
 * {@code InvalidAction}. Through the AWS CLI (botocore) and the Java SDK; and what it does serve in
 * S3 follows S3's rules where the Java SDK would not even send the request.
 */
@IntegrationPhase
class UnimplementedOperationsCliTest extends ControlPlaneCliTest {
  @Test
  void s3_whenSubResourceIsNotImplemented_theCliReportsNotImplementedAndNothingChanges() throws Exception {
    aws.json("s3api", "create-bucket", "--bucket", "artifacts");
    Path file = aws.file("model.tar.gz", "weights".getBytes(StandardCharsets.UTF_8));
    aws.json("s3api", "put-object", "--bucket", "artifacts", "--key", "model.tar.gz", "--body", file.toString());

    assertThat(aws.failure("s3api", "put-object-tagging", "--bucket", "artifacts", "--key", "model.tar.gz",
        "--tagging", "TagSet=[{Key=k,Value=v}]"))
        .contains("NotImplemented", "A header you provided implies functionality that is not implemented");
    assertThat(aws.failure("s3api", "delete-bucket-cors", "--bucket", "artifacts")).contains("NotImplemented");
    assertThat(aws.failure("s3api", "put-bucket-lifecycle-configuration", "--bucket", "artifacts",
        "--lifecycle-configuration", "Rules=[{ID=r,Status=Enabled,Filter={Prefix=x},Expiration={Days=1}}]"))
        .contains("NotImplemented");

    aws.json("s3api", "get-object", "--bucket", "artifacts", "--key", "model.tar.gz", aws.path("out").toString());
    assertThat(Files.readString(aws.path("out"))).isEqualTo("weights");
  }

  @Test
  void s3_whenCopiedWithTheHighLevelCli_theCopyHasTheContent() throws Exception {
    aws.json("s3api", "create-bucket", "--bucket", "a-bucket");
    aws.json("s3api", "create-bucket", "--bucket", "b-bucket");
    Path file = aws.file("x.csv", "1,2".getBytes(StandardCharsets.UTF_8));
    aws.json("s3api", "put-object", "--bucket", "a-bucket", "--key", "x.csv", "--body", file.toString());

    // Before: the copy succeeded and left an empty object.
    AwsCli.Result copy = aws.run("s3", "cp", "s3://a-bucket/x.csv", "s3://b-bucket/x.csv");

    assertThat(copy.exit()).as(copy.err()).isZero();
    aws.json("s3api", "get-object", "--bucket", "b-bucket", "--key", "x.csv", aws.path("copy").toString());
    assertThat(Files.readString(aws.path("copy"))).isEqualTo("1,2");
  }

  @Test
  void s3_whenBucketNameOrLocationIsInvalid_theCliReportsS3sErrors() {
    assertThat(aws.failure("s3api", "create-bucket", "--bucket", "ab")).contains("InvalidBucketName");
    assertThat(aws.failure("s3api", "create-bucket", "--bucket", "a".repeat(64))).contains("InvalidBucketName");
    assertThat(aws.failure("s3api", "create-bucket", "--bucket", "unspecified", "--region", "us-west-2"))
        .contains("IllegalLocationConstraintException",
            "The unspecified location constraint is incompatible for the region specific endpoint");
    assertThat(aws.failure("s3api", "create-bucket", "--bucket", "in-east-1",
        "--create-bucket-configuration", "LocationConstraint=us-east-1")).contains("InvalidLocationConstraint");
  }

  @Test
  void jsonProtocols_whenOperationIsNotImplemented_answerUnknownOperationException() {
    assertThat(aws.failure("sagemaker", "list-pipelines")).contains("UnknownOperationException");
    assertThat(aws.failure("application-autoscaling", "describe-scaling-activities", "--service-namespace",
        "sagemaker")).contains("UnknownOperationException");
    assertThat(aws.failure("cloudwatch", "list-dashboards")).contains("UnknownOperationException");

    assertThatThrownBy(() -> sdk.sageMaker.listPipelines(r -> { }))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        });
    assertThatThrownBy(() -> sdk.autoScaling.describeScalingActivities(r -> r.serviceNamespace("sagemaker")))
        .isInstanceOfSatisfying(ApplicationAutoScalingException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
  }

  @Test
  void cloudWatchQuery_whenActionIsNotImplemented_answersInvalidAction() {
    // The pinned Java SDK speaks CloudWatch's Query protocol, whose refusal is InvalidAction (HTTP 400,
    // CloudWatch API Reference, Common Errors).
    assertThatThrownBy(() -> sdk.cloudWatch.listDashboards(r -> { }))
        .isInstanceOfSatisfying(CloudWatchException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
        });
  }
}
