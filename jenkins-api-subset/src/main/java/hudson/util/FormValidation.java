// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java at tag jenkins-2.479.3.
// Omitted: HttpResponse, the HTML rendering, every factory but ok(), ok(String), warning(String) and error(String).
// The bodies here only keep the kind and message, so that unit tests can read what a check answered; like upstream's,
// error, warning and ok(String) keep the message HTML-escaped with Util.escape (the form shows it as markup).
package hudson.util;

import hudson.Util;
import java.io.IOException;

public abstract class FormValidation extends IOException {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    OK,
    WARNING,
    ERROR
  }

  public final Kind kind;

  private FormValidation(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public static FormValidation error(String message) {
    return new FormValidation(Kind.ERROR, Util.escape(message)) {
      private static final long serialVersionUID = 1L;
    };
  }

  public static FormValidation warning(String message) {
    return new FormValidation(Kind.WARNING, Util.escape(message)) {
      private static final long serialVersionUID = 1L;
    };
  }

  public static FormValidation ok(String message) {
    return new FormValidation(Kind.OK, Util.escape(message)) {
      private static final long serialVersionUID = 1L;
    };
  }

  public static FormValidation ok() {
    return ok(null);
  }
}
