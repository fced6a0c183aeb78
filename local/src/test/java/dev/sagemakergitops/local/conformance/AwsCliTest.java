package dev.sagemakergitops.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.IntegrationPhase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The test support that runs the AWS CLI: a call in the kept interpreter answers what an {@code
 * aws} process of its own answers (exit status, standard output, standard error), and nothing of
 * one call (its environment) is seen by the next.
 */
@IntegrationPhase
class AwsCliTest extends ControlPlaneCliTest {

  private static void assertSameAsProcess(AwsCli cli, String... arguments) {
    AwsCli.Result kept = cli.run(arguments);
    AwsCli.Result process = cli.runProcess(arguments);
    assertThat(kept.exit()).as("exit of %s", List.of(arguments)).isEqualTo(process.exit());
    assertThat(kept.out()).as("stdout of %s", List.of(arguments)).isEqualTo(process.out());
    assertThat(kept.err()).as("stderr of %s", List.of(arguments)).isEqualTo(process.err());
  }

  @Test
  void run_whenAwsIsAPythonScript_answersWhatAnAwsProcessAnswers() {
    // Where the aws on the PATH is not a Python script (a pyenv shim) both sides start a process.
    aws.json("sagemaker", "create-model-package-group", "--model-package-group-name", "churn");

    // An answer, an AWS error (exit 254), a refused argument (exit 252) and the CLI's own usage error.
    assertSameAsProcess(aws, "sagemaker", "describe-model-package-group", "--model-package-group-name", "churn");
    assertSameAsProcess(aws, "sagemaker", "describe-endpoint", "--endpoint-name", "missing");
    assertSameAsProcess(aws, "sagemaker", "describe-endpoint", "--endpoint-name", "churn", "--no-such-option");
    assertSameAsProcess(aws, "sagemaker", "no-such-command");
  }

  @Test
  void run_whenAnEarlierCallHadMoreEnvironment_doesNotSeeIt() {
    AwsCli missingProfile = aws.withEnvironment("AWS_PROFILE", "no-such-profile");

    AwsCli.Result refused = missingProfile.run("sagemaker", "list-endpoints");
    AwsCli.Result after = aws.run("sagemaker", "list-endpoints");

    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("no-such-profile");
    assertThat(after.exit()).as(after.err()).isZero();
    assertThat(after.json().path("Endpoints").isArray()).isTrue();
  }

  @Test
  void launcher_whenAwsIsAShellScript_isEmptySoEachCallStartsAProcess() throws Exception {
    Path shim = executable("shim", "#!/usr/bin/env bash\nexec pyenv exec aws \"$@\"\n");
    Path pip = executable("pip", "#!/opt/python/bin/python3.11 -s\nimport awscli.clidriver\n");

    Optional<List<String>> fromShim = AwsCliInterpreter.launcher(shim.getParent().toString());
    Optional<List<String>> fromPip = AwsCliInterpreter.launcher("" + File.pathSeparator + pip.getParent());

    assertThat(fromShim).isEmpty();
    assertThat(fromPip).get().satisfies(command -> {
      assertThat(command.subList(0, 3)).containsExactly("/opt/python/bin/python3.11", "-s", "-c");
      assertThat(command.get(3)).contains("runpy.run_path(script, run_name=\"__main__\")");
      assertThat(command.get(4)).isEqualTo(pip.toString());
    });
  }

  private Path executable(String folder, String text) throws Exception {
    Path path = Files.createDirectories(work.resolve(folder)).resolve("aws");
    Files.writeString(path, text);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }
}
