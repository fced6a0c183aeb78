package dev.sagemakergitops.core.pullrequest;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.ModelPackageContainer;
import dev.sagemakergitops.core.aws.ModelPackageLookup;
import dev.sagemakergitops.core.aws.ModelPackageResult;
import dev.sagemakergitops.core.aws.ModelPackageVersion;
import dev.sagemakergitops.core.aws.S3BucketInAnotherRegion;
import dev.sagemakergitops.core.aws.S3Objects;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.ManifestFile;
import dev.sagemakergitops.core.health.HealthState;
import dev.sagemakergitops.core.health.RollbackAlarms;
import dev.sagemakergitops.core.manifest.ManifestLoader;
import dev.sagemakergitops.core.manifest.ManifestSource;
import dev.sagemakergitops.core.manifest.ModelManifest;
import dev.sagemakergitops.core.status.EndpointSyncStatus;
import dev.sagemakergitops.core.status.SyncState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;

/**
 * Reads, with read-only calls, what the pull-request texts ({@link PullRequestTexts}) say: for a
 * bump, the version's registry record ({@code DescribeModelPackage}: approval, the lineage in
 * {@code CustomerMetadataProperties} that {@code registerModel} writes, and the evaluation report
 * its {@code ModelMetrics} points at, read from S3); for a revert, the rollback alarms of the
 * endpoint's last deployment ({@code DescribeEndpoint}'s {@code LastDeploymentConfig}) that are in
 * ALARM now or that SageMaker's reason names. A fact that cannot be read is left out of the text,
 * never a reason not to open the pull request.
 */
public final class PullRequestFacts {
  private final AwsClients clients;

  public PullRequestFacts(AwsClients clients) {
    this.clients = clients;
  }

  /**
   * What the registry says about {@code modelPackage}, for the manifest at {@code manifestPath} as
   * of {@code commit} (its {@code metadata.name}, and its {@code spec.region} else the default region).
   */
  public BumpFacts bump(GitRepository git, String commit, String manifestPath, String modelPackage) {
    String name = manifestPath;
    String region = null;
    try {
      ManifestFile file = git.readManifests(commit, List.of(manifestPath)).get(0);
      Optional<ModelManifest> manifest = new ManifestLoader()
          .load(new ManifestSource(manifestPath, file.blobId()), file.content()).validManifest();
      if (manifest.isPresent()) {
        name = manifest.get().name();
        region = manifest.get().spec().region();
      }
    } catch (RuntimeException unreadable) {
      // The bump just wrote this manifest; if it cannot be read back, the path stands in for its name.
    }
    try {
      return bump(region == null ? clients.defaultRegion().id() : region, name, manifestPath, modelPackage);
    } catch (RuntimeException noRegion) {
      return BumpFacts.of(name, manifestPath, modelPackage);
    }
  }

  /**
   * What a rolled-back endpoint's status says, with the subject of the commit reverted as
   * {@code git} has it.
   */
  public RevertFacts revert(EndpointSyncStatus status, GitRepository git, String revertCommit) {
    String subject = null;
    try {
      subject = status.offendingCommit() == null ? null : git.resolve(status.offendingCommit()).shortMessage();
    } catch (RuntimeException unreadable) {
      // A shallow clone may lack it; the id alone still names it.
    }
    return revert(status, subject, revertCommit);
  }

  /** What the registry says about {@code modelPackage} ({@code group/version}) in {@code region}. */
  public BumpFacts bump(String region, String manifestName, String manifestPath, String modelPackage) {
    int slash = modelPackage.lastIndexOf('/');
    ModelPackageResult result;
    try {
      result = new ModelPackageLookup(clients.sageMaker(region))
          .describe(modelPackage.substring(0, slash), Integer.parseInt(modelPackage.substring(slash + 1)));
    } catch (RuntimeException unreadable) {
      return BumpFacts.of(manifestName, manifestPath, modelPackage);
    }
    if (!(result instanceof ModelPackageResult.Found found)) {
      return BumpFacts.of(manifestName, manifestPath, modelPackage);
    }
    ModelPackageVersion version = found.modelPackage();
    Map<String, String> lineage = version.customerMetadata();
    String image = lineage.get("image");
    if (!version.containers().isEmpty()) {
      ModelPackageContainer first = version.containers().get(0);
      image = first.imageDigest() == null || first.image().contains("@") ? first.image()
          : first.image().replaceFirst(":[^:/]+$", "") + "@" + first.imageDigest();
    }
    String report = metricsReport(region, version.arn());
    Map<String, String> metrics = report == null ? Map.of() : readMetrics(region, report);
    return new BumpFacts(manifestName, manifestPath, modelPackage, version.arn(), version.approvalStatus(),
        lineage.get("training-job"), image, report, metrics);
  }

  /** What a rolled-back endpoint's status says, with the alarms that fired. */
  public RevertFacts revert(EndpointSyncStatus status, String revertedSubject, String revertCommit) {
    return new RevertFacts(status.manifestName(), status.manifestPath(), status.endpointName(), status.region(),
        status.health() == HealthState.UPDATE_ROLLBACK_FAILED,
        status.failureReason(), firedAlarms(status), status.liveConfig(), status.requestedConfig(),
        status.offendingCommit(), revertedSubject, revertCommit);
  }

  private List<String> firedAlarms(EndpointSyncStatus status) {
    if (status.state() != SyncState.ROLLED_BACK || status.endpointName() == null) {
      return List.of();
    }
    try {
      DescribeEndpointResponse endpoint = clients.sageMaker(status.region())
          .describeEndpoint(r -> r.endpointName(status.endpointName()));
      if (endpoint.lastDeploymentConfig() == null || endpoint.lastDeploymentConfig().autoRollbackConfiguration() == null) {
        return List.of();
      }
      List<String> watched = endpoint.lastDeploymentConfig().autoRollbackConfiguration().alarms().stream()
          .map(alarm -> alarm.alarmName()).toList();
      List<String> fired = new ArrayList<>(RollbackAlarms.inAlarm(clients.cloudWatch(status.region()),
          watched.subList(0, Math.min(10, watched.size()))));
      String reason = status.failureReason() == null ? "" : status.failureReason();
      watched.stream().filter(reason::contains).filter(name -> !fired.contains(name)).forEach(fired::add);
      return fired;
    } catch (SdkException unreadable) {
      return List.of();
    }
  }

  private String metricsReport(String region, String arn) {
    try {
      DescribeModelPackageResponse described = clients.sageMaker(region)
          .describeModelPackage(r -> r.modelPackageName(arn));
      if (described.modelMetrics() == null || described.modelMetrics().modelQuality() == null
          || described.modelMetrics().modelQuality().statistics() == null) {
        return null;
      }
      return described.modelMetrics().modelQuality().statistics().s3Uri();
    } catch (SdkException unreadable) {
      return null;
    }
  }

  private Map<String, String> readMetrics(String region, String uri) {
    if (!uri.startsWith("s3://") || uri.indexOf('/', 5) < 0) {
      return Map.of();
    }
    String bucket = uri.substring(5, uri.indexOf('/', 5));
    String key = uri.substring(uri.indexOf('/', 5) + 1);
    try {
      S3Objects.Read read = new S3Objects(clients.s3(region), region).read(bucket, key);
      return read instanceof S3Objects.Found found ? EvaluationReport.metrics(found.bytes().asByteArray()) : Map.of();
    } catch (SdkException | S3BucketInAnotherRegion unreadable) {
      // The metrics are a courtesy of the pull request's text: a report that cannot be read leaves them out.
      return Map.of();
    }
  }
}
