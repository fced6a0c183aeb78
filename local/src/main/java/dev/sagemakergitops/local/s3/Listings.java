package dev.sagemakergitops.local.s3;

import static dev.sagemakergitops.local.s3.S3Wire.error;
import static dev.sagemakergitops.local.s3.S3Wire.urlEncode;
import static dev.sagemakergitops.local.s3.S3Wire.xml;

import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** S3's listings: ListObjectsV2 of a bucket and ListBuckets of the account, with their filters and pages. */
final class Listings {
  /** What starts every ListObjectsV2 continuation token this control plane issues, before the last key. */
  private static final String TOKEN_MARK = "ListObjectsV2:";

  private Listings() {}

  static HttpAnswer listObjects(String name, Bucket bucket, Map<String, String> query, RequestContext context,
      String accountId) {
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    int max = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
    String after = query.getOrDefault("start-after", "");
    String token = query.get("continuation-token");
    if (token != null) {
      // Tokens are opaque to clients; one this control plane did not issue is S3's InvalidArgument (a
      // token is "obfuscated and is not a real key", botocore ListObjectsV2Request.ContinuationToken).
      String decoded;
      try {
        decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      if (!decoded.startsWith(TOKEN_MARK)) {
        return error(400, "InvalidArgument", "The continuation token provided is incorrect", null, context);
      }
      after = decoded.substring(TOKEN_MARK.length());
    }
    List<String> keys = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    boolean truncated = false;
    for (String key : bucket.objects.tailMap(after, false).keySet()) {
      if (!key.startsWith(prefix)) {
        if (key.compareTo(prefix) > 0) {
          break;
        }
        continue;
      }
      String entry = key;
      boolean common = false;
      if (delimiter != null && !delimiter.isEmpty()) {
        int at = key.indexOf(delimiter, prefix.length());
        if (at >= 0) {
          entry = key.substring(0, at + delimiter.length());
          common = true;
          if (prefixes.contains(entry)) {
            last = key;
            continue;
          }
        }
      }
      if (keys.size() + prefixes.size() >= max) {
        truncated = true;
        break;
      }
      (common ? prefixes : keys).add(entry);
      last = key;
    }
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    // EncodingType=url (botocore sends it on every listing; the Java SDK too): keys, prefixes,
    // delimiter and StartAfter come back URL-encoded, and the answer says so.
    boolean encode = "url".equals(query.get("encoding-type"));
    java.util.function.UnaryOperator<String> text = value -> xml(encode ? urlEncode(value) : value);
    boolean owner = "true".equals(query.get("fetch-owner"));
    out.append("<Name>").append(xml(name)).append("</Name><Prefix>").append(text.apply(prefix)).append("</Prefix>");
    if (delimiter != null) {
      out.append("<Delimiter>").append(text.apply(delimiter)).append("</Delimiter>");
    }
    if (query.containsKey("start-after")) {
      out.append("<StartAfter>").append(text.apply(query.get("start-after"))).append("</StartAfter>");
    }
    if (encode) {
      out.append("<EncodingType>url</EncodingType>");
    }
    out.append("<MaxKeys>").append(max).append("</MaxKeys><KeyCount>").append(keys.size() + prefixes.size())
        .append("</KeyCount><IsTruncated>").append(truncated).append("</IsTruncated>");
    if (token != null) {
      out.append("<ContinuationToken>").append(xml(token)).append("</ContinuationToken>");
    }
    if (truncated && last != null) {
      out.append("<NextContinuationToken>")
          .append(Base64.getUrlEncoder().encodeToString((TOKEN_MARK + last).getBytes(StandardCharsets.UTF_8)))
          .append("</NextContinuationToken>");
    }
    for (String key : keys) {
      StoredObject object = bucket.objects.get(key);
      out.append("<Contents><Key>").append(text.apply(key)).append("</Key><LastModified>").append(object.lastModified())
          .append("</LastModified><ETag>").append(xml(object.etag())).append("</ETag>");
      if (object.checksumAlgorithm() != null) {
        // As S3 answers an object uploaded with a checksum (ChecksumType since December 2024).
        out.append("<ChecksumAlgorithm>").append(object.checksumAlgorithm()).append("</ChecksumAlgorithm>")
            .append("<ChecksumType>FULL_OBJECT</ChecksumType>");
      }
      out.append("<Size>").append(object.content().length).append("</Size><StorageClass>")
          .append(object.attributes().storageClass()).append("</StorageClass>");
      if (owner) {
        out.append("<Owner><ID>").append(canonicalUserId(accountId)).append("</ID></Owner>");
      }
      out.append("</Contents>");
    }
    for (String common : prefixes) {
      out.append("<CommonPrefixes><Prefix>").append(text.apply(common)).append("</Prefix></CommonPrefixes>");
    }
    out.append("</ListBucketResult>");
    return HttpAnswer.text(200, "application/xml", out.toString());
  }

  /**
   * ListBuckets with its filters and pages ({@code prefix}, {@code bucket-region}, {@code max-buckets},
   * {@code continuation-token}; botocore ListBucketsRequest). Owner ID is a canonical user ID: 64 hex
   * characters, here derived from the account.
   */
  static HttpAnswer listBuckets(Map<String, Bucket> buckets, Map<String, String> query, RequestContext context,
      String accountId) {
    String prefix = query.get("prefix");
    String region = query.get("bucket-region");
    int max = Integer.parseInt(query.getOrDefault("max-buckets", "10000"));
    String token = query.get("continuation-token");
    String after = token == null ? "" : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    List<Map.Entry<String, Bucket>> matching = buckets.entrySet().stream()
        .filter(b -> prefix == null || b.getKey().startsWith(prefix))
        .filter(b -> region == null || b.getValue().region.equals(region))
        .filter(b -> b.getKey().compareTo(after) > 0)
        .toList();
    List<Map.Entry<String, Bucket>> page = matching.subList(0, Math.min(max, matching.size()));
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>")
        .append(canonicalUserId(accountId)).append("</ID></Owner><Buckets>");
    page.forEach(b -> out.append("<Bucket><Name>").append(xml(b.getKey())).append("</Name><CreationDate>")
        .append(b.getValue().created).append("</CreationDate><BucketRegion>").append(b.getValue().region)
        .append("</BucketRegion></Bucket>"));
    out.append("</Buckets>");
    if (page.size() < matching.size()) {
      out.append("<ContinuationToken>").append(Base64.getUrlEncoder().encodeToString(
          page.get(page.size() - 1).getKey().getBytes(StandardCharsets.UTF_8))).append("</ContinuationToken>");
    }
    if (prefix != null) {
      out.append("<Prefix>").append(xml(prefix)).append("</Prefix>");
    }
    out.append("</ListAllMyBucketsResult>");
    return HttpAnswer.text(200, "application/xml", out.toString());
  }

  /** The account's S3 canonical user ID: 64 hex characters, as S3 writes them. */
  private static String canonicalUserId(String accountId) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(accountId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
