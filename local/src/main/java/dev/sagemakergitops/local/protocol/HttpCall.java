package dev.sagemakergitops.local.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as it arrived, with what the SigV4 {@code Authorization} header says about it.
 * Signatures are accepted without being checked: the control plane holds no secrets to check them
 * against, and every SDK and the AWS CLI sign their requests anyway.
 *
 * @param method {@code GET}, {@code POST}, ...
 * @param path the raw path, without the query
 * @param query the raw query string, or {@code ""}
 * @param headers header names in lower case
 * @param body the request body
 * @param signingService the service of the credential scope ({@code sagemaker}, {@code ecr},
 *     {@code monitoring}, {@code application-autoscaling}, {@code s3}), or {@code ""} when unsigned
 * @param region the region of the credential scope, or the control plane's default region
 */
public record HttpCall(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
    String signingService, String region) {

  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
