package dev.sagemakergitops.core.operation.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.StateCodec;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.revert.RollbackRevert;
import dev.sagemakergitops.core.status.SyncState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;

/**
 * The smoke test after a safe deploy, through the real AWS SDK against the local control plane:
 * requests sent with TargetVariant once the endpoint is verified, an answer outside the expected
 * range failing the deploy with the manifest's line and what came back, a slow answer against the
 * latency ceiling, and an updated endpoint put back on the configuration it replaced.
 */
class SafeDeploySmokeTest extends DeployWorldTest {
  /** {@code requests[0]} of a manifest with one variant line and this smoke test starts on line 17. */
  private static final int FIRST_REQUEST_LINE = 17;

  SafeDeploySmokeTest() {
    super(2);
  }

  private static String smokeTest(String expect) {
    return "    smokeTest:\n"
        + "      requests:\n"
        + "        - name: typical-customer\n"
        + "          contentType: text/csv\n"
        + "          body: \"1,2,3\"\n"
        + "          expect:\n"
        + expect;
  }

  private static final String PASSING = "            status: 200\n"
      + "            contentType: text/csv\n"
      + "            values: {min: 0, max: 1}\n"
      + "            matches: '^0\\.\\d{6}'\n";

  private static OperationFailure failure(Step<DeployState, DeployResult> step) {
    assertThat(step).as("%s", step).isInstanceOf(Step.Failed.class);
    return ((Step.Failed<DeployState, DeployResult>) step).failure();
  }

  @Test
  void deploy_whenSmokeTestAnswersAsExpected_succeedsAndRecordsEachRequest() throws Exception {
    DeployResult result = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)
        .withEndpointExtra(smokeTest(PASSING))));

    assertThat(result.smokeTests()).singleElement().satisfies(r -> {
      assertThat(r.passed()).as("%s", r.problems()).isTrue();
      assertThat(r.variant()).isEqualTo("AllTraffic");
      assertThat(r.invokedVariant()).isEqualTo("AllTraffic");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.location()).isEqualTo(DeployWorld.PATH + ":" + FIRST_REQUEST_LINE);
      assertThat(r.bodySource()).isEqualTo("inline body of 5 bytes");
    });
    assertThat(world.aws.calls().count("InvokeEndpoint")).isEqualTo(1);
    assertThat(world.endpointTags()).containsKey("sagemaker-gitops:commit");
    // Bodies are never logged: the events name the request, not what it sent.
    assertThat(world.aws.events()).noneMatch(e -> e.message().contains("1,2,3"));
  }

  @Test
  void deploy_whenAnswerIsOutsideTheRange_failsWithTheLineAndRollsTheUpdateBack() throws Exception {
    DeployResult v1 = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)));
    String bump = world.commit(DeployWorld.Manifest.v(2).withEndpointExtra(smokeTest(
        "            values: {min: 2, max: 3}\n")), "churn/2 with a smoke test");
    world.aws.calls().clear();

    OperationFailure failure = failure(world.deploy(DeployRequest.of(world.head())));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.SMOKE_TEST_FAILED);
    assertThat(failure.message())
        .contains(DeployWorld.PATH + ":" + FIRST_REQUEST_LINE + ": 'typical-customer' to variant AllTraffic")
        .containsPattern("expected every number from 2 to 3, got 0\\.\\d+: '0\\.\\d{6}'")
        .contains("was rolled back to " + v1.endpointConfigName());
    assertThat(failure.message()).doesNotContain("1,2,3");
    assertThat(world.aws.calls().count("UpdateEndpoint")).isEqualTo(2);
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(v1.endpointConfigName());
    // Like a rollback by SageMaker: status reads it rolled back, and the revert of the commit is offered.
    try (GitRepository git = GitRepository.open(world.repo.directory())) {
      RollbackRevert.Attempt revert = new RollbackRevert(world.context()).afterRollback(world.head(), git, "revert/smoke");
      assertThat(revert.status().state()).isEqualTo(SyncState.ROLLED_BACK);
      assertThat(revert.status().offendingCommit()).isEqualTo(bump);
      assertThat(revert.written()).isTrue();
    }
  }

  @Test
  void deploy_whenSmokeTestFailsOnACreatedEndpoint_leavesItAndSaysSo() throws Exception {
    OperationFailure failure = failure(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(smokeTest(
        "            status: 200\n            matches: '^yes'\n"))));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.SMOKE_TEST_FAILED);
    assertThat(failure.message()).contains("expected the answer to contain a match of /^yes/, got '0.")
        .contains("it was created by this deploy, so there is no earlier configuration to go back to");
    assertThat(world.aws.calls().count("UpdateEndpoint")).isZero();
  }

  @Test
  void deploy_whenSmokeTestFailsAfterAnInPlaceWeightChange_leavesTheWeightsAndSaysSo() throws Exception {
    String variants = "      - {name: A, instanceType: ml.m5.large, instanceCount: 2, weight: %d}\n"
        + "      - {name: B, instanceType: ml.m5.large, instanceCount: 2, weight: %d}\n";
    DeployResult first = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)
        .withVariants(String.format(variants, 80, 20))));
    world.aws.calls().clear();

    OperationFailure failure = failure(world.deploy(DeployWorld.Manifest.v(1)
        .withVariants(String.format(variants, 50, 50))
        .withEndpointExtra(smokeTest("            status: 200\n            matches: '^yes'\n"))));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.SMOKE_TEST_FAILED);
    assertThat(failure.message()).contains("with the weights and instance counts this deploy set in place")
        .doesNotContain("no earlier configuration").doesNotContain("this deploy did not change it");
    assertThat(world.aws.calls().count("UpdateEndpointWeightsAndCapacities")).isEqualTo(1);
    assertThat(world.aws.calls().count("UpdateEndpoint")).isZero();
    assertThat(world.endpoint().endpointConfigName()).isEqualTo(first.endpointConfigName());
    assertThat(world.endpoint().productionVariants()).allSatisfy(v -> assertThat(v.currentWeight()).isEqualTo(50f));
  }

  @Test
  void deploy_whenAnswerIsSlowerThanTheCeiling_failsNamingTheLatency() throws Exception {
    world.commit(DeployWorld.Manifest.v(1).withEndpointExtra(smokeTest("            maxLatencyMs: 1500\n")), "slow");
    // The network and the model take 2 s: the virtual clock moves while the call is on the wire.
    ExecutionInterceptor slow = new ExecutionInterceptor() {
      @Override
      public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof InvokeEndpointRequest) {
          world.aws.advance(Duration.ofSeconds(2));
        }
      }
    };
    try (AwsClients clients = world.aws.clients(List.of(slow))) {
      OperationFailure failure = failure(world.aws.runner(clients).run(new SafeDeployOperation(world.aws.context(clients)),
          DeployRequest.of(world.head()), StateStore.none(), "deploy"));

      assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.SMOKE_TEST_FAILED);
      assertThat(failure.message()).contains("expected an answer within 1500 ms, it took 2000 ms");
    }
  }

  @Test
  void deploy_whenRequestsNameNoVariant_sendsOneToEachVariantWithTargetVariant() throws Exception {
    DeployResult result = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1)
        .withVariants("      - {name: A, instanceType: ml.m5.large, instanceCount: 1, weight: 100}\n"
            + "      - {name: B, instanceType: ml.m5.large, instanceCount: 1, weight: 0}\n")
        .withDeployment("")
        .withEndpointExtra(smokeTest(PASSING)
            + "        - name: only-b\n          variant: B\n          contentType: text/csv\n          body: \"4\"\n")));

    assertThat(result.smokeTests()).extracting(SmokeTestResult::name, SmokeTestResult::variant,
        SmokeTestResult::invokedVariant).containsExactly(
            org.assertj.core.groups.Tuple.tuple("typical-customer", "A", "A"),
            org.assertj.core.groups.Tuple.tuple("typical-customer", "B", "B"),
            org.assertj.core.groups.Tuple.tuple("only-b", "B", "B"));
    assertThat(result.smokeTests()).allMatch(SmokeTestResult::passed);
  }

  @Test
  void begin_whenBodyObjectIsMissing_refusesBeforeAnyChange() throws Exception {
    world.commit(DeployWorld.Manifest.v(1).withEndpointExtra("    smokeTest:\n      requests:\n"
        + "        - bodyFrom: s3://ml-artifacts/smoke/missing.csv\n"), "missing sample");
    world.aws.calls().clear();

    assertThatThrownBy(() -> world.operation().begin(DeployRequest.of(world.head())))
        .isInstanceOf(OperationInputException.class)
        .hasMessageContaining(DeployWorld.PATH + ":" + FIRST_REQUEST_LINE)
        .hasMessageContaining("spec.endpoint.smokeTest.requests[0].bodyFrom: S3 has no object"
            + " s3://ml-artifacts/smoke/missing.csv");
    // HeadObject, the look at the sample, reads.
    assertThat(world.mutatingCalls()).containsExactly("S3.HeadObject");
  }

  @Test
  void begin_whenBodyObjectIsInABucketOfAnotherRegion_refusesAtBodyFromBeforeAnyChange() throws Exception {
    // A bucket made in eu-west-1: S3 answers a request from the endpoint's region with 301 PermanentRedirect.
    putSample("eu-west-1", "ml-samples-eu");
    world.commit(DeployWorld.Manifest.v(1).withEndpointExtra("    smokeTest:\n      requests:\n"
        + "        - bodyFrom: s3://ml-samples-eu/smoke/typical.csv\n"), "sample in Europe");
    world.aws.calls().clear();

    assertThatThrownBy(() -> world.operation().begin(DeployRequest.of(world.head())))
        .isInstanceOfSatisfying(OperationInputException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(problem -> {
              assertThat(problem.field()).isEqualTo("spec.endpoint.smokeTest.requests[0].bodyFrom");
              assertThat(problem.line()).isEqualTo(FIRST_REQUEST_LINE);
              assertThat(problem.message()).isEqualTo("the smoke-test sample s3://ml-samples-eu/smoke/typical.csv is"
                  + " in bucket 'ml-samples-eu' in eu-west-1, not in us-east-1 where the endpoint runs (S3 answered"
                  + " 301 PermanentRedirect); the smoke test reads its samples in the endpoint's region: copy the"
                  + " sample to a bucket in us-east-1 and point bodyFrom at it");
            }));
    assertThat(world.mutatingCalls()).containsExactly("S3.HeadObject");
  }

  @Test
  void poll_whenTheSamplesBucketMovedToAnotherRegionAfterThePreflight_failsAtTheRequestsLineWithoutSendingIt()
      throws Exception {
    var home = putSample("us-east-1", "ml-samples");
    world.commit(DeployWorld.Manifest.v(1).withEndpointExtra("    smokeTest:\n      requests:\n"
        + "        - bodyFrom: s3://ml-samples/smoke/typical.csv\n          contentType: text/csv\n"), "sample");
    SafeDeployOperation operation = world.operation();
    // The pre-flight reads the bucket in the endpoint's region; then, while the endpoint is created,
    // someone deletes the bucket and makes it again in eu-west-1 (bucket names are global).
    Step<DeployState, DeployResult> beforeSmokeTest = Polls.until(operation,
        operation.begin(DeployRequest.of(world.head())), world.aws, Polls.at(DeployState.Stage.SMOKE_TEST));
    home.deleteObject(r -> r.bucket("ml-samples").key("smoke/typical.csv"));
    home.deleteBucket(r -> r.bucket("ml-samples"));
    putSample("eu-west-1", "ml-samples");
    world.aws.calls().clear();

    OperationFailure failure = failure(Polls.toEnd(operation, beforeSmokeTest.state(), world.aws));

    assertThat(failure.kind()).isEqualTo(OperationFailure.Kind.SMOKE_TEST_FAILED);
    assertThat(failure.message()).contains(DeployWorld.PATH + ":" + FIRST_REQUEST_LINE + ": 'requests[0]' to variant"
        + " AllTraffic").contains("the sample s3://ml-samples/smoke/typical.csv is in bucket 'ml-samples' in eu-west-1,"
        + " not in us-east-1 any more (S3 answered 301 PermanentRedirect); the request was not sent");
    assertThat(world.aws.calls().count("InvokeEndpoint")).isZero();
  }

  /** Makes {@code bucket} in {@code region} with the sample {@code smoke/typical.csv}; returns that region's client. */
  private software.amazon.awssdk.services.s3.S3Client putSample(String region, String bucket) {
    var s3 = world.clients.s3(region);
    s3.createBucket(r -> r.bucket(bucket));
    s3.putObject(r -> r.bucket(bucket).key("smoke/typical.csv"),
        software.amazon.awssdk.core.sync.RequestBody.fromString("1,2,3\n"));
    return s3;
  }

  @Test
  void deploy_whenBodyComesFromS3_readsItAndKeepsOnlyItsAddress() throws Exception {
    world.aws.putObject("ml-artifacts", "smoke/typical.csv", "1,2,3\n", "text/csv");
    DeployResult result = DeployWorld.succeeded(world.deploy(DeployWorld.Manifest.v(1).withEndpointExtra(
        "    smokeTest:\n      requests:\n        - bodyFrom: s3://ml-artifacts/smoke/typical.csv\n"
            + "          contentType: text/csv\n          expect: {values: {min: 0, max: 1}}\n")));

    assertThat(result.smokeTests()).singleElement().satisfies(r -> {
      assertThat(r.passed()).as("%s", r.problems()).isTrue();
      assertThat(r.name()).isEqualTo("requests[0]");
      assertThat(r.bodySource()).isEqualTo("body from s3://ml-artifacts/smoke/typical.csv");
    });
  }

  @Test
  void poll_whenResumedFromTheSavedStateMidSmokeTest_sendsOnlyTheRequestsLeft() throws Exception {
    world.commit(DeployWorld.Manifest.v(1).withVariants(
        "      - {name: A, instanceType: ml.m5.large, instanceCount: 1}\n"
            + "      - {name: B, instanceType: ml.m5.large, instanceCount: 1}\n").withDeployment("")
        .withEndpointExtra(smokeTest(PASSING)), "two variants");
    SafeDeployOperation operation = world.operation();
    Step<DeployState, DeployResult> first = Polls.until(operation, operation.begin(DeployRequest.of(world.head())),
        world.aws, s -> s.smokeTest().results().size() == 1);
    StateCodec codec = new StateCodec();
    String saved = codec.write(SafeDeployOperation.NAME, first.state());

    DeployState resumed = codec.read(SafeDeployOperation.NAME, DeployState.class, saved);
    DeployResult result = DeployWorld.succeeded(Polls.toEnd(world.operation(), resumed, world.aws));

    assertThat(saved).contains("\"smokeTestResults\"").contains("\"body\" : \"1,2,3\"");
    assertThat(result.smokeTests()).extracting(SmokeTestResult::variant).containsExactly("A", "B");
    assertThat(world.aws.calls().count("InvokeEndpoint")).isEqualTo(2);
  }

  @Test
  void begin_whenMultiModelServesOnePackageArtifact_refusesAtTheModeBeforeAnyChange() throws Exception {
    String text = DeployWorld.Manifest.v(1).withEndpointExtra("    smokeTest:\n      requests:\n"
        + "        - {targetModel: eu.tar.gz, body: '1'}\n").text(world.image)
        .replace("    package: churn/1\n", "    package: churn/1\n    mode: MultiModel\n");
    world.repo.file(DeployWorld.PATH, text);
    world.repo.commit("multi-model");
    world.aws.calls().clear();

    assertThatThrownBy(() -> world.operation().begin(DeployRequest.of(world.head())))
        .isInstanceOf(OperationInputException.class)
        .hasMessageContaining(DeployWorld.PATH + ":10:11: spec.model.mode: mode MultiModel serves every model under an"
            + " S3 prefix")
        .hasMessageContaining("the model's artifact is 's3://ml-artifacts/churn/v1/model.tar.gz', one model");
    assertThat(world.mutatingCalls()).isEmpty();
  }
}
