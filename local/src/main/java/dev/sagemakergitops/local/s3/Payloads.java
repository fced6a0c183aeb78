package dev.sagemakergitops.local.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * What S3 computes over an object's bytes: the {@code aws-chunked} upload encoding with its checksum
 * trailers, the checksums it verifies and reports, and the MD5 ETag of a single-part upload.
 */
final class Payloads {
  private Payloads() {}

  /**
   * Decodes {@code aws-chunked}: {@code <hex size>[;chunk-signature=..]\r\n<bytes>\r\n} until a zero
   * chunk, then trailer lines such as {@code x-amz-checksum-crc32:<base64>}. Chunk signatures are
   * not checked, like every other signature here.
   */
  static byte[] decodeChunked(byte[] body, Map<String, String> trailers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOfCrlf(body, at);
      String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
      int semicolon = header.indexOf(';');
      int size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
      at = lineEnd + 2;
      if (size == 0) {
        break;
      }
      out.write(body, at, size);
      at += size + 2;
    }
    while (at < body.length) {
      int lineEnd = indexOfCrlf(body, at);
      String line = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
      at = lineEnd + 2;
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("x-amz-trailer-signature")) {
        trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }

  /** The base64 checksum S3 reports for {@code algorithm}, or {@code null} for one not checked here. */
  static String checksum(String algorithm, byte[] content) {
    Checksum sum = switch (algorithm) {
      case "crc32" -> new CRC32();
      case "crc32c" -> new CRC32C();
      default -> null;
    };
    if (sum != null) {
      sum.update(content, 0, content.length);
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) sum.getValue()).array());
    }
    try {
      return switch (algorithm) {
        case "sha256" -> Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        case "sha1" -> Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(content));
        default -> null;
      };
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String md5(byte[] content) {
    try {
      return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}
