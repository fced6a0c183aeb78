package dev.sagemakergitops.local.protocol;

/**
 * ARN conventions. The partition is the region's: {@code aws-cn} for the China regions,
 * {@code aws-us-gov} for GovCloud, {@code aws} elsewhere (AWS General Reference, "Amazon Resource
 * Names": {@code arn:partition:service:region:account-id:resource}).
 */
public final class Arns {
  private Arns() {}

  public static String partition(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }
}
