package dev.sagemakergitops.core.operation.register;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.StateCodec;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.operation.support.ManifestWorld;
import dev.sagemakergitops.core.operation.train.ChurnManifest;
import dev.sagemakergitops.core.operation.train.TrainOperation;
import dev.sagemakergitops.core.operation.train.TrainRequest;
import dev.sagemakergitops.core.operation.train.TrainResult;
import dev.sagemakergitops.core.operation.train.TrainState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State files saved while train and register kept their phase as a string (the files under
 * {@code saved-states/} were written by that code) still load, are written back to the letter, and
 * resume to the end.
 */
class StateFilesBeforeStagesTest {
  @TempDir Path directory;

  private final StateCodec codec = new StateCodec();
  private ManifestWorld world;
  private LocalAws aws;
  private AwsClients clients;
  private ResolvedManifest manifest;
  private FileStateStore store;

  @BeforeEach
  void setUp() {
    world = ManifestWorld.create(directory.resolve("repo"));
    aws = world.aws();
    ChurnManifest.prepare(aws);
    clients = aws.clients();
    String commit = world.commit(ChurnManifest.PATH, ChurnManifest.text(), "Add churn");
    manifest = world.resolve(commit, ChurnManifest.PATH);
    store = new FileStateStore(directory.resolve("state"));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private static String saved(String name) throws IOException {
    try (InputStream in = StateFilesBeforeStagesTest.class.getResourceAsStream("/saved-states/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private <S extends OperationState> S readAndWriteBack(String operation, Class<S> type, String text) {
    S state = codec.read(operation, type, text);
    assertThat(codec.write(operation, state)).isEqualTo(text);
    return state;
  }

  private void put(String key, String text) throws IOException {
    Files.createDirectories(store.directory());
    Files.writeString(store.fileOf(key), text);
  }

  @Test
  void read_whenATrainStateWasSavedWithAStringPhase_givesItsStageAndWritesTheSameText() throws IOException {
    TrainState state = readAndWriteBack("sagemakerTrain", TrainState.class, saved("train-pending.json"));

    assertThat(state.stage()).isEqualTo(TrainState.Stage.PENDING);
    assertThat(state.phase()).isEqualTo("Pending");
  }

  @Test
  void read_whenARegisterStateWasSavedWithAStringPhase_givesItsStageAndWritesTheSameText() throws IOException {
    RegisterState state = readAndWriteBack("registerModel", RegisterState.class, saved("register-registering.json"));

    assertThat(state.stage()).isEqualTo(RegisterState.Stage.REGISTERING);
    assertThat(state.phase()).isEqualTo("Registering");
  }

  @Test
  void run_whenResumingATrainStateFileOfTheStringPhaseCode_trainsToTheEnd() throws Exception {
    put("train", saved("train-pending.json"));

    Step<TrainState, TrainResult> step = aws.runner(clients).run(new TrainOperation(aws.context(clients)),
        new TrainRequest(manifest), store, "train");

    assertThat(step).isInstanceOf(Step.Succeeded.class);
    assertThat(step.state().stage()).isEqualTo(TrainState.Stage.COMPLETED);
    assertThat(((Step.Succeeded<TrainState, TrainResult>) step).result().jobName())
        .isEqualTo("churn-prod-b039d04f71d1");
    assertThat(Files.readString(store.fileOf("train"))).contains("\"phase\" : \"Completed\"");
  }

  @Test
  void run_whenResumingARegisterStateFileOfTheStringPhaseCode_registersTheVersion() throws Exception {
    aws.putObject("ml-artifacts", "churn/manual/a/model.tar.gz", "model a", "application/x-gzip");
    // The stage before, Finding, created the group before this state was saved.
    clients.sageMaker().createModelPackageGroup(r -> r.modelPackageGroupName(ChurnManifest.GROUP));
    put("register", saved("register-registering.json"));

    Step<RegisterState, RegisterResult> step = aws.runner(clients).run(new RegisterOperation(aws.context(clients)),
        new RegisterRequest(manifest, RegisterRequest.Artifact.of("s3://ml-artifacts/churn/manual/a/model.tar.gz"),
            null), store, "register");

    assertThat(step).isInstanceOf(Step.Succeeded.class);
    assertThat(step.state().stage()).isEqualTo(RegisterState.Stage.DONE);
    assertThat(((Step.Succeeded<RegisterState, RegisterResult>) step).result().version()).isEqualTo(1);
    assertThat(Files.readString(store.fileOf("register"))).contains("\"phase\" : \"Done\"");
  }
}
