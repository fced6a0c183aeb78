package dev.sagemakergitops.local.spi;

import java.util.List;
import java.util.Optional;

/** S3 as the other services see it: objects by bucket and key. Buckets are created on first put. */
public interface ObjectStore {
  void put(String bucket, String key, byte[] content, String contentType);

  Optional<byte[]> get(String bucket, String key);

  /** Keys under {@code prefix}, in lexicographic order. */
  List<String> list(String bucket, String prefix);
}
