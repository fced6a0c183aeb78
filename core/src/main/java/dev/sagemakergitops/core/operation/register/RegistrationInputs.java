package dev.sagemakergitops.core.operation.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemakergitops.core.aws.S3BucketInAnotherRegion;
import dev.sagemakergitops.core.aws.S3Objects;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 reads registration checks before its first mutating call: the model artifact exists, and
 * the evaluation report exists and is JSON (its SHA-256 becomes the metrics' {@code ContentDigest},
 * so a report changed later no longer matches what was registered).
 */
final class RegistrationInputs {
  private static final Pattern S3_URI = Pattern.compile("s3://([^/]+)/(.+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Objects s3;

  /** @param s3 objects in the region the model is registered in */
  RegistrationInputs(S3Objects s3) {
    this.s3 = s3;
  }

  /**
   * {@code sha256:<hex>} of the evaluation report at {@code uri}.
   *
   * @throws OperationInputException at {@code spec.registry.metrics} when the report does not exist
   *     or is not JSON
   */
  String evaluationReportDigest(ResolvedManifest manifest, String uri) {
    String field = "spec.registry.metrics";
    Location location = locate(manifest, field, uri, "an evaluation report such as s3://bucket/eval/evaluation.json");
    S3Objects.Read read;
    try {
      read = s3.read(location.bucket(), location.key());
    } catch (S3BucketInAnotherRegion e) {
      throw otherRegion(manifest, field, "evaluation report", uri, e);
    }
    if (read instanceof S3Objects.Missing missing) {
      throw new OperationInputException(manifest.problemAt(field, "the evaluation report " + uri + " does not exist ("
          + missing.errorCode() + "); write it before registering (the evaluation step's output), "
          + "or remove spec.registry.metrics to register without model metrics"));
    }
    byte[] bytes = ((S3Objects.Found) read).bytes().asByteArray();
    try {
      JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new OperationInputException(manifest.problemAt(field, "the evaluation report " + uri
          + " is not JSON (" + reason + "); SageMaker shows model quality statistics from a JSON report"));
    }
    if (bytes.length == 0) {
      throw new OperationInputException(manifest.problemAt(field, "the evaluation report " + uri
          + " is empty; expected a JSON report of model quality statistics"));
    }
    return "sha256:" + sha256(bytes);
  }

  /**
   * Checks that the model artifact at {@code uri} exists.
   *
   * @throws OperationInputException at {@code spec.registry} when it does not
   */
  void requireArtifact(ResolvedManifest manifest, String uri) {
    Location location = locate(manifest, "spec.registry", uri, "a model artifact such as s3://bucket/model.tar.gz");
    boolean exists;
    try {
      exists = s3.head(location.bucket(), location.key()).isPresent();
    } catch (S3BucketInAnotherRegion e) {
      throw otherRegion(manifest, "spec.registry", "model artifact", uri, e);
    }
    if (!exists) {
      throw new OperationInputException(manifest.problemAt("spec.registry", "the model artifact " + uri
          + " does not exist; register the artifact a training job wrote (its ModelArtifacts.S3ModelArtifacts)"));
    }
  }

  /**
   * A bucket in another region is the manifest's problem, not a failure of AWS: SageMaker reads a
   * model package's artifacts only from a bucket in its own region (botocore
   * ModelPackageContainerDefinition.ModelDataUrl: "must be in an S3 bucket that is in the same region
   * as the model package"), so following the redirect would only defer the refusal.
   */
  private static OperationInputException otherRegion(ResolvedManifest manifest, String field, String what, String uri,
      S3BucketInAnotherRegion e) {
    String region = e.clientRegion();
    return new OperationInputException(manifest.problemAt(field, e.describe(what, uri)
        + " where the model is registered (S3 answered 301 PermanentRedirect); SageMaker "
        + "reads artifacts only from a bucket in the model's own region: copy it to a bucket in " + region
        + e.bucketRegion().map(other -> ", or set spec.region to " + other + " if the model belongs there").orElse("")));
  }

  private static Location locate(ResolvedManifest manifest, String field, String uri, String expected) {
    Matcher matcher = S3_URI.matcher(uri == null ? "" : uri);
    if (!matcher.matches()) {
      throw new OperationInputException(manifest.problemAt(field, "expected " + expected + ", got '" + uri + "'"));
    }
    return new Location(matcher.group(1), matcher.group(2));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private record Location(String bucket, String key) {}
}
