package dev.sagemakergitops.local.s3;

import java.time.Instant;
import java.util.TreeMap;

/** One bucket: the region it was created in, when, and its objects by key (kept sorted, as S3 lists them). */
final class Bucket {
  final String region;
  final Instant created;
  final TreeMap<String, StoredObject> objects = new TreeMap<>();

  Bucket(String region, Instant created) {
    this.region = region;
    this.created = created;
  }
}
