package dev.sagemakergitops.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The CodeCommit Git credentials this project makes, compared with those of the AWS CLI's own
 * {@code aws codecommit credential-helper get} for the same credentials, URL and time. The CLI is
 * run unchanged but for its clock, which the test fixes (its module's {@code get_current_datetime}).
 */
class CodeCommitGitSignerTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  @Test
  void sign_withLongTermKeys_matchesTheAwsCliCredentialHelper() throws Exception {
    AwsCredentials keys = AwsBasicCredentials.create("AKIDEXAMPLE", SECRET);

    GitCredentials.Password ours = CodeCommitGitSigner.sign(keys, "eu-west-1",
        "git-codecommit.eu-west-1.amazonaws.com", "/v1/repos/models", NOW);

    Map<String, String> helper = credentialHelper(keys, "git-codecommit.eu-west-1.amazonaws.com", "v1/repos/models");
    assertThat(ours.user()).isEqualTo(helper.get("username")).isEqualTo("AKIDEXAMPLE");
    assertThat(ours.password()).isEqualTo(helper.get("password")).startsWith("20260301T120000Z");
  }

  @Test
  void sign_withASessionToken_matchesTheHelperAndPutsTheTokenInTheUserName() throws Exception {
    AwsCredentials session = AwsSessionCredentials.create("ASIAEXAMPLE", SECRET, "FwoGZXIvYXdzEXAMPLE/token=");

    GitCredentials.Password ours = CodeCommitGitSigner.sign(session, "us-east-2",
        "git-codecommit.us-east-2.amazonaws.com", "/v1/repos/churn-models", NOW);

    Map<String, String> helper = credentialHelper(session, "git-codecommit.us-east-2.amazonaws.com",
        "v1/repos/churn-models");
    assertThat(ours.user()).isEqualTo(helper.get("username")).isEqualTo("ASIAEXAMPLE%FwoGZXIvYXdzEXAMPLE/token=");
    assertThat(ours.password()).isEqualTo(helper.get("password"));
    assertThat(ours.describe()).doesNotContain("FwoGZXIvYXdzEXAMPLE").doesNotContain(SECRET);
  }

  @Test
  void regionOf_readsTheRegionOfCodeCommitHostsOnly() {
    assertThat(CodeCommitGitSigner.regionOf("git-codecommit.eu-west-1.amazonaws.com")).contains("eu-west-1");
    assertThat(CodeCommitGitSigner.regionOf("git-codecommit-fips.us-gov-west-1.amazonaws.com")).contains("us-gov-west-1");
    assertThat(CodeCommitGitSigner.regionOf("github.com")).isEmpty();
    assertThat(CodeCommitGitSigner.regionOf("git-codecommit.eu-west-1.amazonaws.com.evil.example")).isEmpty();
  }

  /** Runs the AWS CLI's credential helper as git would, with its clock fixed at {@link #NOW}. */
  private static Map<String, String> credentialHelper(AwsCredentials credentials, String host, String path)
      throws IOException, InterruptedException {
    String script = String.join("\n",
        "import sys, datetime",
        "import awscli.customizations.codecommit as helper",
        "helper.get_current_datetime = lambda *args, **kwargs: datetime.datetime(2026, 3, 1, 12, 0, 0)",
        "from awscli.clidriver import main",
        "sys.argv = ['aws', 'codecommit', 'credential-helper', 'get']",
        "sys.exit(main())");
    ProcessBuilder builder = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    if (credentials instanceof AwsSessionCredentials session) {
      env.put("AWS_SESSION_TOKEN", session.sessionToken());
    }
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(("protocol=https\nhost=" + host + "\npath=" + path + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    Map<String, String> answer = new LinkedHashMap<>();
    output.lines().filter(line -> line.contains("=")).forEach(line ->
        answer.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    return answer;
  }
}
