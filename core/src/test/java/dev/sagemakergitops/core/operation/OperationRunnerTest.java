package dev.sagemakergitops.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.lineage.DeploymentRecord;
import dev.sagemakergitops.core.lineage.DeploymentRecorder;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.support.AbandonAfterCalls;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.local.fault.CallFault;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/**
 * The runner with a small but real operation: a training job created, polled and stopped through
 * the SDK against the local control plane, its state saved in files.
 */
@IntegrationPhase
class OperationRunnerTest {
  private static final String JOB = "churn-train-0123456789ab";
  private static final String KEY = "churn-prod.testTrain";
  private static final Pattern BACK_OFF = Pattern.compile("polling again in (\\d+) s");

  @TempDir Path states;

  private LocalAws aws;
  private FileStateStore files;

  @BeforeEach
  void start() {
    aws = LocalAws.start();
    aws.putObject("ml-data", "churn/train/part-0.csv", "1,0.5\n0,0.1\n", "text/csv");
    files = new FileStateStore(states);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void run_whenFresh_pollsToTheEndSavingTheStateOnlyWhenAPollChangedIt() throws InterruptedException {
    AwsClients clients = aws.clients();
    SavingStore store = new SavingStore(files);
    Instant started = aws.local().clock().instant();

    Step<JobState, String> last = aws.runner(clients).run(new TrainJob(aws.context(clients)), JOB, store, KEY);

    assertThat(last).isInstanceOf(Step.Succeeded.class);
    assertThat(((Step.Succeeded<JobState, String>) last).result())
        .isEqualTo("s3://ml-artifacts/churn/" + JOB + "/output/model.tar.gz");
    long polls = aws.calls().count("CreateTrainingJob") + aws.calls().count("DescribeTrainingJob");
    // begin, create, then one state per status the job showed (InProgress/Starting ... Completed).
    List<String> statuses = store.states.stream().map(JobState.class::cast).map(JobState::lastStatus)
        .filter(Objects::nonNull).toList();
    assertThat(statuses).as("one save per status seen, never the same state twice in a row").doesNotHaveDuplicates()
        .contains("InProgress/Starting", "InProgress/Training", "Completed/Completed");
    assertThat(store.states).as("begin, the create, then only the polls that changed the state")
        .hasSize(2 + statuses.size());
    assertThat((long) store.states.size()).as("polls that saw no change wrote nothing").isLessThan(polls + 1);
    assertThat(store.saved.get(0)).isEqualTo("create");
    assertThat(store.saved.get(store.saved.size() - 1)).isEqualTo("done");
    assertThat(files.load(KEY, "testTrain", JobState.class)).map(JobState::phase).contains("done");
    assertThat(aws.calls().count("CreateTrainingJob")).isEqualTo(1);
    assertThat(aws.events()).extracting(OperationEvent::message)
        .contains("InProgress/Starting", "InProgress/Training", "Completed/Completed");
    Duration took = Duration.between(started, aws.local().clock().instant());
    assertThat(took).as("the job takes 8 simulated minutes; polls follow it closely")
        .isBetween(Duration.ofMinutes(8), Duration.ofMinutes(8).plus(PollingPolicy.defaults().interval()));
  }

  @Test
  void advance_whenRunFromAStateAndTheFirstPollChangesNothing_savesItAnyway() {
    AwsClients clients = aws.clients();
    TrainJob job = new TrainJob(aws.context(clients));
    SavingStore store = new SavingStore(files);
    OperationRun<String, JobState, String> begun = new OperationRun<>(aws.context(clients), job, JOB, store, KEY,
        event -> {});
    begun.advance(); // begin
    begun.advance(); // create
    begun.advance(); // the job's first status; the clock does not move between these calls
    JobState waiting = (JobState) store.states.get(store.states.size() - 1);
    files.delete(KEY);
    store.states.clear();
    store.saved.clear();

    OperationRun<String, JobState, String> resumed = OperationRun.from(aws.context(clients), job, waiting, store, KEY,
        event -> {});
    resumed.advance();
    resumed.advance();

    assertThat(waiting.lastStatus()).isEqualTo("InProgress/Starting");
    assertThat(store.states).as("the first poll saves the state it was given, unchanged or not; the second, "
        + "unchanged, does not").containsExactly(waiting);
    assertThat(files.load(KEY, "testTrain", JobState.class)).isPresent();
  }

  // 12 calls: the process dies in the middle of polls that changed nothing (and so saved nothing).
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 12})
  void run_whenTheProcessDiesAfterACall_resumesFromTheSavedStateWithoutASecondJob(int calls) throws InterruptedException {
    AwsClients dying = aws.clients(List.of(new AbandonAfterCalls(calls)));
    assertThatThrownBy(() -> aws.runner(dying).run(new TrainJob(aws.context(dying)), JOB, files, KEY))
        .isInstanceOf(AbandonAfterCalls.Abandoned.class);
    String savedPhase = files.load(KEY, "testTrain", JobState.class).orElseThrow().phase();

    AwsClients restarted = aws.clients();
    Step<JobState, String> last = aws.runner(restarted).run(new TrainJob(aws.context(restarted)), JOB, files, KEY);

    assertThat(last).isInstanceOf(Step.Succeeded.class);
    assertThat(savedPhase).isEqualTo(calls == 1 ? "create" : "wait");
    assertThat(aws.events()).extracting(OperationEvent::message)
        .contains("resuming testTrain from its saved state (phase " + savedPhase + ")");
    assertThat(restarted.sageMaker(LocalAws.REGION).listTrainingJobs(r -> r.nameContains("churn")).trainingJobSummaries())
        .hasSize(1);
  }

  @Test
  void run_whenFailuresOutlastTheSdkRetries_backsOffExponentiallyAndFinishes() throws InterruptedException {
    // The SDK makes 3 attempts per call: 3 throttled attempts fail one poll, the next 3 answers (500) the next.
    aws.local().faults().add(new CallFault(CallFault.Kind.THROTTLE, "sagemaker", "DescribeTrainingJob", 1.0, 3));
    aws.local().faults().add(new CallFault(CallFault.Kind.INTERNAL_ERROR, "sagemaker", "DescribeTrainingJob", 1.0, 3));
    AwsClients clients = aws.clients();

    Step<JobState, String> last = aws.runner(clients).run(new TrainJob(aws.context(clients)), JOB, files, KEY);

    assertThat(last).isInstanceOf(Step.Succeeded.class);
    List<String> backOffs = aws.events().stream().map(OperationEvent::message).filter(m -> m.contains("polling again"))
        .toList();
    assertThat(backOffs).hasSize(2);
    assertThat(backOffs.get(0)).startsWith("AWS is throttling; polling again in ");
    assertThat(backOffs.get(1)).startsWith("AWS call failed (SageMakerException); polling again in ");
    assertThat(seconds(backOffs.get(0))).as("half to all of the interval").isBetween(4L, 8L);
    assertThat(seconds(backOffs.get(1))).as("doubled").isBetween(8L, 16L);
  }

  @Test
  void run_whenAShareOfAllCallsIsThrottledOrFails_stillFinishesWithOneJob() throws InterruptedException {
    aws.injectFaults(0.2);
    AwsClients clients = aws.clients();

    Step<JobState, String> last = aws.runner(clients).run(new TrainJob(aws.context(clients)), JOB, files, KEY);

    assertThat(last).isInstanceOf(Step.Succeeded.class);
    aws.local().faults().clear();
    assertThat(clients.sageMaker(LocalAws.REGION).listTrainingJobs(r -> r.nameContains("churn")).trainingJobSummaries())
        .hasSize(1);
  }

  @Test
  void run_whenInterrupted_cancelsSavesTheCancellationAndARerunSeesItThrough() throws InterruptedException {
    AwsClients clients = aws.clients();
    int[] sleeps = {0};
    OperationRunner interrupted = new OperationRunner(aws.context(clients), wait -> {
      if (++sleeps[0] == 3) {
        throw new InterruptedException("Jenkins aborted the build");
      }
      aws.advance(wait);
    }, event -> { });

    assertThatThrownBy(() -> interrupted.run(new TrainJob(aws.context(clients)), JOB, files, KEY))
        .isInstanceOf(InterruptedException.class);

    assertThat(files.load(KEY, "testTrain", JobState.class)).map(JobState::phase).contains("cancelling");
    assertThat(aws.calls().count("StopTrainingJob")).isEqualTo(1);
    assertThat(clients.sageMaker(LocalAws.REGION).describeTrainingJob(r -> r.trainingJobName(JOB))
        .trainingJobStatusAsString()).isEqualTo("Stopping");

    Step<JobState, String> last = aws.runner(clients).run(new TrainJob(aws.context(clients)), JOB, files, KEY);

    assertThat(last).isInstanceOfSatisfying(Step.Failed.class,
        failed -> assertThat(failed.failure().kind()).isEqualTo(OperationFailure.Kind.CANCELLED));
    assertThat(aws.calls().count("CreateTrainingJob")).isEqualTo(1);
  }

  @Test
  void run_whenInterruptedAndTheCancellationFails_stillThrowsTheInterruptAndKeepsTheState() throws InterruptedException {
    AwsClients clients = aws.clients();
    int[] sleeps = {0};
    List<OperationEvent> events = new ArrayList<>();
    OperationRunner interrupted = new OperationRunner(aws.context(clients), wait -> {
      if (++sleeps[0] == 3) {
        aws.advance(Duration.ofMinutes(20)); // the job completes meanwhile, so StopTrainingJob is refused
        throw new InterruptedException("Jenkins aborted the build");
      }
      aws.advance(wait);
    }, events::add);

    assertThatThrownBy(() -> interrupted.run(new TrainJob(aws.context(clients)), JOB, files, KEY))
        .isInstanceOfSatisfying(InterruptedException.class, e -> assertThat(e.getSuppressed())
            .singleElement().isInstanceOf(SageMakerException.class));

    assertThat(files.load(KEY, "testTrain", JobState.class)).map(JobState::phase).contains("wait");
    assertThat(events).last().extracting(OperationEvent::message).asString()
        .startsWith("testTrain interrupted, but the cancellation failed (The request was rejected because the training"
            + " job is in status Completed.");
    assertThat(aws.runner(clients).run(new TrainJob(aws.context(clients)), JOB, files, KEY))
        .isInstanceOf(Step.Succeeded.class);
  }

  @Test
  void run_withARecorder_writesEveryReportedEventAndTheResultIntoTheDeploymentRecord() throws InterruptedException {
    AwsClients clients = aws.clients();
    OperationContext context = aws.context(clients);
    DeploymentRecorder recorder = DeploymentRecorder.start("train", context);
    List<OperationEvent> log = new ArrayList<>();
    OperationRunner runner = new OperationRunner(context, aws.sleeper(), recorder.andThen(log::add));

    Step<JobState, String> last = runner.run(new TrainJob(context), JOB, files, KEY);
    DeploymentRecord record = recorder.finish(Lineage.none().withTrainingJob(JOB), LocalAws.REGION, last);

    assertThat(record.events()).isEqualTo(log);
    assertThat(record.outcome().status()).isEqualTo(DeploymentRecord.Status.SUCCEEDED);
    assertThat(Duration.between(record.startedAt(), record.finishedAt())).isGreaterThanOrEqualTo(Duration.ofMinutes(8));
    assertThat(record.lineage().trainingJob()).isEqualTo(JOB);
    assertThat(record.resources()).extracting(RecordedResource::name).containsExactly(JOB);
    assertThat(record.result()).containsEntry("lastStatus", "Completed/Completed");
  }

  private static long seconds(String message) {
    Matcher matcher = BACK_OFF.matcher(message);
    assertThat(matcher.find()).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  /** A store that remembers every state saved (and its phase), in order. */
  private static final class SavingStore implements StateStore {
    final List<String> saved = new ArrayList<>();
    final List<OperationState> states = new ArrayList<>();
    private final StateStore store;

    SavingStore(StateStore store) {
      this.store = store;
    }

    @Override
    public void save(String key, String operation, OperationState state) {
      saved.add(state.phase());
      states.add(state);
      store.save(key, operation, state);
    }

    @Override
    public <S extends OperationState> Optional<S> load(String key, String operation, Class<S> type) {
      return store.load(key, operation, type);
    }

    @Override
    public void delete(String key) {
      store.delete(key);
    }
  }

  /**
   * The state of {@link TrainJob}: the phase ({@code create}, {@code wait}, {@code cancelling},
   * {@code done}) and the last status seen. Implements {@link Recordable} as operation states do.
   */
  record JobState(String phase, String jobName, String lastStatus) implements OperationState, Recordable {
    JobState next(String nextPhase, String status) {
      return new JobState(nextPhase, jobName, status);
    }

    @Override
    public Map<String, Object> recordSummary() {
      return Map.of("trainingJob", jobName, "lastStatus", lastStatus == null ? "unknown" : lastStatus);
    }

    @Override
    public List<RecordedResource> recordResources() {
      return List.of(RecordedResource.created("training-job", jobName, null));
    }
  }

  /** A training job as a resumable operation: create (or attach), poll until it ends, stop on cancel. */
  private static final class TrainJob implements Operation<String, JobState, String> {
    private final OperationContext context;

    TrainJob(OperationContext context) {
      this.context = context;
    }

    @Override
    public String name() {
      return "testTrain";
    }

    @Override
    public Class<JobState> stateType() {
      return JobState.class;
    }

    @Override
    public JobState begin(String jobName) {
      return new JobState("create", jobName, null);
    }

    @Override
    public Step<JobState, String> poll(JobState state) {
      Instant now = context.clock().instant();
      if (state.phase().equals("create")) {
        try {
          context.clients().sageMaker(LocalAws.REGION).createTrainingJob(r -> r
              .trainingJobName(state.jobName())
              .roleArn("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/sm-training")
              .algorithmSpecification(a -> a.trainingImage(LocalAws.REGISTRY + "/churn-train@sha256:" + "0".repeat(64))
                  .trainingInputMode(TrainingInputMode.FILE))
              .inputDataConfig(c -> c.channelName("train").dataSource(d -> d.s3DataSource(
                  s -> s.s3DataType("S3Prefix").s3Uri("s3://ml-data/churn/train/"))))
              .outputDataConfig(o -> o.s3OutputPath("s3://ml-artifacts/churn/"))
              .resourceConfig(c -> c.instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(30))
              .stoppingCondition(s -> s.maxRuntimeInSeconds(3600)));
        } catch (SageMakerException e) {
          if (!SageMakerErrors.isAlreadyExists(e)) {
            throw e;
          }
        }
        return new Step.Running<>(state.next("wait", null), List.of(new OperationEvent(now, "create", "created")),
            context.polling().unknown(context.random()));
      }
      DescribeTrainingJobResponse job = context.clients().sageMaker(LocalAws.REGION)
          .describeTrainingJob(r -> r.trainingJobName(state.jobName()));
      String status = job.trainingJobStatusAsString() + "/" + job.secondaryStatusAsString();
      List<OperationEvent> events = status.equals(state.lastStatus()) ? List.of()
          : List.of(new OperationEvent(now, state.phase(), status));
      switch (job.trainingJobStatusAsString()) {
        case "Completed":
          return new Step.Succeeded<>(state.next("done", status), events, job.modelArtifacts().s3ModelArtifacts());
        case "Failed":
          return new Step.Failed<>(state.next("done", status), events,
              OperationFailure.of(OperationFailure.Kind.FAILED, "the job failed", job.failureReason()));
        case "Stopped":
          return new Step.Failed<>(state.next("done", status), events,
              OperationFailure.of(OperationFailure.Kind.CANCELLED, "the job was stopped"));
        default:
          return new Step.Running<>(state.next(state.phase(), status), events, context.polling().unknown(context.random()));
      }
    }

    @Override
    public JobState cancel(JobState state) {
      if (state.phase().equals("create")) {
        return state.next("done", "not started");
      }
      context.clients().sageMaker(LocalAws.REGION).stopTrainingJob(r -> r.trainingJobName(state.jobName()));
      return state.next("cancelling", state.lastStatus());
    }
  }
}
