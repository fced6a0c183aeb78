package dev.sagemakergitops.core.redaction;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything the tool writes down or shows: tags, model package metadata,
 * deployment records, results, plans and pull-request comments. The one place that knows what a
 * credential looks like; see the package documentation for where it is applied.
 */
public final class Redaction {
  /** What stands in for a secret value. */
  public static final String MASK = "****";

  // scheme://user-info@ : everything between "//" and the first "@" before a "/" or white space.
  private static final Pattern URL_USER_INFO = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s]*@");
  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|PASSWD|TOKEN|SECRET|KEY|CREDENTIAL).*");

  private Redaction() {}

  /**
   * {@code text} with the user-info part of every URL in it removed, so
   * {@code https://jenkins:apitoken@ci.example.com/job/1/} becomes
   * {@code https://ci.example.com/job/1/}; {@code null} stays {@code null}.
   */
  public static String withoutUrlCredentials(String text) {
    return text == null ? null : URL_USER_INFO.matcher(text).replaceAll("$1");
  }

  /**
   * Whether an environment variable named {@code name} looks like it holds a secret: its name
   * contains {@code PASSWORD}, {@code TOKEN}, {@code SECRET}, {@code KEY} or {@code CREDENTIAL}, in
   * any case ({@code DB_PASSWORD}, {@code apiKey}, {@code HF_TOKEN}).
   */
  public static boolean isSecretName(String name) {
    return name != null && SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches();
  }

  /**
   * {@code environment} as it may be shown: values of secret-looking names replaced by
   * {@link #MASK}, URLs in the others without credentials; order kept.
   */
  public static Map<String, String> maskedEnvironment(Map<String, String> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    environment.forEach((name, value) -> out.put(name, isSecretName(name) ? MASK : withoutUrlCredentials(value)));
    return out;
  }
}
