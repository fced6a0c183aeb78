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
 * AWS access, the repository directory, the ref and the build's identity. Nothing here is
 * persisted; a resumed step builds it again, so credentials are resolved again.
 */
final class StepRuntime {
  /** The folder the deployment records are written to, in the workspace or the build's folder. */
  static final String RECORDS = "sagemaker-gitops-records";

  private final StepSettings settings;
  private final Map<String, String> environment;
  private final Run<?, ?> run;
  private final FilePath workspace;
  private final TaskListener listener;

  private StepRuntime(StepSettings settings, Map<String, String> environment, Run<?, ?> run, FilePath workspace,
      TaskListener listener) {
    this.settings = settings;
    this.environment = environment;
    this.run = run;
    this.workspace = workspace;
    this.listener = listener;
  }

  static StepRuntime of(StepContext context, StepSettings settings) throws IOException, InterruptedException {
    EnvVars environment = context.get(EnvVars.class);
    return new StepRuntime(settings, environment == null ? Map.of() : environment, context.get(Run.class),
        context.get(FilePath.class), context.get(TaskListener.class));
  }

  TaskListener listener() {
    return listener;
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

  /**
   * How to reach AWS: the step's {@code credentialsId}, else the build's environment, else the
   * controller's default chain; with the step's region, endpoint and role.
   */
  AwsAccess access() throws AbortException {
    AwsSettings requested;
    try {
      requested = new AwsSettings(settings.region(), null, endpoint(), settings.roleArn(), roleSessionName(),
          settings.roleExternalId());
    } catch (IllegalArgumentException e) {
      throw new AbortException(settings.step() + ": " + e.getMessage());
    }
    if (settings.credentialsId() == null) {
      return AwsAccess.fromEnvironment(requested, environment);
    }
    return JenkinsCredentials.access(settings.credentialsId(), run, requested, environment);
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
   * The Git repository's directory: the step's {@code repository} when absolute, else that path in
   * the workspace (the workspace itself when not given). The manifests are read on the controller,
   * so a workspace on an agent cannot be read; the message says what to do instead.
   */
  Path repository() throws AbortException {
    String given = settings.repository();
    if (given != null && Path.of(given).isAbsolute()) {
      return Path.of(given);
    }
    if (workspace == null) {
      throw new AbortException(settings.step() + " needs the Git repository that holds the manifests: pass"
          + " repository: '/path/on/the/controller' (a clone the Jenkins controller can read), or call the step"
          + " inside node { } on the controller after the checkout");
    }
    if (workspace.isRemote()) {
      throw new AbortException(settings.step() + " reads the Git repository on the Jenkins controller, but this"
          + " workspace (" + workspace.getRemote() + ") is on an agent; call the step outside node { } and pass"
          + " repository: '/path/on/the/controller', a clone the controller can read");
    }
    Path base = Path.of(workspace.getRemote());
    return given == null ? base : base.resolve(given);
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
