package dev.sagemakergitops.liveaws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Makes an answer independent of the account, the region and the run that produced it, so an answer
 * recorded on one account can be compared with the local control plane's: the run's name prefix
 * becomes {@code <run>}, the region {@code <region>} and any account id inside an ARN or an ECR
 * registry host {@code <account>}. Everything else (texts, digests, status names) is kept as AWS
 * wrote it.
 */
public final class Normalizer {
  private static final Pattern ARN_ACCOUNT = Pattern.compile("(arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:)\\d{12}:");
  private static final Pattern REGISTRY = Pattern.compile("\\b\\d{12}(\\.dkr\\.ecr\\.)");
  private static final Pattern REGISTRY_ID = Pattern.compile("(registry with id ')\\d{12}'");

  private final String runPrefix;
  private final String region;

  /**
   * @param runPrefix the prefix every name of this run starts with
   * @param region the region the run uses
   */
  public Normalizer(String runPrefix, String region) {
    this.runPrefix = runPrefix;
    this.region = region;
  }

  public String normalize(String text) {
    if (text == null) {
      return null;
    }
    String out = ARN_ACCOUNT.matcher(text).replaceAll("$1<account>:");
    out = REGISTRY.matcher(out).replaceAll("<account>$1");
    out = REGISTRY_ID.matcher(out).replaceAll("$1<account>'");
    out = out.replace(runPrefix, "<run>");
    // Regions appear inside ARNs and hosts; a bare word like "us-east-1" in a text is the region too.
    return out.replace(region, "<region>");
  }

  /** {@code value} with every text in it, at any depth of lists and maps, passed through {@code normalize}. */
  public static Object eachText(Object value, UnaryOperator<String> normalize) {
    if (value instanceof String text) {
      return normalize.apply(text);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> eachText(v, normalize)).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), eachText(v, normalize)));
      return out;
    }
    return value;
  }
}
