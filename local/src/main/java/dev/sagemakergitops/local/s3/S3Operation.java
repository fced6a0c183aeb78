package dev.sagemakergitops.local.s3;

import dev.sagemakergitops.local.protocol.HttpCall;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which S3 operation a request is, told apart the way S3 tells them apart: the method, whether the
 * path names a bucket or an object, the sub-resource in the query ({@code ?tagging}, {@code ?cors},
 * {@code ?uploads}, ...) and a few headers ({@code x-amz-copy-source} makes a PUT a CopyObject).
 *
 * <p>A request is {@link #implemented()} only when every query parameter and every
 * functionality-changing header it carries belongs to an operation {@link S3Service} serves. The
 * rest is refused with S3's own {@code 501 NotImplemented} ("A header you provided implies
 * functionality that is not implemented.", https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html),
 * never run as the base operation of the path: a PUT with {@code ?tagging} run as PutObject would
 * overwrite the object with the tag document, a DELETE with {@code ?cors} run as DeleteBucket would
 * delete the bucket. S3 ignores query parameters it does not know; here an unknown parameter is
 * refused too, the reading that is harder on the caller (a parameter the control plane does not
 * know may be a sub-resource it does not serve).
 *
 * @param name the operation's API name (for faults and logs), such as {@code PutObjectTagging}
 * @param unsupported what makes the request unsupported (a query parameter or a header), if anything
 */
record S3Operation(String name, Optional<String> unsupported) {

  /** Query parameters any request may carry: the SDK's operation hint and presigned-URL signing. */
  private static final Set<String> ANY = Set.of("x-id", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
      "x-amz-expires", "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token", "x-amz-user-agent");

  /** The query parameters of each served operation (S3 API Reference, each operation's URI request parameters). */
  private static final Map<String, Set<String>> PARAMETERS = Map.of(
      "ListBuckets", Set.of("max-buckets", "continuation-token", "prefix", "bucket-region"),
      "ListObjectsV2", Set.of("list-type", "prefix", "delimiter", "max-keys", "start-after", "continuation-token",
          "encoding-type", "fetch-owner"),
      "GetBucketLocation", Set.of("location"),
      "GetObject", Set.of("response-cache-control", "response-content-disposition", "response-content-encoding",
          "response-content-language", "response-content-type", "response-expires"),
      "HeadObject", Set.of("response-cache-control", "response-content-disposition", "response-content-encoding",
          "response-content-language", "response-content-type", "response-expires"));

  /**
   * Sub-resources by the name of the operation they select, for the refusal's operation name (fault
   * injection matches on it). S3 API Reference; the first matching key wins.
   */
  private static final List<Map.Entry<String, String>> SUB_RESOURCES = List.of(
      Map.entry("tagging", "ObjectTagging"), Map.entry("cors", "BucketCors"), Map.entry("lifecycle", "BucketLifecycle"),
      Map.entry("acl", "Acl"), Map.entry("policy", "BucketPolicy"), Map.entry("policyStatus", "BucketPolicyStatus"),
      Map.entry("versioning", "BucketVersioning"), Map.entry("versions", "ListObjectVersions"),
      Map.entry("website", "BucketWebsite"), Map.entry("notification", "BucketNotificationConfiguration"),
      Map.entry("accelerate", "BucketAccelerateConfiguration"), Map.entry("encryption", "BucketEncryption"),
      Map.entry("publicAccessBlock", "PublicAccessBlock"), Map.entry("replication", "BucketReplication"),
      Map.entry("logging", "BucketLogging"), Map.entry("uploads", "MultipartUpload"), Map.entry("uploadId", "UploadPart"),
      Map.entry("delete", "DeleteObjects"), Map.entry("restore", "RestoreObject"), Map.entry("select", "SelectObjectContent"),
      Map.entry("inventory", "BucketInventoryConfiguration"), Map.entry("metrics", "BucketMetricsConfiguration"),
      Map.entry("analytics", "BucketAnalyticsConfiguration"), Map.entry("ownershipControls", "BucketOwnershipControls"),
      Map.entry("object-lock", "ObjectLockConfiguration"), Map.entry("retention", "ObjectRetention"),
      Map.entry("legal-hold", "ObjectLegalHold"), Map.entry("attributes", "GetObjectAttributes"),
      Map.entry("requestPayment", "BucketRequestPayment"), Map.entry("torrent", "GetObjectTorrent"),
      Map.entry("intelligent-tiering", "BucketIntelligentTieringConfiguration"), Map.entry("versionId", "ObjectVersion"),
      Map.entry("partNumber", "ObjectPart"), Map.entry("session", "CreateSession"));

  /**
   * Headers that select functionality {@link S3Service} does not have (conditional requests, customer
   * keys, object lock, tagging and ACL grants on upload, copy conditions). Answering such a request as
   * if the header were absent would, for example, overwrite an object an {@code If-None-Match: *}
   * upload must not overwrite.
   */
  private static final List<String> UNSUPPORTED_HEADERS = List.of("if-match", "if-none-match", "if-modified-since",
      "if-unmodified-since", "x-amz-server-side-encryption-customer-algorithm", "x-amz-copy-source-server-side-encryption-customer-algorithm",
      "x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold",
      "x-amz-bucket-object-lock-enabled", "x-amz-tagging", "x-amz-tagging-directive", "x-amz-grant-full-control",
      "x-amz-grant-read", "x-amz-grant-read-acp", "x-amz-grant-write", "x-amz-grant-write-acp",
      "x-amz-copy-source-if-match", "x-amz-copy-source-if-none-match", "x-amz-copy-source-if-modified-since",
      "x-amz-copy-source-if-unmodified-since", "x-amz-copy-source-range", "x-amz-website-redirect-location",
      "x-amz-write-offset-bytes", "x-amz-request-payer");

  /**
   * Canned ACLs that change nothing on a bucket with ACLs disabled (S3's default Object Ownership,
   * BucketOwnerEnforced, since April 2023); any other {@code x-amz-acl} is refused.
   */
  private static final Set<String> HARMLESS_ACLS = Set.of("private", "bucket-owner-full-control");

  boolean implemented() {
    return unsupported.isEmpty();
  }

  static S3Operation of(HttpCall call, String bucket, String key, Map<String, String> query) {
    boolean object = key != null;
    String base = baseName(call, bucket, object, query);
    Optional<String> subResource = query.keySet().stream()
        .filter(parameter -> !ANY.contains(parameter.toLowerCase(Locale.ROOT)))
        .filter(parameter -> !PARAMETERS.getOrDefault(base, Set.of()).contains(parameter))
        .findFirst();
    if (subResource.isPresent()) {
      String parameter = subResource.get();
      String selected = SUB_RESOURCES.stream().filter(e -> query.containsKey(e.getKey())).map(Map.Entry::getValue)
          .findFirst().orElse(null);
      String name = selected == null ? base : verb(call.method(), selected);
      return new S3Operation(name, Optional.of("?" + parameter));
    }
    for (String header : UNSUPPORTED_HEADERS) {
      if (call.header(header) != null) {
        return new S3Operation(base, Optional.of(header));
      }
    }
    String acl = call.header("x-amz-acl");
    if (acl != null && !HARMLESS_ACLS.contains(acl)) {
      return new S3Operation(base, Optional.of("x-amz-acl"));
    }
    String range = call.header("range");
    if (range != null && range.contains(",")) {
      // S3 serves one range per request; a multi-range request is not something to answer whole.
      return new S3Operation(base, Optional.of("Range"));
    }
    if (base.equals("ListObjects")) {
      return new S3Operation(base, Optional.of("list-type"));
    }
    return new S3Operation(base, Optional.empty());
  }

  private static String baseName(HttpCall call, String bucket, boolean object, Map<String, String> query) {
    if (bucket == null) {
      return call.method().equals("GET") ? "ListBuckets" : call.method();
    }
    return switch (call.method()) {
      case "PUT" -> object ? (call.header("x-amz-copy-source") != null ? "CopyObject" : "PutObject") : "CreateBucket";
      case "HEAD" -> object ? "HeadObject" : "HeadBucket";
      case "DELETE" -> object ? "DeleteObject" : "DeleteBucket";
      case "GET" -> object ? "GetObject"
          : query.containsKey("location") ? "GetBucketLocation"
          : "2".equals(query.get("list-type")) ? "ListObjectsV2" : "ListObjects";
      case "POST" -> object ? "PostObject" : "PostBucket";
      default -> call.method();
    };
  }

  private static String verb(String method, String selected) {
    if (selected.startsWith("List") || selected.startsWith("Get") || selected.startsWith("Create")
        || selected.equals("DeleteObjects") || selected.equals("RestoreObject") || selected.equals("SelectObjectContent")) {
      return selected;
    }
    return switch (method) {
      case "PUT" -> "Put" + selected;
      case "DELETE" -> "Delete" + selected;
      case "POST" -> selected.equals("MultipartUpload") ? "CreateMultipartUpload" : "Post" + selected;
      default -> "Get" + selected;
    };
  }
}
