package dev.sagemakergitops.core.manifest;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The limits SageMaker and its neighbours enforce, as given by the botocore service models and the
 * SageMaker Developer Guide, checked before anything is sent so that bad input never reaches AWS.
 * Patterns are matched against the whole value, as the services do.
 */
public final class SageMakerLimits {
  private SageMakerLimits() {}

  /** EntityName / EndpointName / VariantName / ModelPackageGroupName: 1-63 characters. */
  public static final Pattern ENTITY_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  public static final int ENTITY_NAME_MAX = 63;

  /**
   * A manifest's own name. Shorter than SageMaker's 63 because derived resource names append a
   * hash of the resolved spec ({@code <name>-<12 hex>}) and still have to fit in 63.
   */
  public static final Pattern MANIFEST_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9])*");
  public static final int MANIFEST_NAME_MAX = 40;

  /** A batch transform's key; it becomes part of the transform job's name. */
  public static final int TRANSFORM_NAME_MAX = 20;

  /** RoleArn: 20-2048 characters. */
  public static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
  public static final int ROLE_ARN_MAX = 2048;

  /** The shape of SageMaker's instance type enumeration: {@code ml.<family>.<size>}. */
  public static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z][a-z0-9-]*\\.(?:[0-9]*xlarge|large|medium|small|micro|nano|metal(?:-[0-9]+xl)?)");

  /** S3 URIs as SageMaker takes them ({@code S3Uri}, at most 1024 characters). */
  public static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9](/.*)?");
  public static final int S3_URI_MAX = 1024;

  public static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

  /** Training channel names. */
  public static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z0-9.\\-_]+");

  /** Container environment variable names; at most 100 entries, values at most 1024 characters. */
  public static final Pattern ENVIRONMENT_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** Tag keys and values (labels become tags). Keys starting with {@code aws:} are reserved. */
  public static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  /** CloudWatch alarm names in {@code AutoRollbackConfiguration}: 1-255 characters, not blank. */
  public static final Pattern ALARM_NAME = Pattern.compile("(?!\\s*$).+");

  public static final Pattern SUBNET_OR_SECURITY_GROUP = Pattern.compile("[-0-9a-zA-Z]+");

  /** The JSONPath subset of batch transform's {@code InputFilter}/{@code OutputFilter}, at most 63 characters. */
  public static final Pattern JSON_PATH = Pattern.compile("\\$.*");

  public static final Pattern CONTENT_TYPE = Pattern.compile("[a-zA-Z0-9.+\\-]+/[a-zA-Z0-9.+\\-]+(\\s*;.*)?");

  /**
   * SageMaker allows 50 tags per resource (botocore {@code TagList} max 50; "Maximum tags per
   * resource: 50", AWS Tag Editor user guide, tagging best practices). sagemaker-gitops writes up to
   * {@link #TOOL_TAGS} of its own on an endpoint or endpoint configuration (the 11 lineage tags, the
   * intent or endpoint tag, one reserved), so the manifest's labels get the rest.
   */
  public static final int TAGS_PER_RESOURCE_MAX = 50;
  public static final int TOOL_TAGS = 13;
  public static final int LABELS_MAX = TAGS_PER_RESOURCE_MAX - TOOL_TAGS;
  public static final Duration BAKE_MAX = Duration.ofSeconds(3600);
  public static final Duration TERMINATION_WAIT_MAX = Duration.ofSeconds(3600);
  public static final Duration DEPLOYMENT_TIMEOUT_MIN = Duration.ofSeconds(600);
  public static final Duration DEPLOYMENT_TIMEOUT_MAX = Duration.ofSeconds(28_800);
  public static final Duration TRAINING_RUNTIME_MAX = Duration.ofDays(28);
  public static final Duration SHADOW_TEST_MIN = Duration.ofHours(1);
  public static final Duration SHADOW_TEST_MAX = Duration.ofDays(30);
}
