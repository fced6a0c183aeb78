package dev.sagemakergitops.core.manifest;

import dev.sagemakergitops.core.manifest.ModelSpec.Network;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Binds {@code spec.model.network}: the VPC the hosted model reaches ({@code CreateModel.VpcConfig})
 * and whether its containers are isolated ({@code EnableNetworkIsolation}). Limits from botocore:
 * {@code Subnets} 1 to 16 and {@code VpcSecurityGroupIds} 1 to 5 items of at most 32 characters
 * ({@code [-0-9a-zA-Z]+}); the ids are EC2's, {@code subnet-} and {@code sg-} followed by hex
 * ("The VPC security group IDs, in the form sg-xxxxxxxx", botocore {@code VpcConfig}).
 */
final class NetworkBinder {
  private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
  private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");

  private NetworkBinder() {}

  /** The network settings, or {@code null} when absent or wrong. */
  static Network bind(YamlMapping node) {
    if (node == null) {
      return null;
    }
    boolean vpc = node.has("subnets") || node.has("securityGroups");
    List<String> subnets = vpc ? node.texts("subnets", true, 1, 16, SUBNET, 32, "subnet ids such as subnet-0abc1234")
        : List.of();
    List<String> groups = vpc ? node.texts("securityGroups", true, 1, 5, SECURITY_GROUP, 32,
        "security group ids such as sg-0abc1234") : List.of();
    Boolean isolation = node.bool("isolation");
    if (subnets == null || groups == null || (node.has("isolation") && isolation == null)) {
      return null;
    }
    if (!vpc && isolation == null) {
      node.problem("subnets", "expected subnets and securityGroups, or isolation: an empty network section says "
          + "nothing; remove it");
      return null;
    }
    return new Network(subnets, groups, isolation != null && isolation);
  }
}
