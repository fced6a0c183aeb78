package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import hudson.PluginManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/**
 * The plugin in a controller of its own (another JVM, {@code java -jar jenkins.war}) with Jenkins'
 * real plugin class loaders, which JenkinsRule's one flat class path cannot show: the plugin sees
 * Jackson and SnakeYAML of the jackson2-api and snakeyaml-api plugins (nothing of its own shadowed
 * or clashing), JGit of its own, and a step runs end to end. Runs with {@code mvn -Pjenkins verify}.
 */
class ClassLoadingTest {
  @RegisterExtension final RealJenkinsExtension controller = new RealJenkinsExtension();

  @Test
  void plugin_inARealController_loadsLibrariesFromTheLibraryPluginsAndRunsAStep() throws Throwable {
    Path repository = Files.createTempDirectory("sagemaker-gitops-class-loading");
    try (GitRepositoryBuilder git = GitRepositoryBuilder.init(repository)) {
      git.file(PluginFixture.MANIFEST, PluginFixture.FULL_MANIFEST).commit("Churn in production");
    }
    String directory = repository.toString();

    controller.then(r -> {
      inTheController(r, directory);
    });
  }

  private static void inTheController(JenkinsRule r, String repository) throws Exception {
    PluginManager plugins = r.jenkins.getPluginManager();
    ClassLoader ours = plugins.getPlugin("sagemaker-gitops").classLoader;
    assertThat(ours.loadClass("com.fasterxml.jackson.databind.ObjectMapper").getClassLoader())
        .isSameAs(plugins.getPlugin("jackson2-api").classLoader);
    assertThat(ours.loadClass("org.yaml.snakeyaml.Yaml").getClassLoader())
        .isSameAs(plugins.getPlugin("snakeyaml-api").classLoader);
    assertThat(ours.loadClass("software.amazon.awssdk.core.SdkClient").getClassLoader())
        .isSameAs(plugins.getPlugin("aws-java-sdk2-core").classLoader);
    assertThat(ours.loadClass("org.eclipse.jgit.lib.Repository").getClassLoader()).isSameAs(ours);

    SageMakerGitOpsConfiguration.get().setAllowControllerRepositories(true);
    WorkflowJob job = r.createProject(WorkflowJob.class, "validate");
    job.setDefinition(new CpsFlowDefinition("""
        def report = sagemakerValidate(offline: true, repository: '%s', region: 'us-east-1')
        echo "valid=${report.valid} manifests=${report.manifestPaths}"
        """.formatted(repository), true));
    WorkflowRun run = r.buildAndAssertSuccess(job);
    r.assertLogContains("valid=true manifests=[" + PluginFixture.MANIFEST + "]", run);
  }
}
