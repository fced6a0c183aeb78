package dev.sagemakergitops.core.security;

import dev.sagemakergitops.core.aws.CallCounter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The IAM actions the AWS calls of some clients required: each call's own action (from the
 * {@code Service.Operation} a {@link CallCounter} records, failed calls included, since AWS checks
 * the permission before it knows the answer), and the actions a request implies without being a
 * call of its own:
 *
 * <ul>
 *   <li>{@code iam:PassRole} for a SageMaker request that hands SageMaker a role
 *       ({@code RoleArn}, {@code ExecutionRoleArn});
 *   <li>{@code sagemaker:AddTags} for a SageMaker {@code Create*} request that carries tags
 *       (SageMaker authorizes tag-on-create as {@code AddTags}).
 * </ul>
 */
final class RequiredActions implements ExecutionInterceptor {
  /** The IAM service prefix of each SDK service name; a call to any other service fails the mapping. */
  private static final Map<String, String> PREFIXES = Map.of(
      "SageMaker", "sagemaker",
      "Ecr", "ecr",
      "CloudWatch", "cloudwatch",
      "ApplicationAutoScaling", "application-autoscaling",
      "S3", "s3",
      "Sts", "sts");
  /** S3 authorizes object reads by action, not by API: a HEAD is a read of the object. */
  private static final Map<String, String> S3_ACTIONS = Map.of(
      "GetObject", "s3:GetObject",
      "HeadObject", "s3:GetObject",
      "ListObjectsV2", "s3:ListBucket");
  private static final List<String> ROLE_FIELDS = List.of("RoleArn", "ExecutionRoleArn");

  private final CallCounter calls = new CallCounter();
  private final Set<String> implied = new ConcurrentSkipListSet<>();

  /** The interceptors to build clients with. */
  List<ExecutionInterceptor> interceptors() {
    return List.of(calls, this);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!"SageMaker".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
      return;
    }
    SdkRequest request = context.request();
    if (ROLE_FIELDS.stream().anyMatch(field -> request.getValueForField(field, String.class).isPresent())) {
      implied.add("iam:PassRole");
    }
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Optional<List> tags = request.getValueForField("Tags", List.class);
    if (operation.startsWith("Create") && tags.isPresent() && !tags.get().isEmpty()) {
      implied.add("sagemaker:AddTags");
    }
  }

  /** Every action required so far, sorted. */
  Set<String> actions() {
    Set<String> actions = new TreeSet<>(implied);
    calls.calls().forEach(call -> actions.add(actionOf(call)));
    return actions;
  }

  /** The IAM action that authorizes {@code call}, given as {@code Service.Operation}. */
  static String actionOf(String call) {
    int dot = call.indexOf('.');
    String service = call.substring(0, dot);
    String operation = call.substring(dot + 1);
    String prefix = PREFIXES.get(service);
    if (prefix == null) {
      throw new IllegalArgumentException("no IAM prefix known for " + call + "; add the service to PREFIXES");
    }
    if (prefix.equals("s3")) {
      String action = S3_ACTIONS.get(operation);
      if (action == null) {
        throw new IllegalArgumentException("no IAM action known for " + call + "; add it to S3_ACTIONS");
      }
      return action;
    }
    return prefix + ":" + operation;
  }
}
