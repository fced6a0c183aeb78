package dev.sagemakergitops.local.sagemaker.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The {@code model.tar.gz} that a local training job writes: a gzip'd POSIX (ustar) tar archive, as
 * SageMaker packs {@code /opt/ml/model}, so {@code tar xzf} and any tar library open it. Written here
 * rather than with a library because one small file entry is all it takes. The bytes depend only on
 * the entries and {@code modifiedEpochSeconds}, so the same job gives the same artifact and the same
 * {@link dev.sagemakergitops.local.spi.LocalModel}.
 */
public final class ModelArchive {
  private static final int BLOCK = 512;

  private ModelArchive() {}

  /** A {@code .tar.gz} holding {@code entries} (file name to content) in their order. */
  public static byte[] tarGz(Map<String, byte[]> entries, long modifiedEpochSeconds) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        gzip.write(header(entry.getKey(), entry.getValue().length, modifiedEpochSeconds));
        gzip.write(entry.getValue());
        int padding = (BLOCK - entry.getValue().length % BLOCK) % BLOCK;
        gzip.write(new byte[padding]);
      }
      // The end of an archive: two zero blocks.
      gzip.write(new byte[2 * BLOCK]);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory streams do not fail", e);
    }
    return bytes.toByteArray();
  }

  /** The file entries of a {@code .tar.gz} written by {@link #tarGz} (or any plain ustar archive of files). */
  public static Map<String, byte[]> read(byte[] tarGz) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tarGz))) {
      byte[] all = in.readAllBytes();
      int at = 0;
      while (at + BLOCK <= all.length && all[at] != 0) {
        String name = field(all, at, 100);
        int size = Integer.parseInt(field(all, at + 124, 12).trim(), 8);
        byte[] content = new byte[size];
        System.arraycopy(all, at + BLOCK, content, 0, size);
        entries.put(name, content);
        at += BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not a .tar.gz archive", e);
    }
    return entries;
  }

  private static byte[] header(String name, int size, long mtime) {
    byte[] header = new byte[BLOCK];
    put(header, 0, name, 100);
    put(header, 100, "0000644", 8);
    put(header, 108, "0000000", 8);
    put(header, 116, "0000000", 8);
    put(header, 124, String.format("%011o", size), 12);
    put(header, 136, String.format("%011o", mtime), 12);
    header[156] = '0';
    put(header, 257, "ustar", 6);
    put(header, 263, "00", 2);
    // The checksum is computed with its own field read as spaces.
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum), 7);
    header[155] = ' ';
    return header;
  }

  private static void put(byte[] header, int offset, String value, int length) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
  }

  private static String field(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.US_ASCII);
  }
}
