package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Jenkins' AWS credentials as a step uses them: resolved once, not on every AWS call, and again
 * before they expire. The AWS Credentials plugin cannot run here; its credentials are played by
 * {@link RoleCredentials}, which, like the plugin's with a role, assumes the role anew on every
 * resolve. It is only the SDK's {@link AwsCredentialsProvider}, the one face of the plugin's
 * credentials the cache uses, so that it is the same class against the real plugin's interfaces.
 */
@IntegrationPhase
class CachedCredentialsTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-02T09:00:00Z"));
  private final LocalControlPlane local = LocalControlPlane.builder().standardServices().start();

  @AfterEach
  void stop() {
    local.close();
  }

  @Test
  void jenkinsCredentials_manyAwsCalls_resolveTheCredentialsOnce() {
    RoleCredentials credentials = new RoleCredentials(null);
    JenkinsCredentials.Opened opened = JenkinsCredentials.access("aws-prod", credentials,
        new AwsSettings(LocalSetup.REGION, null, local.endpoint(), null, null, null), Map.of(), clock);

    try (AwsClients clients = opened.access().clients(List.of())) {
      for (int i = 0; i < 5; i++) {
        clients.sageMaker().listTrainingJobs(r -> {});
        clients.sageMaker().listEndpoints(r -> {});
      }
    } finally {
      opened.credentials().close();
    }

    assertThat(credentials.resolved).hasValue(1);
    assertThat(opened.access().source()).isEqualTo("Jenkins credentials 'aws-prod'");
  }

  @Test
  void resolveCredentials_afterTheRefreshTime_resolvesThemAgain() {
    RoleCredentials credentials = new RoleCredentials(null);
    try (CachedCredentials cached = new CachedCredentials(credentials, "Jenkins credentials 'aws-prod'", clock)) {
      AwsCredentials first = cached.resolveCredentials();
      clock.advance(CachedCredentials.REFRESH.minusSeconds(1));
      assertThat(cached.resolveCredentials()).isSameAs(first);

      clock.advance(Duration.ofSeconds(2));

      assertThat(cached.resolveCredentials()).isNotSameAs(first);
      assertThat(credentials.resolved).hasValue(2);
    }
  }

  @Test
  void resolveCredentials_thatExpire_areResolvedAgainBeforeTheyDo() {
    RoleCredentials credentials = new RoleCredentials(Duration.ofMinutes(5));
    try (CachedCredentials cached = new CachedCredentials(credentials, "Jenkins credentials 'aws-prod'", clock)) {
      AwsCredentials first = cached.resolveCredentials();
      clock.advance(Duration.ofMinutes(3));
      assertThat(cached.resolveCredentials()).isSameAs(first);

      clock.advance(Duration.ofSeconds(90));

      AwsCredentials second = cached.resolveCredentials();
      assertThat(second).isNotSameAs(first);
      assertThat(second.expirationTime()).hasValueSatisfying(at -> assertThat(at).isAfter(clock.instant()));
    }
  }

  @Test
  void resolveCredentials_withNeitherKeysNorRole_failsSayingWhatToFix() {
    AwsCredentialsProvider empty = new RoleCredentials(null) {
      @Override
      public AwsCredentials resolveCredentials() {
        return null;
      }
    };
    try (CachedCredentials cached = new CachedCredentials(empty, "Jenkins credentials 'aws-prod'", clock)) {
      assertThatThrownBy(cached::resolveCredentials).isInstanceOf(IllegalStateException.class)
          .hasMessage("Jenkins credentials 'aws-prod' have neither an access key nor an IAM role to assume; give them"
              + " an access key and secret key (or a role) in Manage Jenkins > Credentials");
    }
  }

  /**
   * AWS Credentials with a role, as the plugin resolves them: new session credentials on every
   * call (each an AssumeRole), with an expiration time when {@code lifetime} is given.
   */
  private class RoleCredentials implements AwsCredentialsProvider {
    final AtomicInteger resolved = new AtomicInteger();
    private final Duration lifetime;

    RoleCredentials(Duration lifetime) {
      this.lifetime = lifetime;
    }

    @Override
    public AwsCredentials resolveCredentials() {
      int n = resolved.incrementAndGet();
      AwsSessionCredentials.Builder session = AwsSessionCredentials.builder().accessKeyId("ASIAROLESESSION000" + n)
          .secretAccessKey("roleSessionSecret" + n).sessionToken("roleSessionToken" + n);
      if (lifetime != null) {
        session.expirationTime(clock.instant().plus(lifetime));
      }
      return session.build();
    }
  }
}
