package dev.sagemakergitops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The settings every test JVM gets from the parent POM's {@code tests.jvmArgs}, checked in a module
 * whose tests start no local control plane (which would set the same switch for its own JVM).
 */
class TestJvmSettingsTest {

  /**
   * Without TCP_NODELAY the JDK's HTTP server holds each response body until the client's delayed
   * acknowledgement of the headers, about 40 ms per call; the JDK reads the switch once, when its
   * first server starts, so a stand-in started first (GitHubApiStandIn, GitHttpBackend) used to
   * decide it for every local control plane after it in the same JVM.
   */
  @Test
  void jdkHttpServer_inEveryTestJvm_hasNagleSwitchedOffBeforeAnyServerStarts() {
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
  }
}
