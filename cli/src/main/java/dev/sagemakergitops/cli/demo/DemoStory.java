package dev.sagemakergitops.cli.demo;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.lineage.Explainer;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.register.RegisterOperation;
import dev.sagemakergitops.core.operation.register.RegisterRequest;
import dev.sagemakergitops.core.operation.register.RegisterResult;
import dev.sagemakergitops.core.operation.shadow.ShadowTestOperation;
import dev.sagemakergitops.core.operation.shadow.ShadowTestReport;
import dev.sagemakergitops.core.operation.shadow.ShadowTestRequest;
import dev.sagemakergitops.core.operation.train.TrainOperation;
import dev.sagemakergitops.core.operation.train.TrainRequest;
import dev.sagemakergitops.core.operation.train.TrainResult;
import dev.sagemakergitops.core.operation.transform.BatchTransformOperation;
import dev.sagemakergitops.core.operation.transform.BatchTransformReport;
import dev.sagemakergitops.core.operation.transform.BatchTransformRequest;
import dev.sagemakergitops.core.plan.PlanBuilder;
import dev.sagemakergitops.core.plan.PlanRenderer;
import dev.sagemakergitops.core.seed.AccountSeed;
import dev.sagemakergitops.core.status.EndpointStatusCheck;
import dev.sagemakergitops.core.status.EndpointSyncStatus;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import dev.sagemakergitops.local.s3.S3Service;
import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The whole GitOps story on the embedded local control plane, with the real operations: train,
 * register, a pull-request bump with its plan, shadow test, canary deploy, a bad version that an
 * alarm rolls back (detected, and its revert written), rollback by revert (reuse shown), batch
 * transform, explain. Time is simulated, so bakes of minutes and a shadow test of an hour pass in
 * moments; everything else is real: Git commits, AWS SDK calls over HTTP, SageMaker's state
 * machines as the local control plane models them.
 */
final class DemoStory {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

  private final PrintWriter out;
  private final Path directory;
  private final java.time.Duration consistencyDelay;
  private final List<String> summary = new ArrayList<>();

  private LocalControlPlane local;
  private AwsClients clients;
  private CallTally calls;
  private DemoRepository repository;
  private Traffic traffic;
  private OperationContext context;

  /**
   * @param consistencyDelay how long each new model, endpoint configuration, model package and
   *     scalable target stays invisible to the calls that use it (zero: strongly consistent)
   */
  DemoStory(PrintWriter out, Path directory, java.time.Duration consistencyDelay) {
    this.out = out;
    this.directory = directory;
    this.consistencyDelay = consistencyDelay;
  }

  /** Runs the story; returns true when every act ended as the story expects. */
  boolean run() throws InterruptedException {
    long started = System.nanoTime();
    local = LocalControlPlane.builder().port(0).clock(SimulationClock.virtual(START)).seed(7).standardServices()
        .consistencyDelay(consistencyDelay).start();
    calls = new CallTally();
    clients = AwsClients.create(new AwsSettings("us-east-1", null, local.endpoint(), null, null, null),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo-secret")), List.of(calls));
    try (DemoRepository repo = DemoRepository.init(directory)) {
      repository = repo;
      traffic = new Traffic(local, DemoManifest.ENDPOINT);
      context = new OperationContext(clients, local.clock(), new BuildInfo(null, "demo"), PollingPolicy.defaults(),
          new Random(7));
      prepareAws();
      boolean asExpected = story();
      long millis = (System.nanoTime() - started) / 1_000_000;
      printSummary(millis);
      return asExpected;
    } finally {
      clients.close();
      local.close();
    }
  }

  private boolean story() throws InterruptedException {
    act("1. A GitOps repository", "Model manifests live in Git: " + directory);
    String first = repository.commit(DemoManifest.PATH, DemoManifest.text("churn/1", "2026-10-01", 6),
        "Add the churn model, trained on October data");
    say("commit " + shortId(first) + " Add the churn model (" + DemoManifest.PATH + ")");

    act("2. Train and register (the build flow)", "sagemakerTrain, then registerModel, at " + shortId(first));
    TrainResult training1 = train();
    RegisterResult version1 = register(training1, null);
    summary.add("trained " + training1.jobName() + ", registered " + version1.modelPackage());

    act("3. First deployment", "safeDeploy creates the endpoint from churn/1");
    DeployResult deployed1 = deploy().orElseThrow();
    summary.add("deployed churn/1: endpoint " + deployed1.endpointName() + " on " + deployed1.endpointConfigName());

    act("4. New data: a pull request bumps the version", "A commit moves training to November data; CI trains,"
        + " registers churn/2 and writes the bump on a branch");
    String november = repository.commit(DemoManifest.PATH, DemoManifest.text("churn/1", "2026-11-01", 6),
        "Train on November data");
    say("commit " + shortId(november) + " Train on November data");
    TrainResult training2 = train();
    RegisterResult version2 = register(training2, "bump/churn-2");
    say("bump commit " + shortId(version2.bumpCommit()) + " on " + version2.bumpBranch()
        + " (only spec.model.package changes)");
    say("The plan for the pull request (Markdown, as posted on the PR):");
    printPlan(DemoRepository.MAIN, version2.bumpBranch());
    summary.add("pull request " + version2.bumpBranch() + ": churn/1 -> churn/2, plan posted");

    act("5. Merge: shadow test, then canary deploy", "main now names churn/2");
    repository.merge(version2.bumpBranch());
    traffic.on(true);
    ShadowTestReport shadow = shadowTest();
    traffic.on(false);
    if (shadow == null) {
      return false;
    }
    summary.add("shadow test passed: " + shadow.summary());
    DeployResult deployed2 = deploy().orElseThrow();
    summary.add("canary deploy of churn/2: " + deployed2.endpointConfigName());

    act("6. A bad version: an alarm rolls it back", "A deeper tree goes through the same flow; during the canary"
        + " bake the 5xx alarm fires (simulated)");
    String deeper = repository.commit(DemoManifest.PATH, DemoManifest.text("churn/2", "2026-11-01", 12),
        "Try deeper trees");
    say("commit " + shortId(deeper) + " Try deeper trees");
    TrainResult training3 = train();
    RegisterResult version3 = register(training3, "bump/churn-3");
    repository.merge(version3.bumpBranch());
    say("merged " + version3.bumpBranch() + " (churn/2 -> churn/3)");
    local.service(HostingService.class).tripAlarmAtStep(DemoManifest.ENDPOINT, DemoManifest.ALARM, 1);
    if (deploy().isPresent()) {
      say("unexpected: the bad version was not rolled back");
      return false;
    }
    EndpointSyncStatus status = status();
    if (status.offendingCommit() == null) {
      return false;
    }
    try (GitRepository git = GitRepository.open(directory)) {
      CommitResult revert = new EndpointStatusCheck(context).writeRevert(git, status, "revert/churn-3",
          DemoRepository.MAIN, repository.author());
      say("revert commit " + shortId(revert.commitId()) + " written on " + branchName(revert.branch())
          + ": it brings Git back in line with what the endpoint serves");
      repository.merge(revert.branch());
    }
    say("merged revert/churn-3; safeDeploy now has nothing to change:");
    Map<String, Long> before = calls.snapshot();
    deploy().orElseThrow();
    say("mutating calls made: " + difference(before, calls.snapshot()));
    summary.add("churn/3 rolled back by SageMaker (alarm " + DemoManifest.ALARM + "), detected; revert written and merged");

    act("7. Rollback by revert", "churn/2 needs to go too: revert its bump commit; the old model and endpoint"
        + " config are found by name and reused");
    try (GitRepository git = GitRepository.open(directory)) {
      CommitResult revert = git.revertCommit("revert/churn-2", DemoRepository.MAIN, version2.bumpCommit(),
          repository.author());
      say("revert commit " + shortId(revert.commitId()) + " on " + branchName(revert.branch()) + " (churn/2 -> churn/1)");
      repository.merge(revert.branch());
    }
    Map<String, Long> beforeRevert = calls.snapshot();
    DeployResult reverted = deploy().orElseThrow();
    String reuse = difference(beforeRevert, calls.snapshot());
    say("calls made by the rollback: " + reuse);
    summary.add("rollback by revert to churn/1: " + reuse + "; endpoint on " + reverted.endpointConfigName());

    act("8. Batch transform", "nightly-scoring runs over the model the manifest serves");
    BatchTransformReport transform = transform();
    summary.add("batch transform " + transform.jobName() + " -> " + transform.outputS3Uri());

    act("9. Explain", "Where does what serves churn-prod come from? Answered from AWS alone (tags, endpoint,"
        + " model, package):");
    out.println(indent(new Explainer(clients).explain(DemoManifest.ENDPOINT, "us-east-1").toText()));
    return true;
  }

  private void prepareAws() {
    local.service(EcrService.class).publish("us-east-1", "churn-xgb", "1.4.2");
    S3Service s3 = local.service(S3Service.class);
    for (String date : List.of("2026-10-01", "2026-11-01")) {
      s3.put("ml-data", "churn/train/" + date + "/part-0.csv", "1,0.4,3\n0,0.1,7\n1,0.8,1\n".getBytes(StandardCharsets.UTF_8), "text/csv");
      s3.put("ml-data", "churn/validation/" + date + "/part-0.csv", "1,0.5,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    }
    s3.put("ml-artifacts", "churn/eval/evaluation.json",
        "{\"binary_classification_metrics\": {\"auc\": {\"value\": 0.91}}}\n".getBytes(StandardCharsets.UTF_8),
        "application/json");
    s3.put("ml-data", "churn/score/customers.csv",
        "c-1001,0.7,3\nc-1002,0.1,9\nc-1003,0.5,4\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    new AccountSeed(clients).put("us-east-1", new AccountSeed.EndpointAlarm(DemoManifest.ALARM, DemoManifest.ENDPOINT,
        "Invocation5XXErrors", "Average", 1.0, "notBreaching"));
  }

  private TrainResult train() throws InterruptedException {
    Step<?, TrainResult> step = run(new TrainOperation(context), new TrainRequest(resolve()));
    TrainResult result = succeeded(step);
    say("training job " + result.jobName() + " -> " + result.modelArtifactUri());
    return result;
  }

  private RegisterResult register(TrainResult training, String bumpBranch) throws InterruptedException {
    RegisterRequest request = RegisterRequest.of(resolve(), training);
    if (bumpBranch != null) {
      request = request.withBump(new RegisterRequest.Bump(directory, bumpBranch, DemoRepository.MAIN));
    }
    RegisterResult result = succeeded(run(new RegisterOperation(context), request));
    say("model package " + result.modelPackage() + " (" + result.approvalStatus() + ")");
    return result;
  }

  private java.util.Optional<DeployResult> deploy() throws InterruptedException {
    Step<?, DeployResult> step = run(new SafeDeployOperation(context), DeployRequest.of(resolve()));
    if (step instanceof Step.Succeeded<?, DeployResult> done) {
      DeployResult result = done.result();
      say("deployed: " + result.endpointName() + " serves " + result.endpointConfigName() + " (" + result.change()
          + "), image " + result.imageDigest().substring(0, 19) + "...");
      return java.util.Optional.of(result);
    }
    OperationFailure failure = ((Step.Failed<?, DeployResult>) step).failure();
    say(failure.kind() + ": " + failure.message());
    if (!failure.alarms().isEmpty()) {
      say("alarms in ALARM: " + String.join(", ", failure.alarms()));
    }
    say("(the command line exits with code 3 here, so a pipeline stops and says why)");
    return java.util.Optional.empty();
  }

  private ShadowTestReport shadowTest() throws InterruptedException {
    Step<?, ShadowTestReport> step = run(new ShadowTestOperation(context), ShadowTestRequest.of(resolve()));
    if (step instanceof Step.Succeeded<?, ShadowTestReport> done) {
      say(done.result().summary());
      say("requests sent by the simulated clients: " + traffic.sent());
      return done.result();
    }
    say("shadow test did not pass: " + ((Step.Failed<?, ShadowTestReport>) step).failure().message());
    return null;
  }

  private BatchTransformReport transform() throws InterruptedException {
    BatchTransformReport report = succeeded(run(new BatchTransformOperation(context),
        BatchTransformRequest.of(resolve(), "nightly-scoring")));
    say(report.summary());
    S3Service s3 = local.service(S3Service.class);
    for (String key : s3.list("ml-predictions", "churn/")) {
      say("s3://ml-predictions/" + key + ":");
      String text = new String(s3.get("ml-predictions", key).orElse(new byte[0]), StandardCharsets.UTF_8);
      text.lines().limit(3).forEach(line -> say("  " + line));
    }
    return report;
  }

  private EndpointSyncStatus status() {
    try (GitRepository git = GitRepository.open(directory)) {
      EndpointSyncStatus status = new EndpointStatusCheck(context).check(resolve(), git);
      say("status: " + status.endpointName() + " is " + status.state() + ": " + status.reason());
      return status;
    }
  }

  private void printPlan(String base, String head) {
    try (GitRepository git = GitRepository.open(directory)) {
      String markdown = PlanRenderer.markdown(PlanBuilder.online(ImagePinner.using(clients))
          .plan(git, base, head, List.of()));
      out.println(indent(markdown.strip()));
    }
  }

  private ResolvedManifest resolve() {
    try (GitRepository git = GitRepository.open(directory)) {
      return new ManifestResolver(ImagePinner.using(clients)).resolveOne(git, DemoRepository.MAIN, DemoManifest.PATH);
    }
  }

  private <Q, S extends OperationState, R> Step<S, R> run(Operation<Q, S, R> operation, Q request)
      throws InterruptedException {
    OperationRunner runner = new OperationRunner(context, traffic, event -> progress(operation.name(), event));
    return runner.run(operation, request, StateStore.none(), operation.name());
  }

  private static <R> R succeeded(Step<?, R> step) {
    if (step instanceof Step.Succeeded<?, R> done) {
      return done.result();
    }
    throw new IllegalStateException("the demo expected this to succeed: "
        + ((Step.Failed<?, R>) step).failure().message());
  }

  private void progress(String operation, OperationEvent event) {
    if (event.quiet()) {
      return;
    }
    out.println("    " + CLOCK.format(event.at()) + "  " + operation + "  " + event.message());
    out.flush();
  }

  private void act(String title, String line) {
    out.println();
    out.println("== " + title);
    out.println("   " + line);
    out.flush();
  }

  private void say(String line) {
    out.println("   " + line);
    out.flush();
  }

  private void printSummary(long millis) {
    out.println();
    out.println("== Summary");
    summary.forEach(line -> out.println("   - " + line));
    out.println("   AWS calls made: " + calls.total() + ", all over HTTP to the embedded local control plane");
    out.println("   simulated time: " + java.time.Duration.between(START, local.clock().instant()).toMinutes()
        + " minutes; wall time: " + millis / 1000.0 + " s");
    out.println("   The repository is yours to look at: git -C " + directory + " log --oneline --all");
    out.flush();
  }

  private static String difference(Map<String, Long> before, Map<String, Long> after) {
    List<String> parts = new ArrayList<>();
    before.forEach((name, count) -> parts.add((after.get(name) - count) + " " + name));
    return String.join(", ", parts);
  }

  private static String branchName(String ref) {
    return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
  }

  private static String shortId(String id) {
    return id == null ? "-" : id.substring(0, 7);
  }

  private static String indent(String text) {
    return text.lines().map(line -> "     " + line).reduce((a, b) -> a + "\n" + b).orElse("");
  }
}
