package dev.sagemakergitops.core.aws;

import dev.sagemakergitops.core.input.InvalidArgumentException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.MetadataProperties;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

/**
 * Describes one version of a versioned model package, {@code group/version} (for example
 * {@code churn/7}), in the account and region of the SageMaker client it is given.
 *
 * <p><b>How the version is named.</b> {@code DescribeModelPackage} takes a {@code VersionedArnOrName}.
 * For a versioned package the only spelling that both SageMaker and the moto emulator accept is the
 * package ARN, {@code arn:<partition>:sagemaker:<region>:<account>:model-package/<group>/<version>},
 * with the group name LOWERCASED as SageMaker writes it into package ARNs (the SageMaker guide's
 * pipeline example: group {@code AbaloneModelPackageGroupName}, package
 * {@code model-package/abalonemodelpackagegroupname/2}). A bare group name would describe some
 * version of the group (moto answers with the newest), and the service model's {@code name/version}
 * form is not accepted by moto. So the lookup makes two calls:
 *
 * <ol>
 *   <li>{@code DescribeModelPackageGroup(group)}: proves the group exists (so "no such group" and
 *       "no such version" are told apart) and yields its ARN, whose partition, region and account are
 *       the package's. The ARN is remembered for the life of this object, so further versions of the
 *       same group cost one call each. A group given as an ARN skips this call.
 *   <li>{@code DescribeModelPackage(package ARN)}; the answer's group and version are checked against
 *       what was asked.
 * </ol>
 *
 * <p>SageMaker answers a missing group or package with {@code ValidationException} ("... does not
 * exist."), not {@code ResourceNotFound}; {@link SageMakerModelPackages} reads that answer, and a
 * {@code ValidationException} that says nothing of the sort is reported as a failure, not as
 * not-found. Read-only.
 */
public final class ModelPackageLookup {

  /** SageMaker's {@code EntityName}: the rule for model package group names. */
  private static final Pattern GROUP_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  private static final Pattern GROUP_ARN = Pattern.compile(
      "arn:(aws[a-z-]*):sagemaker:([a-z0-9-]+):(\\d{12}):model-package-group/([a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})");

  private final SageMakerClient sageMaker;
  private final SageMakerModelPackages packages;
  private final Map<String, String> groupArns = new ConcurrentHashMap<>();

  public ModelPackageLookup(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
    this.packages = new SageMakerModelPackages(sageMaker);
  }

  /**
   * Describes {@code group/version}.
   *
   * @param group the group's name, or its ARN
   * @param version 1 or more
   * @throws IllegalArgumentException when the group is neither a valid name nor a group ARN, or the version is below 1
   */
  public ModelPackageResult describe(String group, int version) {
    if (version < 1) {
      throw new InvalidArgumentException("model package versions start at 1, got " + version);
    }
    Matcher arn = GROUP_ARN.matcher(group == null ? "" : group);
    String groupName;
    String groupArn;
    if (arn.matches()) {
      groupName = arn.group(4);
      groupArn = group;
    } else if (group != null && GROUP_NAME.matcher(group).matches()) {
      groupName = group;
      groupArn = groupArns.get(group);
    } else {
      throw new InvalidArgumentException("expected a model package group name (1-63 letters, digits and '-', "
          + "starting and ending with a letter or digit) or a model package group ARN, got '" + group + "'");
    }
    String region = region();
    try {
      if (groupArn == null) {
        Optional<DescribeModelPackageGroupResponse> found = packages.findGroup(groupName);
        if (found.isEmpty()) {
          return new ModelPackageResult.GroupNotFound(groupName, version, region);
        }
        groupArn = found.get().modelPackageGroupArn();
        groupArns.put(groupName, groupArn);
      }
    } catch (AwsServiceException e) {
      return failed(groupName, version, e);
    } catch (SdkClientException e) {
      return failed(groupName, version, e);
    }
    String packageArn = packageArn(groupArn, version);
    DescribeModelPackageResponse response;
    try {
      Optional<DescribeModelPackageResponse> found = packages.find(packageArn);
      if (found.isEmpty()) {
        return new ModelPackageResult.VersionNotFound(groupName, version, region);
      }
      response = found.get();
    } catch (AwsServiceException e) {
      return failed(groupName, version, e);
    } catch (SdkClientException e) {
      return failed(groupName, version, e);
    }
    if (response.modelPackageVersion() == null || response.modelPackageVersion() != version
        || !groupName.equalsIgnoreCase(response.modelPackageGroupName())) {
      return new ModelPackageResult.Failed(groupName, version, region, "UnexpectedAnswer",
          "DescribeModelPackage(" + packageArn + ") answered with package " + response.modelPackageGroupName() + "/"
              + response.modelPackageVersion());
    }
    return new ModelPackageResult.Found(toVersion(response, version));
  }

  /**
   * The package ARN from the group ARN: same partition, region and account; {@code model-package/},
   * the group name lowercased (as SageMaker writes it), the version.
   */
  static String packageArn(String groupArn, int version) {
    int slash = groupArn.indexOf(":model-package-group/");
    if (slash < 0) {
      throw new InvalidArgumentException("not a model package group ARN: " + groupArn);
    }
    String prefix = groupArn.substring(0, slash);
    String name = groupArn.substring(slash + ":model-package-group/".length());
    return prefix + ":model-package/" + name.toLowerCase(Locale.ROOT) + "/" + version;
  }

  private static ModelPackageVersion toVersion(DescribeModelPackageResponse response, int version) {
    List<ModelPackageContainer> containers = response.inferenceSpecification() == null
        ? List.of()
        : response.inferenceSpecification().containers().stream().map(ModelPackageLookup::toContainer).toList();
    MetadataProperties metadata = response.metadataProperties();
    return new ModelPackageVersion(
        response.modelPackageArn(),
        response.modelPackageGroupName(),
        version,
        response.modelApprovalStatusAsString(),
        response.modelPackageStatusAsString(),
        containers,
        metadata == null ? ModelPackageMetadata.NONE : new ModelPackageMetadata(
            metadata.commitId(), metadata.repository(), metadata.generatedBy(), metadata.projectId()),
        response.customerMetadataProperties(),
        response.creationTime());
  }

  private static ModelPackageContainer toContainer(ModelPackageContainerDefinition container) {
    String modelData = container.modelDataUrl();
    if (modelData == null && container.modelDataSource() != null && container.modelDataSource().s3DataSource() != null) {
      modelData = container.modelDataSource().s3DataSource().s3Uri();
    }
    return new ModelPackageContainer(container.image(), container.imageDigest(), modelData,
        container.containerHostname(), container.hasEnvironment() ? container.environment() : Map.of());
  }

  private ModelPackageResult failed(String group, int version, AwsServiceException e) {
    return new ModelPackageResult.Failed(group, version, region(), AwsFailures.errorCode(e), AwsFailures.serviceMessage(e));
  }

  private ModelPackageResult failed(String group, int version, SdkClientException e) {
    return new ModelPackageResult.Failed(group, version, region(), e.getClass().getSimpleName(), AwsFailures.clientMessage(e));
  }

  private String region() {
    return sageMaker.serviceClientConfiguration().region().id();
  }
}
