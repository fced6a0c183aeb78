package dev.sagemakergitops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.CallCounter;
import dev.sagemakergitops.core.aws.EcrImages;
import dev.sagemakergitops.core.aws.ImageMediaTypes;
import dev.sagemakergitops.core.aws.MotoAws;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.manifest.ImageReference;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

/**
 * {@code validate} end to end against moto_server, an independent AWS emulator, through the real
 * AWS SDK over HTTP: ECR images, model packages and CloudWatch alarms really exist (or not) there.
 */
@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class ManifestValidatorMotoTest {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();
  private static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

  @TempDir Path dir;
  private final CallCounter calls = new CallCounter();
  private AwsClients clients;
  private String repository;
  private String group;
  private String alarm;

  @BeforeEach
  void setUp() {
    clients = MotoAws.clients(MOTO.server(), calls);
    repository = MotoAws.unique("churn-xgb");
    group = MotoAws.unique("churn");
    alarm = MotoAws.unique("churn-5xx");
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private String manifest(String name, String tag, int version) {
    return """
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: %1$s
        spec:
          region: us-east-1
          image: %2$s/%3$s:%4$s
          model:
            package: %5$s/%6$d
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
          endpoint:
            name: %1$s
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
            deployment:
              strategy: canary
              canarySize: 1
              bake: 10m
              rollbackAlarms: [%7$s, %7$s-latency]
        """.formatted(name, HOST, repository, tag, group, version, alarm);
  }

  private String pushImage(String tag, String seed) {
    EcrImages images = new EcrImages(clients.ecr("us-east-1"));
    try {
      images.createRepository(repository);
    } catch (software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException e) {
      // created by an earlier push of this test
    }
    return images.push(repository, tag, seed);
  }

  private void register(String digest, ModelApprovalStatus approval) {
    var sageMaker = clients.sageMaker("us-east-1");
    try {
      sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group));
    } catch (software.amazon.awssdk.services.sagemaker.model.SageMakerException e) {
      // the group exists already
    }
    sageMaker.createModelPackage(r -> r.modelPackageGroupName(group).modelApprovalStatus(approval)
        .inferenceSpecification(spec -> spec.containers(ModelPackageContainerDefinition.builder()
                .image(HOST + "/" + repository + "@" + digest).imageDigest(digest)
                .modelDataUrl("s3://ml-artifacts/churn/model.tar.gz").build())
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
  }

  private void createAlarm(String name) {
    clients.cloudWatch("us-east-1").putMetricAlarm(r -> r.alarmName(name).namespace("AWS/SageMaker")
        .metricName("Invocation5XXErrors").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
  }

  private ValidationReport validate() {
    calls.clear();
    try (GitRepository git = GitRepository.open(dir)) {
      return ManifestValidator.online(new ReferenceChecker(clients), "us-east-1").validate(git, "HEAD", List.of());
    }
  }

  @Test
  void validate_whenEverythingExists_isValidAndPinsTheTagToItsDigest() {
    String digest = pushImage("1.4.2", "a");
    register(digest, ModelApprovalStatus.APPROVED);
    createAlarm(alarm);
    createAlarm(alarm + "-latency");
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn.yaml", manifest("churn-prod", "1.4.2", 1)).commit("add");
    }

    ValidationReport report = validate();

    assertThat(report.problems()).isEmpty();
    assertThat(report.digests()).containsEntry(ImageReference.parse(HOST + "/" + repository + ":1.4.2"), digest);
    assertThat(calls.count("DescribeImages")).isEqualTo(1);
    assertThat(calls.count("DescribeAlarms")).isEqualTo(1);
    assertThat(calls.calls()).allSatisfy(call -> assertThat(call).matches("\\w+\\.(Describe|List|Get).*"));
  }

  @Test
  void validate_whenTheImageIsAnOciManifest_refusesItAtSpecImageWithTheBuildFix() {
    pushImage("1.4.1", "c");
    new EcrImages(clients.ecr("us-east-1")).push(repository, "1.4.2", "c-oci", ImageMediaTypes.OCI_MANIFEST);
    createAlarm(alarm);
    createAlarm(alarm + "-latency");
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn.yaml", manifest("churn-prod", "1.4.2", 1)).commit("add");
    }

    ValidationReport report = validate();

    assertThat(report.problems()).filteredOn(problem -> problem.field().equals("spec.image")).singleElement()
        .satisfies(problem -> {
          assertThat(problem.file()).isEqualTo("models/churn.yaml");
          assertThat(problem.line()).isEqualTo(7);
          assertThat(problem.message()).contains("application/vnd.oci.image.manifest.v1+json")
              .contains("docker buildx build --provenance=false --output type=docker").contains("oci-mediatypes=false");
        });
    assertThat(calls.calls()).allSatisfy(call -> assertThat(call).matches("\\w+\\.(Describe|List|Get).*"));
  }

  @Test
  void validate_whenReferencesAreMissingOrUnapproved_reportsEachAtItsLine() {
    String digest = pushImage("1.4.2", "b");
    register(digest, ModelApprovalStatus.PENDING_MANUAL_APPROVAL);
    createAlarm(alarm);
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/a.yaml", manifest("churn-a", "1.4.2", 1))
          .file("models/b.yaml", manifest("churn-b", "9.9.9", 2))
          .commit("add two");
    }

    ValidationReport report = validate();

    assertThat(report.problems()).extracting(ManifestProblem::file, ManifestProblem::line, ManifestProblem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("models/a.yaml", 9, "spec.model.package"),
            org.assertj.core.groups.Tuple.tuple("models/a.yaml", 19, "spec.endpoint.deployment.rollbackAlarms[1]"),
            org.assertj.core.groups.Tuple.tuple("models/b.yaml", 7, "spec.image"),
            org.assertj.core.groups.Tuple.tuple("models/b.yaml", 9, "spec.model.package"),
            org.assertj.core.groups.Tuple.tuple("models/b.yaml", 19, "spec.endpoint.deployment.rollbackAlarms[1]"));
    assertThat(report.problems().get(0).message()).contains("PendingManualApproval").contains("Approved");
    assertThat(report.problems().get(1).message()).contains(alarm + "-latency").contains("does not exist");
    assertThat(report.problems().get(2).message()).contains("'9.9.9' not found in ECR repository '" + repository + "'");
    assertThat(report.problems().get(3).message()).contains(group).contains("2");
    assertThat(calls.calls()).allSatisfy(call -> assertThat(call).matches("\\w+\\.(Describe|List|Get).*"));
  }

  @Test
  void validate_whenPackageWasBuiltFromAnotherImage_saysTheManifestAndPackageDisagree() {
    String old = pushImage("1.4.1", "c");
    pushImage("1.4.2", "d");
    register(old, ModelApprovalStatus.APPROVED);
    createAlarm(alarm);
    createAlarm(alarm + "-latency");
    try (GitRepositoryBuilder repo = GitRepositoryBuilder.init(dir)) {
      repo.file("models/churn.yaml", manifest("churn-prod", "1.4.2", 1)).commit("image moved on");
    }

    ValidationReport report = validate();

    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("spec.model.package");
      assertThat(problem.message()).contains("holds image " + old).contains("resolves to");
    });
  }
}
