package dev.sagemakergitops.core.report;

import org.apache.commons.text.StringEscapeUtils;

/**
 * A small writer of HTML and inline SVG into one buffer. Every text and attribute value from a
 * record goes through {@link #text} or {@link #attr}, which escape it as XML 1.0 (commons-text's
 * {@code escapeXml10}: {@code & < > " '} and the characters XML forbids), so neither a manifest's
 * path nor a commit message nor SageMaker's reason can open a tag or leave an attribute, in the
 * HTML and in the SVG alike. Markup itself is only ever written from constants of this package.
 */
final class Html {
  private final StringBuilder out = new StringBuilder(16_384);

  /** Markup from this package's own constants: never a value read from a record. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** {@code value} as escaped text. */
  Html text(String value) {
    out.append(escape(value));
    return this;
  }

  /** {@code name="value"}, with a leading space and the value escaped. */
  Html attr(String name, String value) {
    out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
    return this;
  }

  /** {@code name="number"} with at most one decimal, for SVG coordinates. */
  Html attr(String name, double number) {
    out.append(' ').append(name).append("=\"").append(coordinate(number)).append('"');
    return this;
  }

  /** {@code <tag class="cls">text</tag>}. */
  Html element(String tag, String cls, String text) {
    out.append('<').append(tag);
    if (cls != null) {
      attr("class", cls);
    }
    out.append('>').append(escape(text)).append("</").append(tag).append('>');
    return this;
  }

  static String escape(String value) {
    return value == null ? "" : StringEscapeUtils.escapeXml10(value);
  }

  static String coordinate(double number) {
    long tenths = Math.round(number * 10);
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : Double.toString(tenths / 10.0);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
