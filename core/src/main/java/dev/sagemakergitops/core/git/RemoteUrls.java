package dev.sagemakergitops.core.git;

import java.util.regex.Pattern;

/** Remote URLs as they may be shown and recorded. */
final class RemoteUrls {
  // scheme://user:password@host/... : CI systems put tokens there (https://x-access-token:...@github.com).
  // Up to the LAST '@' before the path: a password with an unencoded '@' must not leave its tail behind.
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/]*@");

  private RemoteUrls() {}

  /**
   * {@code url} without the user-info part of a URL. The scp-like form {@code git@host:path} keeps
   * its user, which is a fixed account name, never a secret.
   */
  static String withoutCredentials(String url) {
    return USER_INFO.matcher(url.trim()).replaceFirst("$1");
  }
}
