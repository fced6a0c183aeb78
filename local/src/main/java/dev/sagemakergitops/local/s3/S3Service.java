package dev.sagemakergitops.local.s3;

import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.HttpRoute;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * A small, path-style S3 (REST-XML) for artifacts, data captures and batch input and output:
 * {@code CreateBucket}, {@code HeadBucket}, {@code DeleteBucket}, {@code ListBuckets},
 * {@code PutObject} (plain or {@code aws-chunked} with checksum trailers), {@code GetObject},
 * {@code HeadObject}, {@code DeleteObject} and {@code ListObjectsV2}, answering calls signed for
 * {@code s3}. Provides {@link ObjectStore} to the other services. Buckets are global to the
 * account, as in S3; each remembers the region it was created in. See the package manual for why
 * this is not an embedded S3Proxy.
 */
public final class S3Service implements LocalService, ObjectStore {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

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

  private static final class Bucket {
    final String region;
    final Instant created;
    final TreeMap<String, StoredObject> objects = new TreeMap<>();

    Bucket(String region, Instant created) {
      this.region = region;
      this.created = created;
    }
  }

  private static final java.util.regex.Pattern BUCKET_NAME =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final java.util.regex.Pattern IP_ADDRESS =
      java.util.regex.Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final java.util.regex.Pattern LOCATION_CONSTRAINT =
      java.util.regex.Pattern.compile("<LocationConstraint>([^<]*)</LocationConstraint>");
  /** GetObject's {@code response-*} query parameters and the headers they set (S3 API Reference, GetObject). */
  private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
      "response-cache-control", "Cache-Control", "response-content-disposition", "Content-Disposition",
      "response-content-encoding", "Content-Encoding", "response-content-language", "Content-Language",
      "response-content-type", "Content-Type", "response-expires", "Expires");

  private final Map<String, Bucket> buckets = new TreeMap<>();
  private String accountId = "123456789012";
  private String defaultRegion = "us-east-1";
  private java.time.Clock clock = java.time.Clock.systemUTC();

  @Override
  public void install(Installation installation) {
    this.accountId = installation.accountId();
    this.defaultRegion = installation.defaultRegion();
    this.clock = installation.clock();
    installation.provide(ObjectStore.class, this);
    installation.route(new HttpRoute() {
      @Override
      public boolean accepts(HttpCall call) {
        return call.signingService().equals("s3");
      }

      @Override
      public HttpAnswer answer(HttpCall call, RequestContext context) {
        return S3Service.this.answer(call, context);
      }

      @Override
      public String operationOf(HttpCall call) {
        return S3Service.operationOf(call);
      }

      @Override
      public HttpAnswer error(AwsServiceException e, RequestContext context) {
        // S3 throttles with 503 SlowDown; its errors are XML.
        return e.code().equals("ThrottlingException")
            ? S3Service.error(503, "SlowDown", "Please reduce your request rate.", null, context)
            : S3Service.error(e.status(), e.code(), e.getMessage(), null, context);
      }
    });
  }

  // --- ObjectStore ---------------------------------------------------------------------------------

  @Override
  public synchronized void put(String bucket, String key, byte[] content, String contentType) {
    buckets.computeIfAbsent(bucket, b -> new Bucket(defaultRegion, clock.instant())).objects.put(key,
        new StoredObject(content.clone(), contentType == null ? "binary/octet-stream" : contentType, md5(content),
            clock.instant(), Map.of(), null, ObjectAttributes.DEFAULT));
  }

  @Override
  public synchronized Optional<byte[]> get(String bucket, String key) {
    Bucket b = buckets.get(bucket);
    StoredObject object = b == null ? null : b.objects.get(key);
    return object == null ? Optional.empty() : Optional.of(object.content().clone());
  }

  @Override
  public synchronized List<String> list(String bucket, String prefix) {
    Bucket b = buckets.get(bucket);
    if (b == null) {
      return List.of();
    }
    return b.objects.tailMap(prefix, true).keySet().stream().takeWhile(k -> k.startsWith(prefix)).toList();
  }

  // --- HTTP --------------------------------------------------------------------------------------

  static String operationOf(HttpCall call) {
    String[] parts = split(call.path());
    return S3Operation.of(call, parts[0], parts[1], query(call.query())).name();
  }

  synchronized HttpAnswer answer(HttpCall call, RequestContext context) {
    String[] parts = split(call.path());
    String bucketName = parts[0];
    String key = parts[1];
    Map<String, String> query = query(call.query());
    S3Operation operation = S3Operation.of(call, bucketName, key, query);
    if (!operation.implemented()) {
      String unsupported = operation.unsupported().orElseThrow();
      String detail = unsupported.startsWith("?")
          ? "<Resource>" + xml(call.path() + unsupported) + "</Resource>"
          : "<Header>" + xml(unsupported) + "</Header>";
      return error(501, "NotImplemented", "A header you provided implies functionality that is not implemented.",
          detail, context);
    }
    if (bucketName == null) {
      return operation.name().equals("ListBuckets") ? listBuckets(query, context)
          : error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", null, context);
    }
    Bucket bucket = buckets.get(bucketName);
    if (operation.name().equals("CreateBucket")) {
      return createBucket(bucketName, bucket, call, context);
    }
    if (bucket == null) {
      return error(404, "NoSuchBucket", "The specified bucket does not exist",
          "<BucketName>" + xml(bucketName) + "</BucketName>", context);
    }
    // GetBucketLocation is how a client learns the region, so it answers from any region, like HeadBucket.
    if (!operation.name().equals("HeadBucket") && !operation.name().equals("GetBucketLocation")
        && !bucket.region.equals(context.region())) {
      return permanentRedirect(bucketName, bucket, context);
    }
    switch (operation.name()) {
      case "HeadBucket":
        return HttpAnswer.of(200, "application/xml", new byte[0]).withHeader("x-amz-bucket-region", bucket.region);
      case "GetBucketLocation":
        // "Buckets in Region us-east-1 have a LocationConstraint of null" (botocore, GetBucketLocationOutput).
        return HttpAnswer.text(200, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + (bucket.region.equals("us-east-1") ? "" : bucket.region) + "</LocationConstraint>");
      case "DeleteBucket":
        if (!bucket.objects.isEmpty()) {
          return error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty",
              "<BucketName>" + xml(bucketName) + "</BucketName>", context);
        }
        buckets.remove(bucketName);
        return HttpAnswer.of(204, "application/xml", new byte[0]);
      case "ListObjectsV2":
        return listObjects(bucketName, bucket, query, context);
      case "PutObject":
        return putObject(bucket, key, call, context);
      case "CopyObject":
        return copyObject(bucket, key, call, context);
      case "DeleteObject":
        bucket.objects.remove(key);
        return HttpAnswer.of(204, "application/xml", new byte[0]);
      case "GetObject":
      case "HeadObject":
        return getObject(bucket, key, operation.name().equals("HeadObject"), call, query, context);
      default:
        return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", null,
            context);
    }
  }

  /**
   * CreateBucket with S3's rules on names (3 to 63 characters of lower-case letters, digits, dots and
   * hyphens, beginning and ending with a letter or digit:
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html) and on the
   * location constraint against the region the request was signed for (botocore
   * {@code BucketLocationConstraint} has no {@code us-east-1}; a regional endpoint refuses a missing
   * or different constraint with {@code IllegalLocationConstraintException}). A repeated create by
   * the owner succeeds only for a bucket in us-east-1 asked through us-east-1 (botocore
   * BucketAlreadyOwnedByYou: "returns this error in all Amazon Web Services Regions except in the
   * North Virginia Region").
   */
  private HttpAnswer createBucket(String bucketName, Bucket existing, HttpCall call, RequestContext context) {
    if (!BUCKET_NAME.matcher(bucketName).matches() || bucketName.contains("..")
        || IP_ADDRESS.matcher(bucketName).matches()) {
      return error(400, "InvalidBucketName", "The specified bucket is not valid.",
          "<BucketName>" + xml(bucketName) + "</BucketName>", context);
    }
    java.util.regex.Matcher constraint = LOCATION_CONSTRAINT.matcher(call.bodyText());
    String location = constraint.find() ? constraint.group(1).trim() : "";
    String signed = context.region();
    if (location.equals("us-east-1")) {
      return error(400, "InvalidLocationConstraint", "The specified location-constraint is not valid",
          "<LocationConstraint>" + xml(location) + "</LocationConstraint>", context);
    }
    if (!signed.equals("us-east-1") && !location.equals(signed)) {
      return error(400, "IllegalLocationConstraintException", "The " + (location.isEmpty() ? "unspecified" : location)
          + " location constraint is incompatible for the region specific endpoint this request was sent to.", null,
          context);
    }
    String region = location.isEmpty() ? "us-east-1" : location;
    if (existing != null) {
      return existing.region.equals("us-east-1") && signed.equals("us-east-1")
          ? HttpAnswer.of(200, "application/xml", new byte[0]).withHeader("Location", "/" + bucketName)
          : error(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and "
              + "you already own it.", "<BucketName>" + xml(bucketName) + "</BucketName>", context);
    }
    buckets.put(bucketName, new Bucket(region, context.now()));
    return HttpAnswer.of(200, "application/xml", new byte[0]).withHeader("Location", "/" + bucketName);
  }

  private HttpAnswer getObject(Bucket bucket, String key, boolean head, HttpCall call, Map<String, String> query,
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
    if (range != null) {
      long[] bounds = ObjectAttributes.range(range, content.length);
      if (bounds == null) {
        return error(416, "InvalidRange", "The requested range is not satisfiable", "<RangeRequested>" + xml(range)
            + "</RangeRequested><ActualObjectSize>" + content.length + "</ActualObjectSize>", context);
      }
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
    answer = object.attributes().answer(answer, "ENABLED".equalsIgnoreCase(call.header("x-amz-checksum-mode")));
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
  private HttpAnswer copyObject(Bucket target, String key, HttpCall call, RequestContext context) {
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

  private HttpAnswer putObject(Bucket bucket, String key, HttpCall call, RequestContext context) {
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

  private HttpAnswer listObjects(String name, Bucket bucket, Map<String, String> query, RequestContext context) {
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    int max = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
    String after = query.getOrDefault("start-after", "");
    String token = query.get("continuation-token");
    if (token != null) {
      try {
        after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return error(400, "InvalidArgument", "The continuation token provided is incorrect", null, context);
      }
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
          .append(Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)))
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
        out.append("<Owner><ID>").append(canonicalUserId()).append("</ID></Owner>");
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
  private HttpAnswer listBuckets(Map<String, String> query, RequestContext context) {
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
        .append(canonicalUserId()).append("</ID></Owner><Buckets>");
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

  /**
   * S3's answer to a request signed for another region than the bucket's: 301 {@code PermanentRedirect}
   * ("The bucket you are attempting to access must be addressed using the specified endpoint. Please send
   * all future requests to this endpoint.", with the bucket's regional {@code Endpoint}), and the
   * bucket's region in {@code x-amz-bucket-region}. Sources: the S3 error-code list
   * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html, PermanentRedirect, 301 Moved
   * Permanently) and the {@code x-amz-bucket-region} response header
   * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html). HeadBucket keeps answering
   * 200 with the region here (S3 answers 301 with the same header; clients ask it to learn the region).
   */
  private static HttpAnswer permanentRedirect(String bucketName, Bucket bucket, RequestContext context) {
    return error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the "
        + "specified endpoint. Please send all future requests to this endpoint.", "<Endpoint>" + xml(bucketName)
        + ".s3." + bucket.region + ".amazonaws.com</Endpoint><Bucket>" + xml(bucketName) + "</Bucket>", context)
        .withHeader("x-amz-bucket-region", bucket.region);
  }

  /** The account's S3 canonical user ID: 64 hex characters, as S3 writes them. */
  private String canonicalUserId() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(accountId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String urlEncode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpAnswer error(int status, String code, String message, String extra, RequestContext context) {
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + xml(message)
        + "</Message>" + (extra == null ? "" : extra) + "<RequestId>" + context.requestId() + "</RequestId></Error>";
    return HttpAnswer.text(status, "application/xml", body);
  }

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

  private static String md5(byte[] content) {
    try {
      return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }

  /** {bucket, key} from a path-style path; either may be {@code null}. */
  private static String[] split(String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (path.isEmpty()) {
      return new String[] {null, null};
    }
    int slash = path.indexOf('/');
    if (slash < 0 || slash == path.length() - 1) {
      return new String[] {decode(slash < 0 ? path : path.substring(0, slash)), null};
    }
    return new String[] {decode(path.substring(0, slash)), decode(path.substring(slash + 1))};
  }

  private static String decode(String raw) {
    // Path segments are percent-encoded; a '+' in a path is a plus, not a space.
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
