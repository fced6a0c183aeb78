package dev.sagemakergitops.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.lineage.Explainer;
import dev.sagemakergitops.core.operation.ManifestFixtures;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationRunner;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.core.operation.StateStore;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.CleanUp;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployWorld;
import dev.sagemakergitops.core.operation.deploy.ReferencedResources;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.core.operation.fixture.ServingFixture;
import dev.sagemakergitops.core.operation.fixture.TrafficSleeper;
import dev.sagemakergitops.core.operation.register.RegisterOperation;
import dev.sagemakergitops.core.operation.register.RegisterRequest;
import dev.sagemakergitops.core.operation.register.RegisterResult;
import dev.sagemakergitops.core.operation.shadow.ShadowTestOperation;
import dev.sagemakergitops.core.operation.shadow.ShadowTestReport;
import dev.sagemakergitops.core.operation.shadow.ShadowTestRequest;
import dev.sagemakergitops.core.operation.support.LocalAws;
import dev.sagemakergitops.core.operation.support.ManifestWorld;
import dev.sagemakergitops.core.operation.train.TrainOperation;
import dev.sagemakergitops.core.operation.train.TrainRequest;
import dev.sagemakergitops.core.operation.train.TrainResult;
import dev.sagemakergitops.core.operation.train.TrainState;
import dev.sagemakergitops.core.operation.transform.BatchTransformOperation;
import dev.sagemakergitops.core.operation.transform.BatchTransformRequest;
import dev.sagemakergitops.core.operation.transform.BatchTransformState;
import dev.sagemakergitops.core.plan.PlanBuilder;
import dev.sagemakergitops.core.status.EndpointStatusCheck;
import dev.sagemakergitops.core.validate.ManifestValidator;
import dev.sagemakergitops.core.validate.ReferenceChecker;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/iam-policy.json} is the least privilege the operations need, no more and no less:
 * every operation runs against the local control plane on clients that record the IAM actions its
 * calls require ({@link RequiredActions}), and the policy must allow each of them and name nothing
 * that no operation required, except the actions of {@link #NOT_CALLED}, which AWS checks on the
 * caller's behalf without a call of ours. {@code docs/iam.md} lists, per operation, exactly the
 * actions it required.
 *
 * <p>The runs cover the paths that make their own calls, not only the happy one: a training job and
 * a transform job cancelled, a registration into a group that does not exist yet, a deploy that
 * creates an endpoint with autoscaling and rollback alarms, one that changes the instance type of
 * the scaled variant, one with the opt-in clean-up, and a shadow test run again after it promoted.
 *
 * <p>In the integration phase ({@link IntegrationPhase}): the runs above are every operation end to end
 * once, the slowest set-up of the unit phase (25 s of its 370 s), and the policy changes only with the
 * operations' calls.
 */
@IntegrationPhase
class IamPolicyTest {
  private static final Path POLICY = Path.of("../docs/iam-policy.json");
  private static final Path DOCS = Path.of("../docs/iam.md");

  /**
   * Actions the policy grants that no call of ours makes, and why they are needed anyway. A name
   * here that an operation does call fails the test: this list shrinks as the code grows.
   */
  static final Map<String, String> NOT_CALLED = Map.of(
      "s3:ListBucket", "without it S3 answers a missing artifact or evaluation report with 403 instead of 404, "
          + "and registration cannot say \"does not exist\"",
      "sagemaker:UpdateEndpointWeightsAndCapacities", "Application Auto Scaling checks that the caller of "
          + "RegisterScalableTarget may scale the endpoint variant",
      "cloudwatch:PutMetricAlarm", "Application Auto Scaling checks it on the caller of PutScalingPolicy for the "
          + "alarms of a target-tracking policy",
      "cloudwatch:DeleteAlarms", "Application Auto Scaling checks it on the caller of DeleteScalingPolicy for the "
          + "alarms of a target-tracking policy",
      "iam:CreateServiceLinkedRole", "the first RegisterScalableTarget of an account creates Application Auto "
          + "Scaling's service-linked role for SageMaker endpoints");

  private static final String AUTOSCALING = "    autoscaling: {minCapacity: 2, maxCapacity: 6, maxRps: 10}\n";
  private static final String LARGER_INSTANCES =
      "      - {name: AllTraffic, instanceType: ml.m5.xlarge, instanceCount: 4}\n";

  @TempDir static Path dir;

  /** What each operation required, by operation name as {@code docs/iam.md} names them. */
  private static final Map<String, RequiredActions> RECORDED = new LinkedHashMap<>();

  @BeforeAll
  static void runEveryOperation() throws Exception {
    trainRegisterAndExplainThem();
    deployAndEverythingThatReadsAnEndpoint();
    shadowTest();
    batchTransform();
  }

  private static AwsClients clientsFor(LocalAws aws, String operation) {
    return aws.clients(RECORDED.computeIfAbsent(operation, name -> new RequiredActions()).interceptors());
  }

  private static Map<String, Set<String>> required() {
    Map<String, Set<String>> required = new TreeMap<>();
    RECORDED.forEach((operation, recorded) -> required.put(operation, recorded.actions()));
    return required;
  }

  private static Set<String> allRequired() {
    return required().values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
  }

  // ---- the runs ------------------------------------------------------------------------------------

  private static void trainRegisterAndExplainThem() throws Exception {
    try (ManifestWorld world = ManifestWorld.create(dir.resolve("train"))) {
      LocalAws aws = world.aws();
      dev.sagemakergitops.core.operation.train.ChurnManifest.prepare(aws);
      String path = dev.sagemakergitops.core.operation.train.ChurnManifest.PATH;
      String commit = world.commit(path, dev.sagemakergitops.core.operation.train.ChurnManifest.text(), "Add churn");

      AwsClients train = clientsFor(aws, "train");
      ResolvedManifest manifest = resolve(world.repository(), commit, path, train);
      TrainResult trained = run(aws, train, TrainOperation::new, new TrainRequest(manifest));
      String other = world.commit(path, dev.sagemakergitops.core.operation.train.ChurnManifest.text("0.3", "Try"),
          "Try eta 0.3");
      TrainOperation cancelled = new TrainOperation(aws.context(train));
      TrainState started = cancelled.poll(cancelled.begin(new TrainRequest(resolve(world.repository(), other, path,
          train)))).state();
      cancelled.cancel(started);

      AwsClients register = clientsFor(aws, "register");
      // The group does not exist yet: registration creates it.
      RegisterResult registered = run(aws, register, RegisterOperation::new,
          RegisterRequest.of(resolve(world.repository(), commit, path, register), trained));

      Explainer explainer = new Explainer(clientsFor(aws, "explain"));
      explainer.explainModelPackage(registered.packageArn(), LocalAws.REGION);
      explainer.explainTrainingJob(trained.jobName(), LocalAws.REGION);
    }
  }

  private static void deployAndEverythingThatReadsAnEndpoint() throws Exception {
    try (DeployWorld world = new DeployWorld(dir.resolve("deploy"))) {
      LocalAws aws = world.aws;
      world.register(3);
      Path repository = world.repo.directory();
      AwsClients deploy = clientsFor(aws, "deploy");
      // Created with rollback alarms and autoscaling, then a larger instance type for the scaled
      // variant (deregistered around the update), then v3 with the clean-up of what no commit uses
      // and a label dropped.
      world.commit(DeployWorld.Manifest.v(1).withEndpointExtra(AUTOSCALING).withLabels("{team: growth}"), "v1");
      run(aws, deploy, SafeDeployOperation::new, DeployRequest.of(resolve(repository, "HEAD", DeployWorld.PATH, deploy)));
      // A team's scheduled action on the target: put back after the instance-type change.
      world.clients.applicationAutoScaling(LocalAws.REGION).putScheduledAction(r -> r.scheduledActionName("nightly")
          .serviceNamespace("sagemaker").resourceId("endpoint/" + DeployWorld.ENDPOINT + "/variant/AllTraffic")
          .scalableDimension("sagemaker:variant:DesiredInstanceCount").schedule("cron(0 22 * * ? *)")
          .scalableTargetAction(t -> t.minCapacity(2).maxCapacity(3)));
      world.commit(DeployWorld.Manifest.v(2).withEndpointExtra(AUTOSCALING).withVariants(LARGER_INSTANCES), "v2");
      run(aws, deploy, SafeDeployOperation::new, DeployRequest.of(resolve(repository, "HEAD", DeployWorld.PATH, deploy)));
      world.commit(DeployWorld.Manifest.v(3).withEndpointExtra(AUTOSCALING).withVariants(LARGER_INSTANCES), "v3");
      CleanUp cleanUp;
      try (GitRepository git = GitRepository.open(repository)) {
        cleanUp = new ReferencedResources(aws.context(deploy)).fromHistory(git, "HEAD", DeployWorld.PATH, 1,
            new ManifestResolver(ImagePinner.using(deploy)));
      }
      run(aws, deploy, SafeDeployOperation::new,
          DeployRequest.of(resolve(repository, "HEAD", DeployWorld.PATH, deploy)).withCleanUp(cleanUp));

      try (GitRepository git = GitRepository.open(repository)) {
        AwsClients status = clientsFor(aws, "status");
        assertThat(new EndpointStatusCheck(aws.context(status)).check(git, "HEAD", List.of(),
            new ManifestResolver(ImagePinner.using(status)))).hasSize(1);
        new Explainer(clientsFor(aws, "explain")).explain(DeployWorld.ENDPOINT, LocalAws.REGION);
        assertThat(ManifestValidator.online(new ReferenceChecker(clientsFor(aws, "validate")), LocalAws.REGION)
            .validate(git, "HEAD", List.of()).problems()).isEmpty();
        PlanBuilder.online(ImagePinner.using(clientsFor(aws, "plan"))).plan(git, "HEAD~1", "HEAD", List.of());
      }
    }
  }

  private static void shadowTest() throws Exception {
    Path repository = dir.resolve("shadow");
    try (LocalAws aws = LocalAws.start();
        ServingFixture fixture = new ServingFixture(aws, repository).registerPackages().deployEndpoint()) {
      ManifestFixtures.commit(repository, ChurnManifest.standard().text(), "Churn: shadow test package 2");
      TrafficSleeper traffic = new TrafficSleeper(aws, fixture, 2);
      AwsClients shadow = clientsFor(aws, "shadow");
      ShadowTestRequest request = ShadowTestRequest.of(resolve(repository, "HEAD", ManifestFixtures.PATH, shadow));
      ShadowTestReport promoted = run(aws, shadow, ShadowTestOperation::new, request, traffic);
      // The promotion deployed the model with safe deploy; the shadow test run again finds the experiment
      // that promoted it, and deploys nothing.
      ShadowTestReport again = run(aws, shadow, ShadowTestOperation::new, request, traffic);
      assertThat(again).usingRecursiveComparison().ignoringFields("created", "deployment").isEqualTo(promoted);
      assertThat(promoted.deployment()).isNotNull();
      assertThat(again.created()).isEmpty();
    }
  }

  private static void batchTransform() throws Exception {
    Path repository = dir.resolve("transform");
    try (LocalAws aws = LocalAws.start(); ServingFixture fixture = new ServingFixture(aws, repository)) {
      fixture.registerPackages();
      aws.putObject("ml-data", "churn/score/part-1.csv", "c-1,0.5,1.5\nc-2,2.0,0.25\n", "text/csv");
      ManifestFixtures.commit(repository, ChurnManifest.standard().text(), "Churn: package 2");
      AwsClients transform = clientsFor(aws, "transform");
      ResolvedManifest manifest = resolve(repository, "HEAD", ManifestFixtures.PATH, transform);
      run(aws, transform, BatchTransformOperation::new, BatchTransformRequest.of(manifest, "nightly"));
      // Another run of the same transform, cancelled once its job exists.
      BatchTransformOperation cancelled = new BatchTransformOperation(aws.context(transform));
      BatchTransformState created = cancelled.poll(cancelled.begin(
          new BatchTransformRequest(manifest, "nightly", "rerun"))).state();
      assertThat(created.stage()).isEqualTo(BatchTransformState.Stage.WAIT);
      cancelled.cancel(created);
    }
  }

  private static ResolvedManifest resolve(Path repository, String ref, String path, AwsClients clients) {
    try (GitRepository git = GitRepository.open(repository)) {
      return new ManifestResolver(ImagePinner.using(clients)).resolveOne(git, ref, path);
    }
  }

  private static <Q, S extends OperationState, R> R run(LocalAws aws, AwsClients clients,
      Function<OperationContext, ? extends Operation<Q, S, R>> operation, Q request) throws InterruptedException {
    return run(aws, clients, operation, request, aws.sleeper());
  }

  private static <Q, S extends OperationState, R> R run(LocalAws aws, AwsClients clients,
      Function<OperationContext, ? extends Operation<Q, S, R>> operation, Q request, Sleeper sleeper)
      throws InterruptedException {
    OperationContext context = aws.context(clients);
    Step<S, R> step = new OperationRunner(context, sleeper, event -> { })
        .run(operation.apply(context), request, StateStore.none(), "run");
    assertThat(step).as("%s", step instanceof Step.Failed<S, R> failed ? failed.failure() : step)
        .isInstanceOf(Step.Succeeded.class);
    return ((Step.Succeeded<S, R>) step).result();
  }

  // ---- the assertions ------------------------------------------------------------------------------

  @Test
  void policy_allowsEveryActionAnOperationRequires() {
    IamPolicy policy = IamPolicy.read(POLICY);
    Map<String, List<String>> denied = new TreeMap<>();
    required().forEach((operation, actions) -> actions.stream().filter(action -> !policy.allows(action))
        .forEach(action -> denied.computeIfAbsent(action, a -> new ArrayList<>()).add(operation)));

    assertThat(denied).as("actions the operations (values) required that docs/iam-policy.json does not allow")
        .isEmpty();
  }

  @Test
  void policy_allowsNothingThatNoOperationRequires() {
    Set<String> excess = new TreeSet<>(IamPolicy.read(POLICY).allowedActions());
    allRequired().forEach(action -> excess.remove(action.toLowerCase()));
    NOT_CALLED.keySet().forEach(action -> excess.remove(action.toLowerCase()));

    assertThat(excess).as("actions docs/iam-policy.json allows but no operation required; remove them, or add them "
        + "to NOT_CALLED with the reason AWS checks them").isEmpty();
  }

  @Test
  void notCalled_namesOnlyActionsThePolicyGrantsAndNoOperationCalls() {
    IamPolicy policy = IamPolicy.read(POLICY);

    assertThat(NOT_CALLED.keySet()).allMatch(policy::allows);
    assertThat(NOT_CALLED.keySet()).as("actions an operation now calls: remove them from NOT_CALLED")
        .doesNotContainAnyElementsOf(allRequired());
  }

  @Test
  void runs_requireThePermissionsARequestImplies() {
    assertThat(required().get("train")).as("CreateTrainingJob passes the training role and tags the job")
        .contains("iam:PassRole", "sagemaker:AddTags");
    assertThat(required().get("shadow")).as("CreateInferenceExperiment and CreateModel pass a role")
        .contains("iam:PassRole");
    assertThat(required().get("register")).as("registration passes no role").doesNotContain("iam:PassRole");
    assertThat(required().get("register")).as("a HEAD of the artifact is an object read")
        .contains("s3:GetObject").doesNotContain("s3:HeadObject");
  }

  @Test
  void policy_passesRolesToSageMakerAlone() {
    List<IamPolicy.Statement> passing = IamPolicy.read(POLICY).statementsFor("iam:PassRole");

    assertThat(passing).isNotEmpty().allSatisfy(statement -> {
      assertThat(statement.condition().path("StringEquals").path("iam:PassedToService").asText())
          .isEqualTo("sagemaker.amazonaws.com");
      assertThat(statement.resources()).allMatch(arn -> arn.startsWith("arn:aws:iam::ACCOUNT_ID:role/"));
    });
  }

  /** Resource "*" only for what AWS cannot scope to a resource (Service Authorization Reference). */
  private static final Set<String> NO_RESOURCE_LEVEL_PERMISSIONS = Set.of("sagemaker:ListModelPackages",
      "sagemaker:ListModels", "sagemaker:ListEndpointConfigs", "sagemaker:ListEndpoints",
      "sagemaker:ListInferenceExperiments",
      "application-autoscaling:DescribeScalableTargets", "application-autoscaling:DescribeScalingPolicies",
      "application-autoscaling:DescribeScheduledActions", "cloudwatch:GetMetricData");

  @Test
  void policy_isAScopedIamDocumentWithEachActionInOneStatement() {
    IamPolicy policy = IamPolicy.read(POLICY);

    assertThat(policy.version()).isEqualTo("2012-10-17");
    assertThat(policy.statements()).extracting(IamPolicy.Statement::sid).doesNotHaveDuplicates()
        .allMatch(sid -> sid != null && sid.matches("[A-Za-z0-9]+"));
    assertThat(policy.statements()).allSatisfy(statement -> {
      assertThat(statement.effect()).as(statement.sid()).isEqualTo("Allow");
      assertThat(statement.actions()).as(statement.sid()).isNotEmpty().noneMatch(a -> a.contains("*") || a.contains("?"));
      assertThat(statement.resources()).as(statement.sid()).isNotEmpty();
      if (statement.resources().contains("*")) {
        assertThat(statement.resources()).as(statement.sid()).containsExactly("*");
        assertThat(statement.actions()).as("%s: Resource \"*\" for an action AWS can scope", statement.sid())
            .isSubsetOf(NO_RESOURCE_LEVEL_PERMISSIONS);
      }
    });
    assertThat(policy.allowedActions()).allSatisfy(action ->
        assertThat(policy.statementsFor(action)).as(action).hasSize(1));
  }

  private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z]+)` \\|(.*)\\|\\s*$");
  private static final Pattern ACTION = Pattern.compile("`([a-z0-9-]+:[A-Za-z]+)`");
  private static final Pattern PLACEHOLDER = Pattern.compile("(?<![A-Za-z_])[A-Z][A-Z_]{4,}(?![A-Za-z_])");

  @Test
  void docs_listForEachOperationExactlyTheActionsItRequires() throws IOException {
    Map<String, Set<String>> documented = new TreeMap<>();
    for (String line : Files.readAllLines(DOCS)) {
      Matcher row = TABLE_ROW.matcher(line);
      if (row.matches() && RECORDED.containsKey(row.group(1))) {
        Set<String> actions = documented.computeIfAbsent(row.group(1), operation -> new TreeSet<>());
        Matcher action = ACTION.matcher(row.group(2));
        while (action.find()) {
          actions.add(action.group(1));
        }
      }
    }

    assertThat(documented).as("the table of actions by operation in docs/iam.md").isEqualTo(required());
  }

  @Test
  void docs_explainEveryPlaceholderAndEveryActionNoOperationCalls() throws IOException {
    String docs = Files.readString(DOCS);
    Set<String> placeholders = new TreeSet<>();
    IamPolicy.read(POLICY).statements().forEach(statement -> statement.resources().forEach(arn -> {
      Matcher placeholder = PLACEHOLDER.matcher(arn);
      while (placeholder.find()) {
        placeholders.add(placeholder.group());
      }
    }));

    assertThat(placeholders).contains("REGION", "ACCOUNT_ID").allMatch(p -> docs.contains("`" + p + "`"));
    assertThat(NOT_CALLED.keySet()).allMatch(action -> docs.contains("`" + action + "`"));
  }
}
