package dev.sagemakergitops.local.s3;

import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What S3 keeps about an object besides its bytes, user metadata and content type, and answers on
 * GetObject and HeadObject: the representation headers given at upload ({@code Content-Encoding}
 * without the transfer's {@code aws-chunked}, {@code Cache-Control}, {@code Content-Disposition},
 * {@code Content-Language}, {@code Expires}), the storage class ({@code x-amz-storage-class}, answered
 * when not STANDARD, as S3 does), server-side encryption (S3 encrypts every object, SSE-S3
 * {@code AES256} by default since January 2023; SSE-KMS as asked, with its key and its S3 Bucket Key
 * setting) and the checksums sent at upload (answered only when the request says
 * {@code x-amz-checksum-mode: ENABLED}, botocore ChecksumMode: "To retrieve the checksum, this
 * parameter must be enabled", and never for a range).
 *
 * @param representation representation headers by their canonical names
 * @param storageClass {@code STANDARD} unless the upload asked for another
 * @param encryption {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}
 * @param kmsKeyId the KMS key the upload named, or {@code null}
 * @param bucketKeyEnabled whether an SSE-KMS upload asked for an S3 Bucket Key
 *     ({@code x-amz-server-side-encryption-bucket-key-enabled})
 * @param checksums {@code x-amz-checksum-<algorithm>} headers and their base64 values
 */
record ObjectAttributes(Map<String, String> representation, String storageClass, String encryption, String kmsKeyId,
    boolean bucketKeyEnabled, Map<String, String> checksums) {

  static final ObjectAttributes DEFAULT = new ObjectAttributes(Map.of(), "STANDARD", "AES256", null, false, Map.of());

  /** botocore S3 {@code StorageClass} enum. */
  static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
      "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE",
      "FSX_OPENZFS");

  /** Storage classes whose objects must be restored before GetObject (S3 API Reference, GetObject). */
  static final Set<String> ARCHIVED = Set.of("GLACIER", "DEEP_ARCHIVE");

  private static final List<String> REPRESENTATION = List.of("Content-Encoding", "Cache-Control",
      "Content-Disposition", "Content-Language", "Expires");

  ObjectAttributes {
    representation = Map.copyOf(representation);
    checksums = Map.copyOf(checksums);
  }

  /** The attributes a PutObject or CopyObject request asks for. */
  static ObjectAttributes from(HttpCall call) {
    Map<String, String> representation = new LinkedHashMap<>();
    for (String header : REPRESENTATION) {
      String value = call.header(header);
      if (header.equals("Content-Encoding") && value != null) {
        // aws-chunked is how the body travelled, not how the object is encoded.
        value = Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.equals("aws-chunked"))
            .collect(Collectors.joining(","));
      }
      if (value != null && !value.isEmpty()) {
        representation.put(header, value);
      }
    }
    String storageClass = call.header("x-amz-storage-class");
    String encryption = call.header("x-amz-server-side-encryption");
    return new ObjectAttributes(representation, storageClass == null ? "STANDARD" : storageClass,
        encryption == null ? "AES256" : encryption, call.header("x-amz-server-side-encryption-aws-kms-key-id"),
        encryption != null && encryption.startsWith("aws:kms")
            && "true".equalsIgnoreCase(call.header("x-amz-server-side-encryption-bucket-key-enabled")),
        Map.of());
  }

  ObjectAttributes withChecksums(Map<String, String> sent) {
    Map<String, String> kept = new LinkedHashMap<>();
    sent.forEach((header, value) -> kept.put(header.toLowerCase(Locale.ROOT), value.trim()));
    return new ObjectAttributes(representation, storageClass, encryption, kmsKeyId, bucketKeyEnabled, kept);
  }

  /** These attributes with the storage class and encryption of {@code requested} (a CopyObject that keeps metadata). */
  ObjectAttributes withStorage(ObjectAttributes requested) {
    return new ObjectAttributes(representation, requested.storageClass, requested.encryption, requested.kmsKeyId,
        requested.bucketKeyEnabled, checksums);
  }

  /** True when a copy onto itself would change none of what S3 counts as a change. */
  boolean sameStorageAs(ObjectAttributes other) {
    return storageClass.equals(other.storageClass) && encryption.equals(other.encryption)
        && java.util.Objects.equals(kmsKeyId, other.kmsKeyId);
  }

  /** The encryption headers S3 answers on every write and read. */
  HttpAnswer answerEncryption(HttpAnswer answer) {
    HttpAnswer out = answer.withHeader("x-amz-server-side-encryption", encryption);
    if (bucketKeyEnabled) {
      // botocore PutObjectOutput/GetObjectOutput BucketKeyEnabled: "Indicates whether the ... object uses
      // an S3 Bucket Key for server-side encryption with Key Management Service (KMS) keys (SSE-KMS)."
      out = out.withHeader("x-amz-server-side-encryption-bucket-key-enabled", "true");
    }
    return kmsKeyId == null ? out : out.withHeader("x-amz-server-side-encryption-aws-kms-key-id", kmsKeyId);
  }

  /** {@code answer} with every header a read answers for these attributes. */
  HttpAnswer answer(HttpAnswer answer, boolean checksumMode) {
    HttpAnswer out = answerEncryption(answer);
    for (Map.Entry<String, String> header : representation.entrySet()) {
      out = out.withHeader(header.getKey(), header.getValue());
    }
    if (!storageClass.equals("STANDARD")) {
      out = out.withHeader("x-amz-storage-class", storageClass);
    }
    if (checksumMode && !checksums.isEmpty()) {
      for (Map.Entry<String, String> checksum : checksums.entrySet()) {
        out = out.withHeader(checksum.getKey(), checksum.getValue());
      }
      out = out.withHeader("x-amz-checksum-type", "FULL_OBJECT");
    }
    return out;
  }

  /** What {@link #range} answers for a header to ignore: the whole object, as a 200. */
  static final long[] WHOLE_OBJECT = new long[0];

  /**
   * The inclusive byte bounds of a single {@code Range: bytes=...} header over {@code size} bytes
   * (RFC 9110 section 14.1.2: {@code a-b}, {@code a-}, {@code -n}), {@code null} when it is not
   * satisfiable, or {@link #WHOLE_OBJECT} when it is not a valid byte range: a recipient "MUST ignore"
   * a range set with an invalid range spec, and a spec whose last position is below its first is
   * invalid (RFC 9110 section 14.1.1), so the whole object is answered.
   */
  static long[] range(String header, long size) {
    String spec = header.trim();
    if (!spec.startsWith("bytes=")) {
      return WHOLE_OBJECT;
    }
    String[] ends = spec.substring("bytes=".length()).split("-", -1);
    try {
      if (ends.length != 2) {
        return WHOLE_OBJECT;
      }
      if (ends[0].isEmpty()) {
        long suffix = Long.parseLong(ends[1]);
        return suffix <= 0 || size == 0 ? null : new long[] {Math.max(0, size - suffix), size - 1};
      }
      long first = Long.parseLong(ends[0]);
      if (!ends[1].isEmpty() && Long.parseLong(ends[1]) < first) {
        return WHOLE_OBJECT;
      }
      long last = ends[1].isEmpty() ? size - 1 : Math.min(Long.parseLong(ends[1]), size - 1);
      return first >= size ? null : new long[] {first, last};
    } catch (NumberFormatException e) {
      return WHOLE_OBJECT;
    }
  }
}
