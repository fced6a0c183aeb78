package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.EndpointInvocations;
import dev.sagemakergitops.core.manifest.SmokeTestSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what a smoke-test request got back with what the manifest expects: the status, the
 * content type (without parameters such as {@code charset}), every number in the answer within
 * {@code values}, the {@code matches} expression found in the answer, and the latency under its
 * ceiling. Each difference is one sentence saying what was expected and what came back; an answer
 * is quoted only up to {@link #QUOTE_MAX} characters (it may hold what a model says of a person).
 */
final class SmokeTestCheck {
  /** The most of an answer a message quotes. */
  static final int QUOTE_MAX = 120;
  /** A number as JSON and CSV write them. */
  private static final Pattern NUMBER = Pattern.compile("-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

  private SmokeTestCheck() {}

  static List<String> problems(SmokeTestSpec.Expect expect, EndpointInvocations.Answer answer, long latencyMs,
      String variant) {
    List<String> problems = new ArrayList<>();
    String body = answer.body() == null ? "" : answer.body();
    if (answer.status() != expect.status()) {
      problems.add("expected status " + expect.status() + ", got " + answer.status()
          + (answer.refusedBySageMaker() ? " from SageMaker (" + answer.errorCode() + ", the model never saw the "
              + "request)" : answer.errorCode() != null ? " from the model (" + answer.errorCode() + ")" : "")
          + ": " + quote(body));
      // The answer is an error message; its values and content mean nothing.
      return problems;
    }
    if (answer.invokedVariant() != null && !answer.invokedVariant().equals(variant)) {
      problems.add("expected an answer from variant " + variant + " (TargetVariant), got one from "
          + answer.invokedVariant());
    }
    if (expect.contentType() != null && !mediaType(expect.contentType()).equals(mediaType(answer.contentType()))) {
      problems.add("expected content type " + expect.contentType() + ", got " + answer.contentType());
    }
    if (expect.min() != null || expect.max() != null) {
      List<Double> values = numbers(body);
      if (values.isEmpty()) {
        problems.add("expected numbers " + range(expect) + ", got no number: " + quote(body));
      }
      for (double value : values) {
        if ((expect.min() != null && value < expect.min()) || (expect.max() != null && value > expect.max())) {
          problems.add("expected every number " + range(expect) + ", got " + format(value) + ": " + quote(body));
          break;
        }
      }
    }
    if (expect.matches() != null && !Pattern.compile(expect.matches()).matcher(body).find()) {
      problems.add("expected the answer to contain a match of /" + expect.matches() + "/, got " + quote(body));
    }
    if (expect.maxLatencyMs() != null && latencyMs > expect.maxLatencyMs()) {
      problems.add("expected an answer within " + expect.maxLatencyMs() + " ms, it took " + latencyMs + " ms");
    }
    return problems;
  }

  private static List<Double> numbers(String body) {
    List<Double> values = new ArrayList<>();
    Matcher match = NUMBER.matcher(body);
    while (match.find()) {
      values.add(Double.parseDouble(match.group()));
    }
    return values;
  }

  private static String range(SmokeTestSpec.Expect expect) {
    if (expect.min() != null && expect.max() != null) {
      return "from " + format(expect.min()) + " to " + format(expect.max());
    }
    return expect.min() != null ? "at least " + format(expect.min()) : "at most " + format(expect.max());
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /** The answer in quotes, cut at {@link #QUOTE_MAX} characters, on one line. */
  static String quote(String body) {
    String line = body.strip().replace("\r", "").replace("\n", "\\n");
    return "'" + (line.length() > QUOTE_MAX ? line.substring(0, QUOTE_MAX) + "...' (" + body.length()
        + " characters)" : line + "'");
  }
}
