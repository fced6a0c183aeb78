package dev.sagemakergitops.local.s3;

import static dev.sagemakergitops.local.s3.Payloads.checksum;
import static dev.sagemakergitops.local.s3.Payloads.decodeChunked;
import static dev.sagemakergitops.local.s3.Payloads.md5;
import static dev.sagemakergitops.local.s3.S3Wire.decode;
import static dev.sagemakergitops.local.s3.S3Wire.error;
import static dev.sagemakergitops.local.s3.S3Wire.xml;

import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import dev.sagemakergitops.local.protocol.RequestContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S3's object operations on a bucket: PutObject (plain or {@code aws-chunked}, every checksum sent
 * checked), GetObject and HeadObject (ranges, {@code response-*} overrides, checksum mode) and
 * CopyObject. Called under the service's lock.
 */
final class ObjectOperations {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** GetObject's {@code response-*} query parameters and the headers they set (S3 API Reference, GetObject). */
  private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
      "response-cache-control", "Cache-Control", "response-content-disposition", "Content-Disposition",
      "response-content-encoding", "Content-Encoding", "response-content-language", "Content-Language",
      "response-content-type", "Content-Type", "response-expires", "Expires");

  private final Map<String, Bucket> buckets;

  ObjectOperations(Map<String, Bucket> buckets) {
    this.buckets = buckets;
  }

  HttpAnswer getObject(Bucket bucket, String key, boolean head, HttpCall call, Map<String, String> query,
      RequestContext context) {
    StoredObject object = bucket.objects.get(key);
    if (object == null) {
      // HEAD answers have no body; the SDK reads the 404 alone as NoSuchKey.
      return error(404, "NoSuchKey", "The specified key does not exist.", "<Key>" + xml(key) + "</Key>", context);
    }
    if (!head && ObjectAttributes.ARCHIVED.contains(object.attributes().storageClass())) {
      // Archived objects must be restored first (RestoreObject, not served here).
      return error(403, "InvalidObjectState", "The operation is not valid for the object's storage class",
          "<StorageClass>" + object.attributes().storageClass() + "</StorageClass>", context);
    }
    byte[] content = object.content();
    int status = 200;
    String contentRange = null;
    String range = call.header("range");
    long[] bounds = range == null ? ObjectAttributes.WHOLE_OBJECT : ObjectAttributes.range(range, content.length);
    if (bounds == null) {
      return error(416, "InvalidRange", "The requested range is not satisfiable", "<RangeRequested>" + xml(range)
          + "</RangeRequested><ActualObjectSize>" + content.length + "</ActualObjectSize>", context);
    }
    boolean partial = bounds != ObjectAttributes.WHOLE_OBJECT;
    if (partial) {
      content = java.util.Arrays.copyOfRange(content, (int) bounds[0], (int) bounds[1] + 1);
      status = 206;
      contentRange = "bytes " + bounds[0] + "-" + bounds[1] + "/" + object.content().length;
    }
    HttpAnswer answer = HttpAnswer.of(status, object.contentType(), content)
        .withHeader("ETag", object.etag()).withHeader("Last-Modified", HTTP_DATE.format(object.lastModified()))
        .withHeader("Accept-Ranges", "bytes");
    if (contentRange != null) {
      answer = answer.withHeader("Content-Range", contentRange);
    }
    for (Map.Entry<String, String> meta : object.metadata().entrySet()) {
      answer = answer.withHeader("x-amz-meta-" + meta.getKey(), meta.getValue());
    }
    // A range is answered without the object's checksums: they are of the whole object, so a client
    // that checks them (botocore does when ChecksumMode is ENABLED) would refuse the part. S3 does the
    // same (recorded in minio/minio#17105, "Remove checksums from HTTP range request ... This matches
    // AWS S3 behavior").
    answer = object.attributes().answer(answer,
        !partial && "ENABLED".equalsIgnoreCase(call.header("x-amz-checksum-mode")));
    for (Map.Entry<String, String> override : query.entrySet()) {
      if (override.getKey().startsWith("response-")) {
        answer = answer.withHeader(RESPONSE_OVERRIDES.get(override.getKey()), override.getValue());
      }
    }
    if (head) {
      answer = answer.withHeader("Content-Length", String.valueOf(content.length));
    }
    return answer;
  }

  /**
   * CopyObject within the control plane: {@code x-amz-copy-source} is {@code [/]bucket/key}
   * (URL-encoded). Metadata and content type are copied unless {@code x-amz-metadata-directive:
   * REPLACE}; copying an object onto itself without replacing anything is S3's {@code InvalidRequest}.
   */
  HttpAnswer copyObject(Bucket target, String key, HttpCall call, RequestContext context) {
    String source = decode(call.header("x-amz-copy-source"));
    source = source.startsWith("/") ? source.substring(1) : source;
    int slash = source.indexOf('/');
    if (slash <= 0 || slash == source.length() - 1 || source.contains("?versionId=")) {
      return error(400, "InvalidArgument", "Copy Source must mention the source bucket and key: "
          + "sourcebucket/sourcekey", null, context);
    }
    Bucket sourceBucket = buckets.get(source.substring(0, slash));
    if (sourceBucket == null) {
      return error(404, "NoSuchBucket", "The specified bucket does not exist",
          "<BucketName>" + xml(source.substring(0, slash)) + "</BucketName>", context);
    }
    StoredObject original = sourceBucket.objects.get(source.substring(slash + 1));
    if (original == null) {
      return error(404, "NoSuchKey", "The specified key does not exist.",
          "<Key>" + xml(source.substring(slash + 1)) + "</Key>", context);
    }
    boolean replace = "REPLACE".equalsIgnoreCase(call.header("x-amz-metadata-directive"));
    ObjectAttributes requested = ObjectAttributes.from(call);
    if (!ObjectAttributes.STORAGE_CLASSES.contains(requested.storageClass())) {
      return error(400, "InvalidStorageClass", "The storage class you specified is not valid",
          "<StorageClassRequested>" + xml(requested.storageClass()) + "</StorageClassRequested>", context);
    }
    if (sourceBucket == target && original == target.objects.get(key) && !replace
        && requested.sameStorageAs(original.attributes())) {
      return error(400, "InvalidRequest", "This copy request is illegal because it is trying to copy an object to "
          + "itself without changing the object's metadata, storage class, website redirect location or encryption "
          + "attributes.", null, context);
    }
    String type = call.header("content-type");
    StoredObject copy = new StoredObject(original.content(),
        replace && type != null ? type : original.contentType(), original.etag(), context.now(),
        replace ? userMetadata(call) : original.metadata(), original.checksumAlgorithm(),
        replace ? requested : original.attributes().withStorage(requested));
    target.objects.put(key, copy);
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CopyObjectResult xmlns=\"http://s3.amazonaws.com/doc/"
        + "2006-03-01/\"><LastModified>" + copy.lastModified() + "</LastModified><ETag>" + xml(copy.etag())
        + "</ETag></CopyObjectResult>";
    return copy.attributes().answer(HttpAnswer.text(200, "application/xml", body), false);
  }

  private static Map<String, String> userMetadata(HttpCall call) {
    Map<String, String> metadata = new LinkedHashMap<>();
    call.headers().forEach((name, values) -> {
      if (name.startsWith("x-amz-meta-") && !values.isEmpty()) {
        metadata.put(name.substring("x-amz-meta-".length()), values.get(0));
      }
    });
    return metadata;
  }

  HttpAnswer putObject(Bucket bucket, String key, HttpCall call, RequestContext context) {
    byte[] body = call.body();
    String sha = call.header("x-amz-content-sha256");
    String encoding = call.header("content-encoding");
    Map<String, String> trailers = new HashMap<>();
    if ((sha != null && sha.startsWith("STREAMING-")) || (encoding != null && encoding.contains("aws-chunked"))) {
      body = decodeChunked(body, trailers);
    }
    // Check every checksum the client sent, in a header or a trailer, as S3 does.
    Map<String, String> sent = new HashMap<>(trailers);
    for (String algorithm : List.of("crc32", "crc32c", "sha256", "sha1")) {
      String header = call.header("x-amz-checksum-" + algorithm);
      if (header != null) {
        sent.put("x-amz-checksum-" + algorithm, header);
      }
    }
    for (Map.Entry<String, String> checksum : sent.entrySet()) {
      String actual = checksum(checksum.getKey().substring("x-amz-checksum-".length()), body);
      if (actual != null && !actual.equals(checksum.getValue().trim())) {
        return error(400, "BadDigest", "The " + checksum.getKey().substring("x-amz-checksum-".length()).toUpperCase(
            Locale.ROOT) + " you specified did not match the calculated checksum.", null, context);
      }
    }
    Map<String, String> metadata = userMetadata(call);
    String type = call.header("content-type");
    String checksumAlgorithm = sent.keySet().stream().filter(h -> h.startsWith("x-amz-checksum-")).sorted().findFirst()
        .map(header -> header.substring("x-amz-checksum-".length()).toUpperCase(Locale.ROOT)).orElse(null);
    ObjectAttributes attributes = ObjectAttributes.from(call).withChecksums(sent);
    if (!ObjectAttributes.STORAGE_CLASSES.contains(attributes.storageClass())) {
      return error(400, "InvalidStorageClass", "The storage class you specified is not valid",
          "<StorageClassRequested>" + xml(attributes.storageClass()) + "</StorageClassRequested>", context);
    }
    StoredObject object = new StoredObject(body, type == null ? "binary/octet-stream" : type, md5(body), context.now(),
        metadata, checksumAlgorithm, attributes);
    bucket.objects.put(key, object);
    HttpAnswer answer = HttpAnswer.of(200, "application/xml", new byte[0]).withHeader("ETag", object.etag());
    for (Map.Entry<String, String> checksum : sent.entrySet()) {
      answer = answer.withHeader(checksum.getKey(), checksum.getValue().trim());
    }
    return attributes.answerEncryption(answer);
  }
}
