package dev.sagemakergitops.local.s3;

import static dev.sagemakergitops.local.s3.Payloads.md5;
import static dev.sagemakergitops.local.s3.S3Wire.error;
import static dev.sagemakergitops.local.s3.S3Wire.query;
import static dev.sagemakergitops.local.s3.S3Wire.split;
import static dev.sagemakergitops.local.s3.S3Wire.xml;

import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.HttpAnswer;
import dev.sagemakergitops.local.protocol.HttpCall;
import dev.sagemakergitops.local.protocol.HttpRoute;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
  private static final java.util.regex.Pattern BUCKET_NAME =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final java.util.regex.Pattern IP_ADDRESS =
      java.util.regex.Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final java.util.regex.Pattern LOCATION_CONSTRAINT =
      java.util.regex.Pattern.compile("<LocationConstraint>([^<]*)</LocationConstraint>");

  private final Map<String, Bucket> buckets = new TreeMap<>();
  private final ObjectOperations objects = new ObjectOperations(buckets);
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
        return call.signingService().equals("s3") || LegacyRequests.isS3s(call);
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
            ? S3Wire.error(503, "SlowDown", "Please reduce your request rate.", null, context)
            : S3Wire.error(e.status(), e.code(), e.getMessage(), null, context);
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
    Optional<HttpAnswer> refused = LegacyRequests.refusal(call, context);
    if (refused.isPresent()) {
      return refused.get();
    }
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
      return operation.name().equals("ListBuckets") ? Listings.listBuckets(buckets, query, context, accountId)
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
        return Listings.listObjects(bucketName, bucket, query, context, accountId);
      case "PutObject":
        return objects.putObject(bucket, key, call, context);
      case "CopyObject":
        return objects.copyObject(bucket, key, call, context);
      case "DeleteObject":
        bucket.objects.remove(key);
        return HttpAnswer.of(204, "application/xml", new byte[0]);
      case "GetObject":
      case "HeadObject":
        return objects.getObject(bucket, key, operation.name().equals("HeadObject"), call, query, context);
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
}
