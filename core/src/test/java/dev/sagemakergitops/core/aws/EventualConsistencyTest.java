package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The rule every create-then-use chain follows: a dependency this run created that is not found yet
 * repeats the poll, a bounded number of times; one the run did not create fails at once. (End to end,
 * with the local control plane's consistency delay: {@code DemoCommandTest} in the command line.)
 */
class EventualConsistencyTest {
  private static final SageMakerException NOT_FOUND = (SageMakerException) SageMakerException.builder()
      .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
          .errorMessage("Could not find model \"arn:aws:sagemaker:us-east-1:123456789012:model/m\".").build())
      .build();

  @Test
  void use_whenTheRunCreatedTheDependency_makesTheFailureTransient() {
    assertThatThrownBy(() -> EventualConsistency.use(true, "model m", () -> {
      throw NOT_FOUND;
    })).isInstanceOfSatisfying(EventualConsistency.NotYetVisibleException.class, e -> {
      assertThat(TransientFailures.isTransient(e)).isTrue();
      assertThat(e.getMessage()).contains("model m, created by this run, is not visible yet");
    });
  }

  @Test
  void use_whenTheRunDidNotCreateTheDependency_failsAtOnce() {
    assertThatThrownBy(() -> EventualConsistency.use(false, "model m", () -> {
      throw NOT_FOUND;
    })).isSameAs(NOT_FOUND);
  }

  @Test
  void use_whenAScalableTargetIsNotFound_treatsApplicationAutoScalingsCodeAsNotFound() {
    ObjectNotFoundException missing = (ObjectNotFoundException) ObjectNotFoundException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ObjectNotFoundException").errorMessage("No scalable "
            + "target registered for service namespace: sagemaker").build()).build();

    assertThatThrownBy(() -> EventualConsistency.use(true, "scalable target", () -> {
      throw missing;
    })).isInstanceOf(EventualConsistency.NotYetVisibleException.class);
  }

  @Test
  void settled_whenStillInvisibleAfterTheBound_answersTheServicesOwnError() {
    RuntimeException notVisible = new EventualConsistency.NotYetVisibleException("model m", NOT_FOUND);

    assertThat(EventualConsistency.settled(notVisible, EventualConsistency.MAX_POLLS)).isNull();
    assertThat(EventualConsistency.settled(notVisible, EventualConsistency.MAX_POLLS + 1)).isSameAs(NOT_FOUND);
  }

  @Test
  void young_whenTheRunIsOlderThanTheWindow_isFalse() {
    Instant start = Instant.parse("2026-11-02T09:00:00Z");

    assertThat(EventualConsistency.young(start, start.plusSeconds(30))).isTrue();
    assertThat(EventualConsistency.young(start, start.plus(EventualConsistency.WINDOW).plus(Duration.ofSeconds(1))))
        .isFalse();
  }
}
