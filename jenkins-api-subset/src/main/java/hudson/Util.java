// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/Util.java at tag jenkins-2.479.3.
// Omitted: every member but escape(String). Its body does what upstream's does (HTML entities for < > & " ',
// <br> for a line break, &nbsp; for each space followed by another), because FormValidation's factories
// escape their message with it and the tests read the message a real check would answer.
package hudson;

public class Util {

  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 64);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> escaped.append("<br>");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#039;");
        // A run of spaces keeps its width but may still wrap at its last space.
        case ' ' -> escaped.append(i + 1 < text.length() && text.charAt(i + 1) == ' ' ? "&nbsp;" : " ");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
