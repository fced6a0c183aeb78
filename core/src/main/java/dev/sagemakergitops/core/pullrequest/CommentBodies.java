package dev.sagemakergitops.core.pullrequest;

/**
 * Keeps a comment or description within a host's size limit. A plan of many models can be longer
 * than a host accepts; a cut comment that still carries its marker is better than none, because the
 * next run can still find and edit it.
 */
final class CommentBodies {
  static final String CUT_NOTE = "\n\n_(cut to fit the host's size limit; the build log has the whole plan)_\n";

  private CommentBodies() {}

  /** {@code body}, or its first characters plus a note, in at most {@code limit} characters. */
  static String fit(String body, int limit) {
    if (body.length() <= limit) {
      return body;
    }
    return body.substring(0, limit - CUT_NOTE.length()) + CUT_NOTE;
  }

  /** Whether {@code body} is a comment this tool wrote under {@code marker}: the marker is its first line. */
  static boolean carries(String body, String marker) {
    return body != null && (body.equals(marker) || body.startsWith(marker + "\n") || body.startsWith(marker + "\r\n"));
  }
}
