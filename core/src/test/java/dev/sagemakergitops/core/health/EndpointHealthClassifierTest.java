package dev.sagemakergitops.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One recorded {@code DescribeEndpoint} answer per situation, classified. */
class EndpointHealthClassifierTest {
  private static final String OLD = "churn-prod-aaaaaaaaaaaa";
  private static final String NEW = "churn-prod-bbbbbbbbbbbb";
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  /** The intent safe deploy writes when it asks the endpoint to move from OLD to NEW. */
  private static final IntentTag OLD_TO_NEW = new IntentTag(NEW, COMMIT, OLD);

  private static EndpointHealth classify(String fixture, IntentTag intent, String expected,
      RunningExperiment... experiments) {
    return EndpointHealthClassifier.classify("churn-prod", RecordedAnswers.describeEndpoint(fixture), intent, expected,
        List.of(experiments));
  }

  @Test
  void classify_whenInServiceOnTheExpectedConfiguration_isHealthy() {
    EndpointHealth health = classify("in-service-expected", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(health.liveConfig()).isEqualTo(NEW);
  }

  @Test
  void classify_whenAFailureReasonStaysOnAHealthyEndpoint_isHealthyNotFailed() {
    EndpointHealth health = classify("in-service-stale-failure-reason", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(health.failureReason()).contains("InsufficientInstanceCapacity");
  }

  @Test
  void classify_whenBackOnTheConfigurationItReplaced_isRolledBack() {
    EndpointHealth health = classify("in-service-rolled-back", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.ROLLED_BACK);
    assertThat(health.message()).contains("asked endpoint churn-prod to serve " + NEW + ", but it serves " + OLD);
  }

  @Test
  void classify_whenRolledBackAndSageMakerClearedTheReason_isStillRolledBack() {
    EndpointHealth health = classify("in-service-rolled-back-reason-cleared", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.ROLLED_BACK);
    assertThat(health.failureReason()).isNull();
  }

  @Test
  void classify_whenGitWasRevertedToWhatTheRollbackServes_isHealthyBeforeRolledBack() {
    EndpointHealth health = classify("in-service-rolled-back", OLD_TO_NEW, OLD);

    assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void classify_whenUpdatedOutsideGit_isChangedOutsideGitNotRolledBack() {
    EndpointHealth health = classify("in-service-changed-outside-git", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.CHANGED_OUTSIDE_GIT);
    assertThat(health.message()).contains("changed outside Git").contains("churn-prod-hand-made");
  }

  @Test
  void classify_whenTheIntentTagComesFromAnEarlierVersion_readsAnotherConfigurationAsARollback() {
    EndpointHealth health = classify("in-service-changed-outside-git", new IntentTag(NEW, null, null), NEW);

    assertThat(health.state()).isEqualTo(HealthState.ROLLED_BACK);
  }

  @Test
  void classify_whenAnEndpointCreatedByUsWasUpdatedOutsideGit_isChangedOutsideGit() {
    EndpointHealth health = classify("in-service-changed-outside-git", new IntentTag(NEW, COMMIT, null), NEW);

    assertThat(health.state()).isEqualTo(HealthState.CHANGED_OUTSIDE_GIT);
  }

  @Test
  void classify_whenServingWhatItWasLastAskedButGitAsksForMore_isOutOfDate() {
    EndpointHealth health = classify("in-service-rolled-back", new IntentTag(OLD, COMMIT, null), NEW);

    assertThat(health.state()).isEqualTo(HealthState.OUT_OF_DATE);
  }

  @Test
  void classify_whenRollingBack_isACapacityChangeToWaitForNotARollback() {
    EndpointHealth health = classify("rolling-back-capacity", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.CAPACITY_ROLLING_BACK);
    assertThat(health.state().transitional()).isTrue();
  }

  @Test
  void classify_whenUpdatingToOurConfiguration_isDeploying() {
    EndpointHealth health = classify("updating-ours-baking", null, NEW);

    assertThat(health.state()).isEqualTo(HealthState.DEPLOYING);
    assertThat(health.pendingConfig()).isEqualTo(NEW);
  }

  @Test
  void classify_whenUpdatingToTheIntendedConfigurationWithoutAManifest_isDeploying() {
    EndpointHealth health = classify("updating-ours-baking", OLD_TO_NEW, null);

    assertThat(health.state()).isEqualTo(HealthState.DEPLOYING);
  }

  @Test
  void classify_whenUpdatingToAnotherConfiguration_isUpdatingElsewhere() {
    EndpointHealth health = classify("updating-another-config", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.UPDATING_ELSEWHERE);
    assertThat(health.targetConfig()).isEqualTo("churn-prod-cccccccccccc");
  }

  @Test
  void classify_whenUpdatingWithoutANewConfiguration_isScaling() {
    EndpointHealth health = classify("updating-autoscaling", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.SCALING);
    assertThat(health.message()).contains("autoscaling");
  }

  @Test
  void classify_whenAnInferenceExperimentRuns_isAShadowTestNotARollback() {
    EndpointHealth health = classify("shadow-test-running", OLD_TO_NEW, NEW,
        new RunningExperiment("churn-prod-shadow-1", "Running"));

    assertThat(health.state()).isEqualTo(HealthState.SHADOW_TEST);
    assertThat(health.experiment().name()).isEqualTo("churn-prod-shadow-1");
  }

  @Test
  void classify_whenTheSameEndpointHasNoExperiment_readsTheSageMakerMadeConfigurationAsAChange() {
    EndpointHealth health = classify("shadow-test-running", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.CHANGED_OUTSIDE_GIT);
  }

  @Test
  void classify_whenTheRollbackFailed_isUpdateRollbackFailed() {
    assertThat(classify("update-rollback-failed", OLD_TO_NEW, NEW).state())
        .isEqualTo(HealthState.UPDATE_ROLLBACK_FAILED);
  }

  @Test
  void classify_whenFailed_isFailedWithTheReason() {
    EndpointHealth health = classify("failed", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.FAILED);
    assertThat(health.message()).contains("did not pass the ping health check");
  }

  @Test
  void classify_whenSystemUpdating_waits() {
    EndpointHealth health = classify("system-updating", OLD_TO_NEW, NEW);

    assertThat(health.state()).isEqualTo(HealthState.SYSTEM_UPDATING);
    assertThat(health.state().transitional()).isTrue();
  }

  @Test
  void classify_whenBeingCreatedWithOurConfiguration_isDeploying() {
    assertThat(classify("creating", null, NEW).state()).isEqualTo(HealthState.DEPLOYING);
    assertThat(classify("creating", null, OLD).state()).isEqualTo(HealthState.UPDATING_ELSEWHERE);
  }

  @Test
  void classify_whenTheEndpointDoesNotExist_isMissing() {
    assertThat(EndpointHealthClassifier.classify("churn-prod", null, null, NEW, List.of()).state())
        .isEqualTo(HealthState.MISSING);
  }

  @Test
  void intentTag_roundTripsAndReadsTheEarlierFormat() {
    assertThat(IntentTag.parse(OLD_TO_NEW.format())).contains(OLD_TO_NEW);
    assertThat(OLD_TO_NEW.format()).hasSizeLessThanOrEqualTo(256);
    assertThat(IntentTag.parse(NEW)).contains(new IntentTag(NEW, null, null));
    assertThat(IntentTag.parse(" ")).isEmpty();
  }

  @Test
  void statusPredicates_whenGivenEachEndpointStatus_answerForTheirOwnWordsOnly() {
    // Every word of botocore's EndpointStatus enum, and no status at all.
    List<String> all = java.util.Arrays.asList("OutOfService", "Creating", "Updating", "SystemUpdating", "RollingBack",
        "InService", "Deleting", "Failed", "UpdateRollbackFailed", null);

    assertThat(all).filteredOn(EndpointHealthClassifier::isInService).containsExactly("InService");
    assertThat(all).filteredOn(EndpointHealthClassifier::isUpdating).containsExactly("Updating");
    assertThat(all).filteredOn(EndpointHealthClassifier::isRollingBack).containsExactly("RollingBack");
    assertThat(all).filteredOn(EndpointHealthClassifier::isSystemUpdating).containsExactly("SystemUpdating");
    assertThat(all).filteredOn(EndpointHealthClassifier::isStuck)
        .containsExactly("OutOfService", "Failed", "UpdateRollbackFailed");
  }
}
