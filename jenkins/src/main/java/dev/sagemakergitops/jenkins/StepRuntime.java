package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.AwsAccess;
import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationContext;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * What a step reads from its run each time it starts or resumes, on a tick thread (never on the
 * Pipeline's own thread): the build's environment, the run, the workspace if any, and from them the
 * AWS access, the repository directory, the ref and the build's identity, all within what the
 * administrator allows ({@link AdminPolicy}). Nothing here is persisted; a resumed step builds it
 * again, so credentials are resolved again. Closing it closes the credentials cache it opened.
 */
final class StepRuntime implements AutoCloseable {
  /** The folder the deployment records are written to, in the workspace or the build's folder. */
  static final String RECORDS = "sagemaker-gitops-records";

  private final StepSettings settings;
  private final Map<String, String> environment;
  private final Run<?, ?> run;
  private final FilePath workspace;
  private final TaskListener listener;
  private final AdminPolicy policy;
  private CachedCredentials opened;
  private FilePath remoteClone;
  private boolean readCopy;

  private StepRuntime(StepSettings settings, Map<String, String> environment, Run<?, ?> run, FilePath workspace,
      TaskListener listener, AdminPolicy policy) {
    this.settings = settings;
    this.environment = environment;
    this.run = run;
    this.workspace = workspace;
    this.listener = listener;
    this.policy = policy;
  }

  /**
   * What the step reads from {@code context}, under {@code policy}, or under the administrator's
   * current settings when {@code null} (as in Jenkins; tests give theirs).
   */
  static StepRuntime of(StepContext context, StepSettings settings, AdminPolicy policy)
      throws IOException, InterruptedException {
    EnvVars environment = context.get(EnvVars.class);
    return new StepRuntime(settings, environment == null ? Map.of() : environment, context.get(Run.class),
        context.get(FilePath.class), context.get(TaskListener.class),
        policy != null ? policy : SageMakerGitOpsConfiguration.get().policy());
  }

  TaskListener listener() {
    return listener;
  }

  /** The build's environment variables (CHANGE_ID and the like, and what withCredentials bound). */
  Map<String, String> environment() {
    return environment;
  }

  /** The run the step belongs to; {@code null} only outside Jenkins. */
  Run<?, ?> run() {
    return run;
  }

  /**
   * The build's authentication, which its ticks run as: the one Jenkins gives the job as a queue
   * task (what the build itself runs as). Empty without a run (never in Jenkins) or for a job that
   * is not a queue task.
   */
  Optional<Authentication> authentication() {
    if (run != null && run.getParent() instanceof Queue.Task task) {
      return Optional.ofNullable(Tasks.getAuthenticationOf2(task));
    }
    return Optional.empty();
  }

  /**
   * Makes the calling thread act as the build ({@link #authentication()}) until the context is
   * closed; {@code null}, which try-with-resources skips, where there is no build's authentication.
   */
  ACLContext actAsBuild() {
    Optional<Authentication> build = authentication();
    return build.isEmpty() ? null : ACL.as2(build.get());
  }

  /** {@link #access(Clock)} on the system clock: for the read-only steps, which end in one go. */
  AwsAccess access() throws AbortException {
    return access(Clock.systemUTC());
  }

  /**
   * How to reach AWS: the step's {@code credentialsId} (resolved through a cache on {@code clock},
   * closed with this runtime), else the build's environment, else, when the administrator allows
   * it, the controller's own identity; with the step's region, endpoint (on the administrator's
   * allow-list) and role.
   */
  AwsAccess access(Clock clock) throws AbortException {
    AwsSettings requested;
    try {
      requested = new AwsSettings(settings.region(), null, endpoint(), settings.roleArn(), roleSessionName(),
          settings.roleExternalId());
    } catch (IllegalArgumentException e) {
      throw new AbortException(settings.step() + ": " + e.getMessage());
    }
    AwsAccess access;
    if (settings.credentialsId() != null) {
      JenkinsCredentials.Opened credentials = JenkinsCredentials.access(settings.credentialsId(),
          JenkinsCredentials.find(settings.credentialsId(), run), requested, environment, clock);
      close();
      opened = credentials.credentials();
      access = credentials.access();
    } else {
      access = AwsAccess.fromEnvironment(requested, environment);
      if (!hasEnvironmentKeys() && !policy.controllerIdentity()) {
        throw new AbortException(settings.step() + " has no AWS credentials: pass credentialsId: 'id of AWS"
            + " Credentials in Jenkins', or wrap it in withCredentials([aws(...)]) or withAWS. Using the controller's"
            + " own AWS identity (its profile or instance role) is off unless an administrator allows it in Manage"
            + " Jenkins > System > SageMaker GitOps");
      }
    }
    if (policy.proxy() != null) {
      access = access.withProxy(policy.proxy());
    }
    URI endpoint = access.settings().endpointUrl();
    if (endpoint != null && !policy.allowsEndpoint(endpoint)) {
      close();
      throw new AbortException(settings.step() + ": the endpoint " + endpoint + " (endpointUrl, or the build's"
          + " AWS_ENDPOINT_URL) is not one an administrator allows; ask one to add " + endpoint.getHost()
          + " to the endpoint hosts in Manage Jenkins > System > SageMaker GitOps, or leave the endpoint out to use"
          + " AWS's own");
    }
    return access;
  }

  /**
   * Whether the credentials are session credentials from the build's environment (what
   * {@code withCredentials([aws(...)])} with a role and {@code withAWS(role:)} leave): they are
   * fixed for the block, and expire after an hour by default, whatever the step waits for.
   */
  boolean usesEnvironmentSessionCredentials() {
    return settings.credentialsId() == null && hasEnvironmentKeys()
        && AwsStep.blankToNull(environment.get("AWS_SESSION_TOKEN")) != null;
  }

  private boolean hasEnvironmentKeys() {
    return AwsStep.blankToNull(environment.get("AWS_ACCESS_KEY_ID")) != null
        || AwsStep.blankToNull(environment.get("AWS_SECRET_ACCESS_KEY")) != null;
  }

  /** Closes the credentials cache this runtime opened, if any. */
  @Override
  public void close() {
    if (opened != null) {
      opened.close();
      opened = null;
    }
  }

  /** The AWS clients and the rest of an operation's context, on {@code clock}. */
  OperationContext context(AwsClients clients, Clock clock) {
    return OperationContext.of(clients, clock, new BuildInfo(environment.get("BUILD_URL"), "jenkins"));
  }

  /**
   * Where the step writes its deployment record: {@value #RECORDS} in the workspace when the step
   * runs inside {@code node {}} on the controller (so {@code archiveArtifacts} finds it), else that
   * folder in the build's own folder on the controller ({@code $JENKINS_HOME/jobs/.../builds/<n>/}),
   * kept and deleted with the build. Empty only where there is neither (never in Jenkins, whose
   * steps always have their run).
   */
  Optional<Path> recordDirectory() {
    if (workspace != null && !workspace.isRemote()) {
      return Optional.of(Path.of(workspace.getRemote()).resolve(RECORDS));
    }
    if (run != null) {
      return Optional.of(run.getRootDir().toPath().resolve(RECORDS));
    }
    return Optional.empty();
  }

  /**
   * Puts a safe deploy's record on the build's page ({@link DeploymentReportAction}); returns the
   * problems for the log (none without a run, never in Jenkins).
   */
  List<String> attachReport(Path record) {
    return run == null ? List.of() : DeploymentReportAction.attach(run, record);
  }

  AwsClients clients(AwsAccess access) {
    return access.clients(List.of());
  }

  /** The region manifests without one are checked for when offline: the step's, else the build's, else a placeholder. */
  String offlineRegion() {
    if (settings.region() != null) {
      return settings.region();
    }
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = AwsStep.blankToNull(environment.get(variable));
      if (value != null) {
        return value;
      }
    }
    return "default-region";
  }

  /** The ref to read: the step's, else the commit the build checked out, else {@code HEAD}. */
  String ref() {
    if (settings.ref() != null) {
      return settings.ref();
    }
    String commit = AwsStep.blankToNull(environment.get("GIT_COMMIT"));
    return commit != null ? commit : "HEAD";
  }

  /**
   * The Git repository's directory: the workspace, or {@code repository} inside it (relative, with
   * no {@code ..}, and holding its own {@code .git}, so that Git does not walk up to a repository
   * above the workspace). A path outside the workspace, or any path without one, only when the
   * administrator allows controller repositories ({@link AdminPolicy#controllerRepositories()}).
   * A workspace on an agent is read there and copied into the build's folder ({@link WorkspaceGit});
   * outside {@code node {}} without {@code repository}, a step reads that copy, made by a step of
   * the same build inside {@code node {}}.
   */
  Path repository() throws IOException, InterruptedException {
    String given = settings.repository();
    if (given != null && !policy.controllerRepositories()) {
      checkInsideWorkspace(given);
    }
    if (given != null && Path.of(given).isAbsolute()) {
      return Path.of(given);
    }
    if (workspace == null) {
      if (given == null && run != null && WorkspaceGit.exists(buildCopy())) {
        readCopy = true;
        return buildCopy();
      }
      throw new AbortException(settings.step() + " needs the Git repository that holds the manifests: call it inside"
          + " node { } after the checkout (outside node { }, a later step reads the copy that step keeps in the"
          + " build)" + (policy.controllerRepositories() ? ", or pass repository: '/path/on/the/controller'" : ""));
    }
    if (workspace.isRemote()) {
      return copyOf(given == null ? workspace : workspace.child(given));
    }
    Path base = Path.of(workspace.getRemote());
    Path directory = given == null ? base : base.resolve(given).normalize();
    if (!policy.controllerRepositories() && !Files.exists(directory.resolve(".git"))) {
      throw new AbortException(settings.step() + ": " + (given == null ? "the workspace " + base : given + " in the"
          + " workspace") + " is not a Git clone (it has no .git); check out there first (checkout scm), or pass"
          + " repository: 'the clone's folder in the workspace'");
    }
    if (!policy.controllerRepositories() && !realPath(directory).startsWith(realPath(base))) {
      checkInsideWorkspace(directory.toString());
    }
    return directory;
  }

  /** The build's copy of the repository of a workspace on an agent. */
  private Path buildCopy() {
    return run.getRootDir().toPath().resolve(WorkspaceGit.COPY);
  }

  /** Copies {@code clone}, on an agent, into the build's folder; an earlier copy serves when the agent is gone. */
  private Path copyOf(FilePath clone) throws IOException, InterruptedException {
    Path copy = buildCopy();
    try {
      WorkspaceGit.copy(clone, copy);
    } catch (AbortException e) {
      throw new AbortException(settings.step() + ": " + e.getMessage());
    } catch (IOException e) {
      if (!WorkspaceGit.exists(copy)) {
        throw e;
      }
      listener.getLogger().println(settings.step() + ": could not read the workspace's Git repository again (" + e
          + "); reading the build's copy of it");
    }
    remoteClone = clone;
    readCopy = true;
    return copy;
  }

  /**
   * Sends the branches the step wrote ({@code bumpBranch}, {@code revertBranch}) from the build's
   * copy back to the workspace's clone on the agent, where the Pipeline can push them; says so in
   * the log. Nothing to do for a repository on the controller, which the step wrote itself.
   */
  void returnBranches() {
    if (!readCopy) {
      return;
    }
    for (String option : List.of("bumpBranch", "revertBranch")) {
      String branch = settings.options().get(option);
      if (branch == null) {
        continue;
      }
      try {
        if (remoteClone == null) {
          listener.getLogger().println(settings.step() + ": " + option + " " + branch + " is in the build's copy of"
              + " the repository only (" + buildCopy() + "); call the step inside node { } to get it in the workspace");
        } else if (WorkspaceGit.returnBranch(buildCopy(), branch, remoteClone)) {
          listener.getLogger().println(settings.step() + ": " + option + " " + branch + " is in the workspace's"
              + " repository (" + remoteClone.getRemote() + "); push it from there");
        }
      } catch (IOException e) {
        listener.getLogger().println(settings.step() + ": could not bring " + branch + " back to the workspace: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The path with its links resolved, so that a link in the workspace cannot lead out of it; as given if absent. */
  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** Refuses a {@code repository} that is absolute or climbs out of the workspace. */
  private void checkInsideWorkspace(String given) throws AbortException {
    Path path = Path.of(given);
    boolean climbs = false;
    for (Path part : path) {
      climbs |= part.toString().equals("..");
    }
    if (path.isAbsolute() || climbs || given.startsWith("~")) {
      throw new AbortException(settings.step() + ": repository: '" + given + "' is outside the build's workspace;"
          + " give a folder inside the workspace (relative, without '..'), for example repository: 'manifests'."
          + " Repositories elsewhere on the controller are off unless an administrator allows them in Manage"
          + " Jenkins > System > SageMaker GitOps");
    }
  }

  /** CloudTrail shows who assumed the role: the build's tag, as far as STS's session-name rules allow. */
  private String roleSessionName() {
    String tag = AwsStep.blankToNull(environment.get("BUILD_TAG"));
    if (tag == null) {
      return null;
    }
    String name = tag.replaceAll("[^\\w+=,.@-]", "-");
    name = name.length() > 64 ? name.substring(name.length() - 64) : name;
    return name.length() < 2 ? null : name;
  }

  private URI endpoint() throws AbortException {
    if (settings.endpointUrl() == null) {
      return null;
    }
    try {
      return new URI(settings.endpointUrl());
    } catch (URISyntaxException e) {
      throw new AbortException(settings.step() + ": endpointUrl is not a URL such as http://127.0.0.1:4566: "
          + e.getMessage());
    }
  }
}
