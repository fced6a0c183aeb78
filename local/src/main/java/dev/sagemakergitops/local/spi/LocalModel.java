package dev.sagemakergitops.local.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model every local endpoint and transform job serves: a logistic regression whose weights are
 * a deterministic function of the model artifact's bytes, so predictions are real numbers that tests
 * can compute and check, and two artifacts give two different models.
 *
 * <p>For a CSV record {@code x1,x2,...,xn} (numbers; anything else counts as 0) the prediction is
 * {@code 1 / (1 + exp(-(b + w1*x1 + ... + wn*xn)))}, printed with 6 decimals. The weights
 * {@code w_i} and bias {@code b} come from the SHA-256 of the artifact: byte {@code i mod 32} of the
 * digest, mapped to [-1, 1) as {@code (byte - 128) / 128}; {@code b} uses byte 31. An artifact that
 * is missing hashes as the empty array.
 */
public final class LocalModel {
  private final byte[] digest;

  private LocalModel(byte[] digest) {
    this.digest = digest;
  }

  public static LocalModel fromArtifact(byte[] artifact) {
    try {
      return new LocalModel(MessageDigest.getInstance("SHA-256").digest(artifact == null ? new byte[0] : artifact));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The weight of feature {@code index} (0-based). */
  public double weight(int index) {
    return ((digest[index % 32] & 0xff) - 128) / 128.0;
  }

  public double bias() {
    return ((digest[31] & 0xff) - 128) / 128.0;
  }

  /** The score of one record's features. */
  public double predict(List<Double> features) {
    double sum = bias();
    for (int i = 0; i < features.size(); i++) {
      sum += weight(i) * features.get(i);
    }
    return 1.0 / (1.0 + Math.exp(-sum));
  }

  /** Scores one CSV line: the prediction as text with 6 decimals. */
  public String predictCsvLine(String line) {
    List<Double> features = new ArrayList<>();
    for (String field : line.split(",", -1)) {
      try {
        features.add(Double.parseDouble(field.trim()));
      } catch (NumberFormatException e) {
        features.add(0.0);
      }
    }
    return String.format(Locale.ROOT, "%.6f", predict(features));
  }

  /** Scores each non-empty line of a CSV payload; one prediction per line, joined by newlines. */
  public String predictCsv(String payload) {
    StringBuilder out = new StringBuilder();
    for (String line : payload.split("\r?\n")) {
      if (!line.isBlank()) {
        out.append(predictCsvLine(line)).append('\n');
      }
    }
    return out.toString();
  }

  static String hex(byte[] bytes) {
    return new String(java.util.HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
  }
}
