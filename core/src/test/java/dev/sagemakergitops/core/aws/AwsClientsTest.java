package dev.sagemakergitops.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MotoServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

// Alone in its JVM while it runs: it sets the SDK's system properties (endpoint, config and credential files),
// which every client built at the same time in another class would read.
@IntegrationPhase
@Isolated
class AwsClientsTest {

  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  @Test
  void ecr_whenEndpointAndRegionGiven_callsThatEndpointInThatRegion() {
    try (AwsClients clients = AwsClients.create(
        new AwsSettings("us-west-2", null, MOTO.endpoint(), null, null, null))) {
      String repository = MotoAws.unique("west");

      String arn = clients.ecr().createRepository(r -> r.repositoryName(repository)).repository().repositoryArn();

      assertThat(clients.defaultRegion()).isEqualTo(Region.US_WEST_2);
      assertThat(clients.ecr().serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
      assertThat(clients.ecr().serviceClientConfiguration().endpointOverride()).contains(MOTO.endpoint());
      assertThat(arn).isEqualTo("arn:aws:ecr:us-west-2:123456789012:repository/" + repository);
    }
  }

  @Test
  void ecr_whenAskedAgain_returnsTheCachedClientOfThatRegion() {
    try (AwsClients clients = MotoAws.clients(MOTO.server(), new CallCounter())) {
      EcrClient east = clients.ecr();

      assertThat(clients.ecr("us-east-1")).isSameAs(east);
      assertThat(clients.ecr(Region.US_WEST_2)).isNotSameAs(east).isSameAs(clients.ecr("us-west-2"));
      assertThat(clients.ecr("us-west-2").serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
    }
  }

  @Test
  void defaultRegion_whenNotGiven_followsTheRegionChain() {
    // surefire sets AWS_REGION=us-east-1, the variable every AWS tool reads.
    try (AwsClients clients = AwsClients.create(AwsSettings.defaults().withEndpointUrl(MOTO.endpoint()))) {
      assertThat(clients.defaultRegion()).isEqualTo(Region.US_EAST_1);
      assertThat(clients.sts().getCallerIdentity().account()).isEqualTo(MotoAws.ACCOUNT);
    }
  }

  @Test
  void sts_whenRoleArnGiven_callsAsTheAssumedRole() {
    CallCounter counter = new CallCounter();
    AwsSettings settings = new AwsSettings("us-east-1", null, MOTO.endpoint(),
        "arn:aws:iam::123456789012:role/deployer", "ci-run-42", "tenant-7");
    try (AwsClients clients = AwsClients.create(settings, List.of(counter))) {

      String caller = clients.sts().getCallerIdentity().arn();

      assertThat(caller).isEqualTo("arn:aws:sts::123456789012:assumed-role/deployer/ci-run-42");
      assertThat(counter.calls()).containsExactly("Sts.AssumeRole", "Sts.GetCallerIdentity");
    }
  }

  @Test
  void ecr_whenEndpointComesFromTheAwsEndpointUrlConvention_usesIt() {
    // The SDK reads the system properties aws.endpointUrl / aws.endpointUrl<Service> in the same code path
    // as AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>, before them; a test can set properties, not variables.
    String repository = MotoAws.unique("conv");
    try (AwsClients direct = MotoAws.clients(MOTO.server(), new CallCounter())) {
      direct.ecr().createRepository(r -> r.repositoryName(repository));
    }
    Map<String, String> saved = saveProperties("aws.endpointUrl", "aws.endpointUrlEcr");
    try {
      System.setProperty("aws.endpointUrl", "http://127.0.0.1:9");
      System.setProperty("aws.endpointUrlEcr", MOTO.endpoint().toString());
      try (AwsClients clients = AwsClients.create(AwsSettings.defaults())) {

        var repositories = clients.ecr().describeRepositories(r -> r.repositoryNames(repository)).repositories();

        assertThat(repositories).singleElement().satisfies(found -> assertThat(found.repositoryName()).isEqualTo(repository));
      }
    } finally {
      restoreProperties(saved);
    }
  }

  @Test
  void create_whenProfileGiven_takesItsCredentialsAndRetryModeButAwsRegionStillWins(@TempDir Path home)
      throws IOException {
    Path config = Files.writeString(home.resolve("config"),
        "[profile ci]\nregion = eu-central-1\nretry_mode = adaptive\n");
    Path credentials = Files.writeString(home.resolve("credentials"),
        "[ci]\naws_access_key_id = AKIDPROFILECI\naws_secret_access_key = profile-secret\n");
    Map<String, String> saved = saveProperties("aws.configFile", "aws.sharedCredentialsFile");
    System.setProperty("aws.configFile", config.toString());
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    SigningKeyRecorder signing = new SigningKeyRecorder();
    try (AwsClients clients = AwsClients.create(
        new AwsSettings(null, "ci", MOTO.endpoint(), null, null, null), List.of(signing))) {

      clients.sts().getCallerIdentity();

      // As with the AWS CLI, AWS_REGION (set to us-east-1 by surefire) beats the profile's region.
      assertThat(clients.defaultRegion()).isEqualTo(Region.US_EAST_1);
      // The SDK reads "adaptive" as its current adaptive strategy.
      assertThat(clients.retryMode()).isEqualTo(RetryMode.ADAPTIVE_V2);
      assertThat(signing.credentialScopes).singleElement().asString().startsWith("AKIDPROFILECI/").contains("/us-east-1/sts/");
      assertThat(clients.toString()).doesNotContain("profile-secret").doesNotContain("AKIDPROFILECI");
    } finally {
      restoreProperties(saved);
    }
  }

  @Test
  void retryMode_whenNothingConfigured_isStandard() {
    try (AwsClients clients = AwsClients.create(AwsSettings.defaults())) {
      assertThat(clients.retryMode()).isEqualTo(RetryMode.STANDARD);
    }
  }

  @Test
  void ecr_whenClosed_refusesToBuildClients() {
    AwsClients clients = MotoAws.clients(MOTO.server(), new CallCounter());
    clients.ecr();

    clients.close();
    clients.close();

    assertThatThrownBy(clients::ecr).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void create_whenNothingIsCalled_resolvesNothing() {
    // No region, no credentials, no client: a run that never calls AWS must not need them.
    try (AwsClients clients = AwsClients.create(new AwsSettings(null, "no-such-profile", null, null, null, null))) {
      assertThat(clients.toString()).contains("clients=[]");
    }
  }

  private static Map<String, String> saveProperties(String... names) {
    Map<String, String> saved = new HashMap<>();
    for (String name : names) {
      saved.put(name, System.getProperty(name));
    }
    return saved;
  }

  private static void restoreProperties(Map<String, String> saved) {
    saved.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }

  /** Records the credential scope (access key id, date, region, service) of each signed request. */
  private static final class SigningKeyRecorder implements ExecutionInterceptor {
    final List<String> credentialScopes = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      context.httpRequest().firstMatchingHeader("Authorization").ifPresent(header -> {
        int start = header.indexOf("Credential=") + "Credential=".length();
        credentialScopes.add(header.substring(start, header.indexOf(',', start)));
      });
    }
  }
}
