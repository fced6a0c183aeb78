// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java at tag jenkins-2.479.3.
// Omitted: HttpResponse, generateResponse, the other constructors and Option's other members.
package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
  private static final long serialVersionUID = 1L;

  public ListBoxModel() {}

  public static final class Option {
    public String name;
    public String value;
    public boolean selected;

    public Option(String name, String value) {
      this.name = name;
      this.value = value;
    }
  }
}
