package dev.sagemakergitops.local.conformance;

import dev.sagemakergitops.local.LocalControlPlane;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the AWS CLI conformance tests share: before each test a fresh control plane with
 * every standard service (on its default clock), Java SDK clients of it and the AWS CLI pointed at
 * it with a work folder of its own; closed after the test.
 */
abstract class ControlPlaneCliTest {
  @TempDir
  Path work;

  LocalControlPlane plane;
  SdkClients sdk;
  AwsCli aws;

  @BeforeEach
  final void startControlPlane() {
    plane = LocalControlPlane.builder().standardServices().start();
    sdk = new SdkClients(plane);
    aws = AwsCli.against(plane.endpoint(), work);
  }

  @AfterEach
  final void stopControlPlane() {
    sdk.close();
    plane.close();
  }
}
