package dev.sagemakergitops.core.aws;

import dev.sagemakergitops.testkit.MotoServer;
import java.util.List;

/** AWS clients pointed at moto the way a user points them at any endpoint: through {@link AwsSettings}. */
public final class MotoAws {

  public static final String ACCOUNT = "123456789012";

  private MotoAws() {}

  /**
   * Clients in us-east-1 against {@code moto}; the credentials come from the environment, where
   * surefire sets {@code AWS_ACCESS_KEY_ID=testing}.
   */
  public static AwsClients clients(MotoServer moto, CallCounter counter) {
    return AwsClients.create(new AwsSettings("us-east-1", null, moto.endpoint(), null, null, null), List.of(counter));
  }

  /** A name no other test uses, since the moto server is shared by the whole run. */
  public static String unique(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36);
  }
}
