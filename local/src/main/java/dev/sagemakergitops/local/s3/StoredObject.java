package dev.sagemakergitops.local.s3;

import java.time.Instant;
import java.util.Map;

/**
 * One stored object: its bytes and what S3 reports about them. {@code checksumAlgorithm} is the
 * algorithm of the checksum the upload carried ({@code CRC32}, ...), which ListObjectsV2 reports;
 * {@code null} when it carried none.
 */
record StoredObject(byte[] content, String contentType, String etag, Instant lastModified,
    Map<String, String> metadata, String checksumAlgorithm, ObjectAttributes attributes) {
  StoredObject {
    metadata = Map.copyOf(metadata);
  }
}
