package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

@IntegrationPhase
@ResourceLock(MotoServerExtension.RESOURCE)
class AwsAccessTest {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private static final String BUILD_KEY = "AKIABUILDENVEXAMPLE1";
  private static final String BUILD_SECRET = "buildEnvSecret/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String NAMED_KEY = "AKIANAMEDCREDENTIAL1";
  private static final String NAMED_SECRET = "namedSecret/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private final SigningKeys signing = new SigningKeys();

  @Test
  void fromEnvironment_withKeysAndToken_signsWithThemAndNamesOnlyTheVariables() {
    AwsAccess access = AwsAccess.fromEnvironment(endpointOnly(), Map.of("AWS_ACCESS_KEY_ID", BUILD_KEY,
        "AWS_SECRET_ACCESS_KEY", BUILD_SECRET, "AWS_SESSION_TOKEN", "build-token", "AWS_REGION", "eu-west-1"));

    try (AwsClients clients = access.clients(List.of(signing))) {
      clients.sts().getCallerIdentity();

      assertThat(clients.defaultRegion()).isEqualTo(Region.EU_WEST_1);
    }
    assertThat(signing.keys).containsExactly(BUILD_KEY);
    assertThat(signing.tokens).containsExactly("build-token");
    assertThat(access.source()).isEqualTo("the build's AWS_ACCESS_KEY_ID and AWS_SESSION_TOKEN");
    assertThat(access.toString()).doesNotContain(BUILD_SECRET).doesNotContain(BUILD_KEY).doesNotContain("build-token");
  }

  @Test
  void fromEnvironment_withARoleToAssume_assumesItWithTheBuildsKeys() {
    AwsSettings requested = endpointOnly().withRole("arn:aws:iam::123456789012:role/deployer", null);
    AwsAccess access = AwsAccess.fromEnvironment(requested, Map.of("AWS_ACCESS_KEY_ID", BUILD_KEY,
        "AWS_SECRET_ACCESS_KEY", BUILD_SECRET, "AWS_DEFAULT_REGION", "us-east-1"));

    try (AwsClients clients = access.clients(List.of(signing))) {
      String caller = clients.sts().getCallerIdentity().arn();

      assertThat(caller).startsWith("arn:aws:sts::123456789012:assumed-role/deployer/");
    }
    // The first call, AssumeRole, is signed with the build's key; the next with the role's session.
    assertThat(signing.keys).hasSize(2).first().isEqualTo(BUILD_KEY);
    assertThat(signing.keys.get(1)).isNotEqualTo(BUILD_KEY);
    assertThat(access.source()).isEqualTo("the build's AWS_ACCESS_KEY_ID, assuming arn:aws:iam::123456789012:role/deployer");
  }

  @Test
  void withCredentials_whenTheBuildAlsoHasKeys_signsWithTheNamedOnes() {
    AwsAccess access = AwsAccess.withCredentials(endpointOnly().withRegion("us-east-1"),
        Map.of("AWS_ACCESS_KEY_ID", BUILD_KEY, "AWS_SECRET_ACCESS_KEY", BUILD_SECRET),
        "Jenkins credentials 'aws-prod'",
        StaticCredentialsProvider.create(AwsBasicCredentials.create(NAMED_KEY, NAMED_SECRET)));

    try (AwsClients clients = access.clients(List.of(signing))) {
      clients.sts().getCallerIdentity();
    }

    assertThat(signing.keys).containsExactly(NAMED_KEY);
    assertThat(access.source()).isEqualTo("Jenkins credentials 'aws-prod'");
    assertThat(access.toString()).doesNotContain(NAMED_SECRET).doesNotContain(NAMED_KEY);
  }

  @Test
  void fromEnvironment_withHalfAKeyPair_namesTheMissingVariableButNoValue() {
    assertThatThrownBy(() -> AwsAccess.fromEnvironment(AwsSettings.defaults(), Map.of("AWS_ACCESS_KEY_ID", BUILD_KEY)))
        .isInstanceOf(AwsConfigurationException.class)
        .hasMessageStartingWith("the build's environment has AWS_ACCESS_KEY_ID but no AWS_SECRET_ACCESS_KEY")
        .message().doesNotContain(BUILD_KEY);
    assertThatThrownBy(() -> AwsAccess.fromEnvironment(AwsSettings.defaults(), Map.of("AWS_SECRET_ACCESS_KEY", BUILD_SECRET)))
        .hasMessageStartingWith("the build's environment has AWS_SECRET_ACCESS_KEY but no AWS_ACCESS_KEY_ID")
        .message().doesNotContain(BUILD_SECRET);
  }

  @Test
  void fromEnvironment_withoutKeys_takesTheProfileOrTheMachinesChain() {
    AwsAccess profile = AwsAccess.fromEnvironment(AwsSettings.defaults(), Map.of("AWS_DEFAULT_PROFILE", "ci"));
    AwsAccess chain = AwsAccess.fromEnvironment(AwsSettings.defaults(), Map.of("PATH", "/usr/bin"));

    assertThat(profile.settings().profile()).isEqualTo("ci");
    assertThat(profile.source()).isEqualTo("profile 'ci'");
    assertThat(chain.settings()).isEqualTo(AwsSettings.defaults());
    assertThat(chain.source()).isEqualTo("the machine's default credential chain");
  }

  @Test
  void fromEnvironment_regionAndEndpoint_comeFromTheBuildUnlessRequested() {
    Map<String, String> build = Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "eu-central-1",
        "AWS_ENDPOINT_URL", "http://127.0.0.1:4566");

    AwsAccess fromBuild = AwsAccess.fromEnvironment(AwsSettings.defaults(), build);
    AwsAccess requested = AwsAccess.fromEnvironment(
        new AwsSettings("us-west-2", null, URI.create("http://127.0.0.1:5000"), null, null, null), build);

    assertThat(fromBuild.settings().region()).isEqualTo("eu-west-1");
    assertThat(fromBuild.settings().endpointUrl()).isEqualTo(URI.create("http://127.0.0.1:4566"));
    assertThat(requested.settings().region()).isEqualTo("us-west-2");
    assertThat(requested.settings().endpointUrl()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThatThrownBy(() -> AwsAccess.fromEnvironment(AwsSettings.defaults(), Map.of("AWS_ENDPOINT_URL", "localhost")))
        .isInstanceOf(AwsConfigurationException.class)
        .hasMessageStartingWith("the build's AWS_ENDPOINT_URL is not a URL such as http://127.0.0.1:4566");
  }

  private static AwsSettings endpointOnly() {
    return new AwsSettings(null, null, MOTO.endpoint(), null, null, null);
  }

  /** The access key id (and session token) each request was signed with, read off the wire. */
  private static final class SigningKeys implements ExecutionInterceptor {
    final List<String> keys = new CopyOnWriteArrayList<>();
    final List<String> tokens = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String authorization = context.httpRequest().firstMatchingHeader("Authorization").orElse("");
      int at = authorization.indexOf("Credential=");
      keys.add(authorization.substring(at + "Credential=".length(), authorization.indexOf('/', at)));
      context.httpRequest().firstMatchingHeader("X-Amz-Security-Token").ifPresent(tokens::add);
    }
  }
}
